#!/usr/bin/env python3
"""Refresh resources/i18n/crm_desktop_zh_CN.ts from the sources with pyside6-lupdate.

Run after adding or changing user-visible strings, then translate the entries marked
``type="unfinished"`` (Qt Linguist, or any editor). tests/test_i18n.py fails while any string
lacks its zh_CN translation. Existing translations are kept; strings no longer in the code
are dropped.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "src" / "crm_desktop"
TS_FILE = ROOT / "resources" / "i18n" / "crm_desktop_zh_CN.ts"


def lupdate_executable() -> str:
    here = Path(sys.executable).parent
    for candidate in (here / "pyside6-lupdate", here / "pyside6-lupdate.exe"):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lupdate")
    if not found:
        sys.exit("pyside6-lupdate not found: run it from the project's virtual environment")
    return found


def source_files() -> list[str]:
    return sorted(str(p) for p in SOURCES.rglob("*.py") if "migrations" not in p.parts)


def run_lupdate(ts_file: Path, *, keep_obsolete: bool = False) -> None:
    args = [lupdate_executable(), *source_files(), "-ts", str(ts_file), "-target-language", "zh_CN", "-locations", "none"]
    if not keep_obsolete:
        args.append("-no-obsolete")
    subprocess.run(args, check=True, capture_output=True)


if __name__ == "__main__":
    run_lupdate(TS_FILE)
    print(f"updated {TS_FILE.relative_to(ROOT)}")
