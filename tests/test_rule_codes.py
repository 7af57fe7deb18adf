"""No rule code in any text a user reads (issue 16 item 5): the requirements' codes — S12,
X3, I7, C1 … — name rules for the people who build the program, not for the clerk, the
supervisor or the manager. Comments, docstrings and the English source strings may keep
them; the Chinese on screen, on the paper forms and in the workbooks may not.

The workbooks' own cells are checked where they are written (tests/exports)."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RULE_CODE = re.compile(r"\b[SCIDPNX]\d{1,2}\b")


def rule_codes_in(text: str) -> list[str]:
    return RULE_CODE.findall(text or "")


def _strings(value, where: str):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, f"{where}.{key}")
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, f"{where}[{i}]")
    elif isinstance(value, str):
        yield where, value


def test_the_pattern_finds_codes_and_only_codes():
    assert rule_codes_in("经理尚未签字（S12）") == ["S12"]
    assert rule_codes_in("见 X3、I7 与 C1") == ["X3", "I7", "C1"]
    assert rule_codes_in("JX20261207-009  XK202612-0006  S-100  A4 纸  LP-2250  C免费服务") == []


def test_no_translation_shows_a_rule_code():
    found = []
    for ts in sorted((ROOT / "resources" / "i18n").glob("*.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("vanished", "obsolete"):
                    continue
                for text in [translation.text] + [f.text for f in translation.iter("numerusform")]:
                    if rule_codes_in(text):
                        found.append(f"{ts.name} {name}: {text}")
    assert not found, "rule codes in translations:\n" + "\n".join(found)


def test_no_form_layout_prints_a_rule_code():
    """Every string of every layout in forms/ (labels, texts, headers; the comments are not
    read by the printer and may keep them)."""
    found = []
    layouts = sorted((ROOT / "forms").glob("*.toml"))
    assert layouts
    for layout in layouts:
        for where, text in _strings(tomllib.loads(layout.read_text(encoding="utf-8")), layout.stem):
            if rule_codes_in(text):
                found.append(f"{where}: {text}")
    assert not found, "rule codes in forms/:\n" + "\n".join(found)


def test_no_workbook_label_written_as_is_carries_a_rule_code():
    """The exports' texts that are not translated (a blank date line, separators …): the
    marked ones are the translations' business (above, and tests/test_i18n.py)."""
    from crm_desktop.exports import audit_export, daily_workbook, monthly_workbook, register_export, xlsx
    from crm_desktop.i18n import Msg

    found = []
    for module in (daily_workbook, monthly_workbook, register_export, audit_export, xlsx):
        for name, value in vars(module).items():
            if name.startswith("__"):
                continue
            values = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else [value]
            for text in values:
                if isinstance(text, str) and not isinstance(text, Msg) and rule_codes_in(text):
                    found.append(f"{module.__name__}.{name}: {text}")
    assert not found, found
