"""Issue 16, item 10: one command draws every printed form of forms/ at 150 dpi for a person
to look at (tools/form_pictures.py, ``python3 dev.py form-pictures``)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils")
def test_every_form_gets_its_pictures_at_150_dpi(tmp_path):
    out = tmp_path / "forms"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "form_pictures.py"), "--out", str(out), "--calls", "80"],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    forms = sorted(p.stem.replace("_", "-") for p in (ROOT / "forms").glob("*.toml"))
    for form in forms:
        pictures = sorted(out.glob(f"{form}-*.png"))
        assert pictures, f"no picture of {form}"
    from PIL import Image
    from pypdf import PdfReader

    # 150 dpi: the picture is as many pixels wide as the page's width in inches times 150
    page = PdfReader(out / "repair-card.pdf").pages[0]
    card = Image.open(out / "repair-card-1.png")
    assert card.size[0] == pytest.approx(float(page.mediabox.width) / 72 * 150, abs=2)
    assert "demo" in result.stdout or "pictures" in result.stdout
