"""installer/crm_desktop.nsi compiles with Debian's makensis into a 64-bit setup that carries
the version in its name and properties (skipped where makensis is not installed). Running
the setup is installer/check_installer.py's job, under Wine."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "installer" / "crm_desktop.nsi"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis not installed (apt-get install nsis)"),
]


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _checker_module():
    """installer/check_installer.py (standard library only), for its reading of version resources."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_installer", ROOT / "installer" / "check_installer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def version_string(data: bytes, key: str) -> str | None:
    return _checker_module().version_string(data, key)


def stand_in_bundle(folder: Path) -> Path:
    """The shape of the PyInstaller bundle: crm_desktop.exe beside _internal/."""
    bundle = folder / "crm_desktop"
    (bundle / "_internal" / "resources").mkdir(parents=True)
    (bundle / "crm_desktop.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "resources" / "a.txt").write_text("资源", encoding="utf-8")
    (bundle / "_internal" / "python311.dll").write_bytes(bytes(range(256)) * 64)
    return bundle


def makensis(*defines: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["makensis", "-V2", *defines, str(SCRIPT)], capture_output=True, text=True,
                          timeout=120, env=env)


def pe_machine(data: bytes) -> int:
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe:pe + 4] == b"PE\0\0"
    return struct.unpack_from("<H", data, pe + 4)[0]


def test_the_script_builds_a_64_bit_setup_named_and_stamped_with_the_version(tmp_path):
    bundle = stand_in_bundle(tmp_path)
    version = project_version()
    out = tmp_path / "out" / f"crm_desktop-{version}-setup.exe"  # the folder is made by the script

    done = makensis(f"-DBUNDLE_DIR={bundle}", f"-DOUT_FILE={out}")  # VERSION from pyproject.toml

    assert done.returncode == 0, done.stdout + done.stderr
    data = out.read_bytes()
    assert len(data) < 1_000_000
    assert pe_machine(data) == 0x8664  # AMD64: Wine 64-bit runs it
    assert version_string(data, "ProductVersion") == version
    assert version_string(data, "FileVersion") == version
    assert version_string(data, "ProductName") == "crm_desktop 售后服务"
    assert re.fullmatch(r"© \d{4} .+", version_string(data, "LegalCopyright"))
    icon = (ROOT / "resources" / "icons" / "crm_desktop.ico").read_bytes()
    first_image_size, first_image_offset = struct.unpack_from("<II", icon, 6 + 8)
    assert icon[first_image_offset:first_image_offset + first_image_size] in data


def test_a_missing_bundle_is_named(tmp_path):
    done = makensis(f"-DBUNDLE_DIR={tmp_path / 'nothing'}", f"-DOUT_FILE={tmp_path / 'x.exe'}")

    assert done.returncode != 0
    assert "has no crm_desktop.exe" in done.stdout + done.stderr
    assert not (tmp_path / "x.exe").exists()


def test_without_64_bit_stubs_the_script_still_builds_a_32_bit_setup(tmp_path):
    """NSIS's own Windows build (Chocolatey's, which the Actions workflow uses) has no
    amd64-unicode stubs: the script falls back to a 32-bit setup instead of failing."""
    info = subprocess.run(["makensis", "-HDRINFO"], capture_output=True, text=True, timeout=60).stdout
    found = re.search(r"NSISDIR=([^,\n]+)", info)
    if not found or not Path(found.group(1), "Stubs").is_dir():
        pytest.skip("makensis names no data folder with stubs")
    nsisdir = Path(found.group(1))
    copy = tmp_path / "nsis"
    shutil.copytree(nsisdir, copy)
    for stub in (copy / "Stubs").glob("*amd64*"):
        stub.unlink()
    bundle = stand_in_bundle(tmp_path)
    out = tmp_path / "setup32.exe"

    done = makensis(f"-DBUNDLE_DIR={bundle}", f"-DOUT_FILE={out}", env=dict(os.environ, NSISDIR=str(copy)))

    assert done.returncode == 0, done.stdout + done.stderr
    assert "this setup is a 32-bit exe" in done.stdout + done.stderr
    assert pe_machine(out.read_bytes()) == 0x14C  # i386
