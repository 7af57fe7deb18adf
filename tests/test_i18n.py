"""Every user-visible string has its zh_CN translation (issue 2 item 8)."""

from __future__ import annotations

import re
import shutil
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import update_translations  # noqa: E402

PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\d|%n")


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    tree = ET.parse(ts)
    found = {}
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            found[(name, message.findtext("source"))] = message
    return found


def test_every_string_in_the_code_has_a_finished_zh_cn_translation(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(update_translations.TS_FILE, fresh)
    update_translations.run_lupdate(fresh)  # the committed file, brought up to date with the code
    missing = []
    for (context, source), message in messages(fresh).items():
        translation = message.find("translation")
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            missing.append(f"{context}: {source}")
    assert not missing, f"{len(missing)} strings lack a zh_CN translation:\n" + "\n".join(missing[:40])


def test_translations_keep_every_placeholder():
    wrong = []
    for (context, source), message in messages(update_translations.TS_FILE).items():
        translation = message.find("translation")
        for text in [f.text for f in translation.iter("numerusform")] or [translation.text]:
            if text and sorted(set(PLACEHOLDER.findall(source))) != sorted(set(PLACEHOLDER.findall(text))):
                wrong.append(f"{context}: {source!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_the_committed_ts_file_has_no_strings_the_code_no_longer_uses(tmp_path):
    fresh = tmp_path / "fresh.ts"
    update_translations.run_lupdate(fresh)
    stale = set(messages(update_translations.TS_FILE)) - set(messages(fresh))
    assert not stale, f"run tools/update_translations.py: stale entries {sorted(stale)[:10]}"
