"""LibreOffice for the tests that check what Excel would compute: it opens a workbook the
program wrote, recalculates every formula and saves each sheet as CSV.

One user profile serves every conversion of a test process (a new profile costs LibreOffice
its first-start set-up each time); it is removed when the process ends. Tests using it are
marked ``slow`` (`-m "not slow"` leaves them out) and skipped where LibreOffice is missing
(`python3 dev.py test` installs libreoffice-calc on Debian).
"""

from __future__ import annotations

import atexit
import csv
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# UTF-8 (76), every sheet to its own file (-1): without them Chinese comes out as ??? and only
# the first sheet is written
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def needs_soffice(test):
    """Mark a test that runs LibreOffice: slow, and skipped without it."""
    test = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")(test)
    return pytest.mark.slow(test)


_profile: Path | None = None


def _shared_profile() -> Path:
    global _profile
    if _profile is None:
        _profile = Path(tempfile.mkdtemp(prefix=f"crm-lo-profile-{os.getpid()}-"))
        atexit.register(shutil.rmtree, _profile, ignore_errors=True)
    return _profile


def recalculate(path: Path, out_dir: Path) -> dict[str, list[list[str]]]:
    """Every sheet of the workbook ``path`` as LibreOffice computes it: CSV rows by sheet name."""
    assert SOFFICE is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={_shared_profile().resolve().as_uri()}", "--convert-to",
         CSV_FILTER, "--outdir", str(out_dir), str(path)],
        check=True, capture_output=True, timeout=240,
    )
    sheets = {}
    for file in out_dir.glob(f"{path.stem}-*.csv"):
        with open(file, encoding="utf-8", newline="") as handle:
            sheets[file.stem[len(path.stem) + 1:]] = list(csv.reader(handle))
    return sheets
