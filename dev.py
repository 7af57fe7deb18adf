#!/usr/bin/env python3
"""Set up and run crm_desktop from a checkout: the two commands of the README.

    python3 dev.py start   set up, fill a demo data folder (first time), start the program on it
    python3 dev.py test    set up, then run the whole test suite (pytest, Qt offscreen)
    python3 dev.py build   set up, then the PyInstaller one-folder bundle dist/crm_desktop (build.spec)
    python3 dev.py build-windows   on Debian: the Windows program and its installer, built and
                           checked under Wine (tools/windows/build.py; --help there)
    python3 dev.py form-pictures   set up, then every printed form at 150 dpi in build/forms/
                           (tools/form_pictures.py), for a person to look at

Set-up, done by both and skipped when already done: on Debian/Ubuntu the system libraries
Qt needs (apt-get, when missing); a virtual environment in .venv with the project installed
(editable, with its test tools); the Chinese translation compiled from resources/i18n/*.ts.
Standard library only, so it runs on a fresh machine and on Windows (``py dev.py start``).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
DEMO_DATA = ROOT / "demo-data"
STAMP = VENV / ".crm_desktop-installed"
IS_WINDOWS = os.name == "nt"

# Debian packages Qt's xcb and offscreen platforms load at run time, and what the tests use.
QT_DEBIAN_PACKAGES = [
    "libegl1", "libgl1", "libfontconfig1", "libfreetype6", "libxkbcommon0", "libxkbcommon-x11-0",
    "libdbus-1-3", "libglib2.0-0", "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4",
    "libxcb-keysyms1", "libxcb-image0", "libxcb-render-util0", "libxcb-shape0", "libxcb-randr0",
    "libxcb-xinerama0", "libxcb-xkb1",
]
# poppler-utils: pdftotext, pdffonts, pdftoppm; zbar-tools: zbarimg reads the printed barcodes;
# libreoffice-calc: recalculates the workbooks the program writes (its formulas checked)
TEST_DEBIAN_PACKAGES: list[str] = ["poppler-utils", "zbar-tools", "libreoffice-calc"]


def say(text: str) -> None:
    print(f"[dev] {text}", flush=True)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def venv_tool(name: str) -> Path:
    return VENV / ("Scripts" if IS_WINDOWS else "bin") / (name + (".exe" if IS_WINDOWS else ""))


def ensure_debian_packages(packages: list[str]) -> None:
    if IS_WINDOWS or sys.platform == "darwin" or not packages or not shutil.which("dpkg-query"):
        return
    missing = []
    for pkg in packages:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
        if "install ok installed" not in out.stdout:
            missing.append(pkg)
    if not missing:
        return
    prefix = [] if os.geteuid() == 0 else (["sudo"] if shutil.which("sudo") else None)
    if prefix is None:
        say("missing system packages (install them as root): " + " ".join(missing))
        return
    say("installing system packages: " + " ".join(missing))
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(prefix + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(prefix + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True, env=env)


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("crm_desktop needs Python 3.11 or newer")
    if not venv_python().exists():
        say(f"creating virtual environment in {VENV}")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    say("installing crm_desktop and its dependencies")
    py = str(venv_python())
    subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def compile_translations() -> None:
    """resources/i18n/*.ts -> .qm (the .qm files are build products, not committed)."""
    lrelease = venv_tool("pyside6-lrelease")
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime:
            continue
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(qm)], check=True)
        say(f"compiled {qm.relative_to(ROOT)}")


def setup(extra_debian: list[str]) -> None:
    ensure_debian_packages(QT_DEBIAN_PACKAGES + extra_debian)
    ensure_venv()
    compile_translations()


def start(args: list[str]) -> int:
    setup([])
    py = str(venv_python())
    if not (DEMO_DATA / "crm_desktop.sqlite3").exists():
        say(f"filling the demo data folder {DEMO_DATA}")
        subprocess.run([py, "-m", "crm_desktop", "demo", "--data-dir", str(DEMO_DATA)], check=True)
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
            and "QT_QPA_PLATFORM" not in os.environ:
        say("no display found (DISPLAY is not set): run this from a desktop session, or under xvfb-run")
    say(f"starting crm_desktop on {DEMO_DATA}")
    # the demo's window settings (size, printers, folders) stay with the demo, not the user's own
    env = dict(os.environ)
    env.setdefault("CRM_DESKTOP_SETTINGS_DIR", str(DEMO_DATA / "settings"))
    return subprocess.call([py, "-m", "crm_desktop", "--data-dir", str(DEMO_DATA), *args], env=env)


def test(args: list[str]) -> int:
    setup(TEST_DEBIAN_PACKAGES)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(venv_python()), "-m", "pytest", *args], cwd=ROOT, env=env)


def build(args: list[str]) -> int:
    setup(["binutils"])  # strip and objdump, which PyInstaller uses on Linux
    py = str(venv_python())
    if subprocess.run([py, "-c", "import PyInstaller"], capture_output=True).returncode != 0:
        say("installing PyInstaller")
        subprocess.run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[test,build]"], check=True)
    say("building dist/crm_desktop with build.spec")
    return subprocess.call(
        [py, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(ROOT / "dist"),
         "--workpath", str(ROOT / "build"), str(ROOT / "build.spec"), *args],
        cwd=ROOT,
    )


def build_windows(args: list[str]) -> int:
    return subprocess.call([sys.executable, str(ROOT / "tools" / "windows" / "build.py"), *args], cwd=ROOT)


def form_pictures(args: list[str]) -> int:
    setup(TEST_DEBIAN_PACKAGES)  # pdftoppm (poppler-utils)
    return subprocess.call([str(venv_python()), str(ROOT / "tools" / "form_pictures.py"), *args], cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("start", "test", "setup", "build", "build-windows", "form-pictures"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "setup":
        setup(TEST_DEBIAN_PACKAGES)
        return 0
    if command == "build":
        return build(rest)
    if command == "build-windows":
        return build_windows(rest)
    if command == "form-pictures":
        return form_pictures(rest)
    return start(rest) if command == "start" else test(rest)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
