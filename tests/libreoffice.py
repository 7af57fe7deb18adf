"""LibreOffice for the tests that check what Excel would compute: it opens a workbook the
program wrote, recalculates every formula and saves each sheet as CSV; and for what a
workbook looks like printed: it prints it to a PDF, which pdfplumber reads.

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


# -- to PDF, for what a workbook looks like printed ----------------------------------------------

FONTS = Path(__file__).resolve().parents[1] / "resources" / "fonts"
_fontconfig: Path | None = None


def _fontconfig_file() -> Path:
    """A fontconfig file: the machine's fonts, the program's own face (resources/fonts), and
    微软雅黑 — the workbooks' font, on every Chinese Windows but on no Linux — answered by it, as
    Windows' would be: without it LibreOffice draws the Chinese in a font without Chinese."""
    global _fontconfig
    if _fontconfig is None:
        folder = _shared_profile() / "fontconfig"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "fonts.conf").write_text(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
            "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
            f"  <dir>{FONTS}</dir>\n"
            f"  <cachedir>{folder / 'cache'}</cachedir>\n"
            "  <alias binding=\"same\"><family>微软雅黑</family><prefer><family>WenQuanYi Micro Hei</family></prefer></alias>\n"
            "  <alias binding=\"same\"><family>Microsoft YaHei</family><prefer><family>WenQuanYi Micro Hei</family></prefer></alias>\n"
            "</fontconfig>\n",
            encoding="utf-8",
        )
        _fontconfig = folder / "fonts.conf"
    return _fontconfig


def to_pdf(*paths: Path, out_dir: Path) -> list[Path]:
    """The workbooks ``paths`` printed by LibreOffice to PDFs (every sheet, its print setup:
    print areas, scale, page headers), the Chinese in the program's own face; one start of
    LibreOffice for all of them."""
    assert SOFFICE is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(_fontconfig_file()))
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation={_shared_profile().resolve().as_uri()}", "--convert-to", "pdf",
         "--outdir", str(out_dir), *map(str, paths)],
        check=True, capture_output=True, timeout=240, env=env,
    )
    pdfs = [out_dir / f"{path.stem}.pdf" for path in paths]
    for path, pdf in zip(paths, pdfs):
        assert pdf.exists(), f"LibreOffice made no PDF of {path}"
    return pdfs


def smallest_glyphs(pdf: Path) -> tuple[float, str]:
    """The smallest glyph size on any page of ``pdf`` (points, as drawn: a scaled page's
    text is smaller than its font) and the text drawn at that size on the page it is first seen."""
    import pdfplumber

    def size(char) -> float:
        # pdfminer's size is the glyph box's height: for text turned a quarter (a chart's axis
        # title) that is its advance, so the box's width is its size
        return char["size"] if char["upright"] else char["x1"] - char["x0"]

    smallest, text = float("inf"), ""
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            if not chars:
                continue
            least = min(map(size, chars))
            if least < smallest - 0.01:
                smallest = least
                text = "".join(c["text"] for c in chars if abs(size(c) - least) < 0.01)[:80]
    return smallest, text
