"""The Windows build's checks that need no Wine: the Authenticode verdicts on the Windows
CPython (tools/windows/signature.py) and the pins of tools/windows/requirements-wine.txt."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / "tools" / "windows"


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"windows_{name}", TOOLS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


signature = _load("signature")

DIGEST = "03A6DEA94B64BA8F41B4296225B622C1FB1008E5FE20ACD318AA78070F2BB96A"

# what Debian 12's osslsigncode 2.5 printed for python.org's python.exe 3.11.9 (shortened)
SIGNED_BY_PSF = f"""\
Current PE checksum   : 00022FE0
Calculated PE checksum: 00022FE0

Signature Index: 0  (Primary Signature)
Message digest algorithm  : SHA256
Current message digest    : {DIGEST} 
Calculated message digest : {DIGEST} 

Signer's certificate:
	Signer #0:
		Subject: /C=US/ST=Oregon/L=Beaverton/O=Python Software Foundation/CN=Python Software Foundation
		Issuer : /C=US/O=DigiCert, Inc./CN=DigiCert Trusted G4 Code Signing RSA4096 SHA384 2021 CA1

Number of certificates: 3
	Signer #0:
		Subject: /C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Trusted Root G4

The signature is timestamped: Apr  2 12:32:08 2024 GMT
Hash Algorithm: sha256

Timestamp Server Signature verification: ok
Signature verification time: Apr  2 12:32:08 2024 GMT
Signature verification: ok

Number of verified signatures: 1
Succeeded
"""

# the same file with one byte changed
TAMPERED = f"""\
Current PE checksum   : 00022FE0
Calculated PE checksum: 00022EE1    MISMATCH!!!

Signature Index: 0  (Primary Signature)
Message digest algorithm  : SHA256
Current message digest    : {DIGEST} 
Calculated message digest : 75DE22EB0DD4BF716CAE84B7B7DA09FBBDB97C6CEA021903D516924B24EAEDA4     MISMATCH!!!

Signature verification: failed

Number of verified signatures: 1
Failed
"""

# osslsigncode 2.9 on the same file without the internet: the timestamp's CRL cannot be
# fetched, so the expired signing certificate is checked at today's date
EXPIRED_WITHOUT_TIMESTAMP = SIGNED_BY_PSF.replace(
    "Timestamp Server Signature verification: ok", "Timestamp Server Signature verification: failed"
).replace("Signature verification: ok\n", "\tError: certificate has expired\n\nSignature verification: failed\n").replace(
    "Succeeded", "Failed")

SIGNED_BY_SOMEONE_ELSE = SIGNED_BY_PSF.replace(
    "/O=Python Software Foundation/CN=Python Software Foundation", "/O=Someone Else Ltd/CN=Someone Else Ltd", 1)


def test_a_psf_signature_that_verifies_is_accepted():
    verdict = signature.parse_verify_output(SIGNED_BY_PSF)
    assert verdict.ok and verdict.digest_matches
    assert verdict.signer == signature.PSF
    assert verdict.timestamp == "Apr  2 12:32:08 2024 GMT"


@pytest.mark.parametrize("output", [TAMPERED, EXPIRED_WITHOUT_TIMESTAMP, "", "Succeeded\n"],
                         ids=["tampered", "expired", "nothing", "no-digest"])
def test_anything_else_is_refused(output):
    assert not signature.parse_verify_output(output).ok


def _fake_osslsigncode(monkeypatch, output: str, returncode: int):
    class Done:
        stdout, stderr = output, ""

    Done.returncode = returncode
    monkeypatch.setattr(signature.subprocess, "run", lambda *a, **k: Done())


def test_require_signed_stops_on_a_tampered_file(monkeypatch, tmp_path):
    _fake_osslsigncode(monkeypatch, TAMPERED, 1)
    with pytest.raises(signature.SignatureError, match="does not match its signature"):
        signature.require_signed(tmp_path / "python.exe", signature.PSF)


def test_require_signed_stops_on_another_signer(monkeypatch, tmp_path):
    _fake_osslsigncode(monkeypatch, SIGNED_BY_SOMEONE_ELSE, 0)
    with pytest.raises(signature.SignatureError, match="signed by Someone Else Ltd, not by Python Software Foundation"):
        signature.require_signed(tmp_path / "python.exe", signature.PSF)


def test_the_exit_code_wins_over_the_text(monkeypatch, tmp_path):
    _fake_osslsigncode(monkeypatch, SIGNED_BY_PSF, 1)
    with pytest.raises(signature.SignatureError):
        signature.require_signed(tmp_path / "python.exe", signature.PSF)


def test_python_exe_and_dll_must_be_there(monkeypatch, tmp_path):
    _fake_osslsigncode(monkeypatch, SIGNED_BY_PSF, 0)
    (tmp_path / "python.exe").write_bytes(b"MZ")
    with pytest.raises(signature.SignatureError, match="python311.dll"):
        signature.check_embeddable_python(tmp_path, "311")
    (tmp_path / "python311.dll").write_bytes(b"MZ")
    assert [name for name, _ in signature.check_embeddable_python(tmp_path, "311")] == ["python.exe", "python311.dll"]


EMBED = ROOT / "build" / "windows" / "cache" / "cpython-311-embed"
DEBIAN_OSSLSIGNCODE = ROOT / "build" / "windows" / "cache" / "osslsigncode" / "usr" / "bin" / "osslsigncode"


@pytest.mark.slow
@pytest.mark.skipif(not (EMBED / "python.exe").exists(), reason="no Windows CPython cached (dev.py build-windows fetches it)")
def test_the_real_tool_refuses_a_tampered_copy_of_python_exe(tmp_path):
    tool = str(DEBIAN_OSSLSIGNCODE) if DEBIAN_OSSLSIGNCODE.exists() else shutil.which("osslsigncode")
    if tool is None:
        pytest.skip("no osslsigncode")
    data = bytearray((EMBED / "python.exe").read_bytes())
    data[0x1000] ^= 0xFF
    (tmp_path / "python.exe").write_bytes(data)
    with pytest.raises(signature.SignatureError, match="does not match its signature"):
        signature.require_signed(tmp_path / "python.exe", signature.PSF, tool)


# ----------------------------------------------------------------------------- the pins


def _pins() -> dict[str, str]:
    pins = {}
    for line in (TOOLS / "requirements-wine.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = re.fullmatch(r"([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.+-]*)", line).groups()
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_is_pinned_at_a_version_pyproject_allows():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = _pins()
    wanted = [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["build"]]
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement.name} is not pinned in requirements-wine.txt"
        assert requirement.specifier.contains(pins[name], prereleases=True), \
            f"{requirement.name}=={pins[name]} is outside pyproject's {requirement.specifier}"


def test_pyside_stays_at_6_9_for_wine():
    pins = _pins()
    assert pins["pyside6-essentials"].startswith("6.9.") and pins["shiboken6"] == pins["pyside6-essentials"]


# ----------------------------------------------------------------------------- the Wine prefix

build = _load("build")


def test_no_wine_command_runs_before_the_screen():
    """A Windows program started without a DISPLAY starts the prefix's desktop process without
    a screen, and every later program on Qt's windows platform then hangs: refused."""
    with pytest.raises(build.BuildError, match="before the screen"):
        build.Wine().env()


