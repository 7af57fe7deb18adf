"""What a print is made of and what it reports: plain data, no reportlab (the command line
and the window import these without loading the renderer)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..i18n import QT_TRANSLATE_NOOP

PRINT_CANCELLED = QT_TRANSLATE_NOOP("Printing", "The printing was cancelled: nothing was printed.")


@dataclass
class Record:
    """One record's values as they appear on paper (already formatted text)."""

    fields: Mapping[str, Any]
    tables: Mapping[str, Sequence[Mapping[str, Any]]] = field(default_factory=dict)


@dataclass
class RenderReport:
    pages: int = 0
    records: int = 0
    # (record index, element key) of each text cut with an ellipsis: never expected, but
    # if a branch's layout makes a box too small the text stays inside and this says so
    truncated: list[tuple[int, str]] = field(default_factory=list)