def test_the_prefix_is_told_it_is_windows_10(monkeypatch, tmp_path):
    ran = []
    monkeypatch.setattr(build, "WORK", tmp_path)
    monkeypatch.setattr(build.WINE, "start_server", lambda: None)
    monkeypatch.setattr(build.WINE, "display", ":99")
    monkeypatch.setattr(build, "run", lambda cmd, **kwargs: ran.append(cmd))

    build.set_windows_10()

    reg = (tmp_path / "bat" / "windows10.reg").read_bytes().decode("ascii")
    assert reg.startswith("REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows NT\\CurrentVersion]\r\n")
    # what Wine 8's ntdll reads (CurrentVersion, CurrentBuildNumber, CSDVersion)
    assert '"CurrentVersion"="10.0"\r\n' in reg
    assert f'"CurrentBuildNumber"="{build.WINDOWS_BUILD}"\r\n' in reg and build.WINDOWS_BUILD >= 10240
    assert '"CSDVersion"=""\r\n' in reg
    assert ran == [["wine", "regedit", "/S", build.win(tmp_path / "bat" / "windows10.reg")]]


HOOK = ROOT / "packaging" / "rthook_windows_version.py"


def test_the_bundle_runs_the_windows_version_hook():
    assert '"rthook_windows_version.py"' in (ROOT / "build.spec").read_text(encoding="utf-8")


def test_the_hook_gives_platform_no_cmd_ver_on_windows_python_3_11(monkeypatch):
    """On Windows, Python 3.11's platform.win32_ver() ran `cmd /c ver` (a process, 70 ms of
    every start under Wine); with the hook it takes getwindowsversion()'s platform_version,
    its own fallback."""
    import platform
    import runpy

    monkeypatch.setattr(platform, "_syscmd_ver", lambda *a, **k: pytest.fail("cmd /c ver was run"), raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(sys, "version_info", (3, 11, 9, "final", 0))
    runpy.run_path(str(HOOK))
    assert platform._syscmd_ver() == ("", "", "")
    version = platform._syscmd_ver()[2]
    with pytest.raises(ValueError):  # what makes win32_ver fall back on platform_version
        tuple(map(int, version.split(".")))


@pytest.mark.parametrize("where, version", [("linux", (3, 11, 9, "final", 0)), ("win32", (3, 12, 0, "final", 0))])
def test_the_hook_leaves_other_systems_and_newer_pythons_alone(monkeypatch, where, version):
    import platform
    import runpy

    sentinel = object()
    monkeypatch.setattr(platform, "_syscmd_ver", sentinel, raising=False)
    monkeypatch.setattr(sys, "platform", where)
    monkeypatch.setattr(sys, "version_info", version)
    runpy.run_path(str(HOOK))
    assert platform._syscmd_ver is sentinel
