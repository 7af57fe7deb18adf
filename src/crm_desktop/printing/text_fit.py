"""Fitting text into a box: shrink to a minimum size, then wrap, and never run out of it.

Widths come from the embedded font's metrics (reportlab's ``stringWidth``), so what fits
here fits on paper. Chinese breaks between any two characters; runs of Latin letters and
digits (a serial number, a part number, a call number) break at spaces, and inside only
after a separator (``-`` ``/`` ``_`` ``:``), never between two letters or digits: a run
that cannot break and is wider than the line makes the text smaller, and at the smallest
size it is cut with "…" (reported like any text cut). Closing punctuation is never put at
the start of a line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.pdfmetrics import stringWidth

LEADING = 1.18  # line height as a multiple of the font size
STEP = 0.5  # points between the sizes tried
# A box tall enough for two lines wraps rather than shrink the text on one line, when
# wrapping keeps it this many points larger.
WRAP_GAIN = 1.0
ELLIPSIS = "…"
_TOKENS = re.compile(r"[A-Za-z0-9_\-.,:;/#@&%+()\[\]'\"]+ *| +|.", re.S)
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’,.;:?!)]}%")
# inside a run of letters and digits a line may break only after one of these (not after a
# point: 1,280.00 and 3.5 stay whole)
_PIECES = re.compile(r"[^-/_:]*[-/_:]+ *|[^-/_:]+ *")


@dataclass(frozen=True)
class Fitted:
    size: float
    lines: tuple[str, ...]
    truncated: bool = False

    @property
    def height(self) -> float:
        return len(self.lines) * self.size * LEADING


@lru_cache(maxsize=4096)
def _width(text: str, font: str, size: float) -> float:
    return stringWidth(text, font, size)


def fit(text: str, font: str, width: float, height: float, size: float, min_size: float, grow: bool = False) -> Fitted:
    """The largest size from ``size`` down to ``min_size`` at which ``text`` fits in
    ``width`` × ``height`` points: on one line if it can, else wrapped (a box with room
    for several lines wraps when that keeps the text clearly larger than one shrunk line). At ``min_size`` the
    lines that still do not fit are cut with an ellipsis (``truncated``), unless ``grow``
    (a table row that may grow taller): then all lines are kept."""
    if not text:
        return Fitted(size, ())
    one_line = None
    if "\n" not in text:
        natural = _width(text, font, size)
        if natural <= width and size * LEADING <= height + 0.01:
            return Fitted(size, (text,))
        # one line at a smaller size, if the shrink alone is enough
        shrunk = min(_floor_step(size * width / natural) if natural > 0 else size, _floor_step(height / LEADING))
        if shrunk >= min_size:
            one_line = Fitted(shrunk, (text,))
    current = size
    while current >= min_size - 1e-9 and (one_line is None or current > one_line.size + WRAP_GAIN):
        lines = wrap(text, font, current, width)
        if (grow or len(lines) * current * LEADING <= height + 0.01) and not _too_wide(lines, font, current, width):
            return Fitted(current, tuple(lines))
        current = round(current - STEP, 2)
    if one_line is not None:
        return one_line
    lines = wrap(text, font, min_size, width)
    cut = _too_wide(lines, font, min_size, width)
    if cut:  # a number that may not break and is wider than the line even at the smallest size
        lines = [_with_ellipsis(line, font, min_size, width) if _width(line, font, min_size) > width + 1e-6 else line
                 for line in lines]
    if grow:
        return Fitted(min_size, tuple(lines), truncated=cut)
    room = max(1, int((height + 0.01) // (min_size * LEADING)))
    if len(lines) <= room:
        return Fitted(min_size, tuple(lines), truncated=cut)
    kept = lines[:room]
    if not kept[-1].endswith(ELLIPSIS):
        kept[-1] = _with_ellipsis(kept[-1], font, min_size, width)
    return Fitted(min_size, tuple(kept), truncated=True)


def _too_wide(lines: list[str], font: str, size: float, width: float) -> bool:
    return any(_width(line, font, size) > width + 1e-6 for line in lines)


def column_size(texts, font: str, width: float, size: float, min_size: float) -> float:
    """One size for a whole table column: the largest from ``size`` down to ``min_size`` (in
    steps) at which each of ``texts`` fits its line; at ``min_size`` the longer ones wrap."""
    # not through the cache: a register's thousands of cells would push out the words it keeps
    widest = max((stringWidth(line, font, 1.0) for text in texts for line in text.split("\n")), default=0.0)
    if widest * size <= width:
        return size
    return max(min_size, min(size, _floor_step(width / widest)))


def _floor_step(value: float) -> float:
    return int(value / STEP) * STEP


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, font, size, width))
    return lines


def _wrap_paragraph(text: str, font: str, size: float, width: float) -> list[str]:
    if not text:
        return [""]
    lines: list[str] = []
    line, line_width = "", 0.0
    for token in _TOKENS.findall(text):
        token_width = _width(token, font, size)
        # a word's trailing space may hang past the edge: it is dropped at the break
        if line_width + _width(token.rstrip(" "), font, size) <= width:
            line, line_width = line + token, line_width + token_width
            continue
        if token[0] in _NO_LINE_START and len(line) > 1 and not token.isspace():
            # the character before the punctuation goes down with it
            lines.append(line[:-1].rstrip())
            line = line[-1] + token
            line_width = _width(line, font, size)
            if line_width <= width:
                continue
            line, line_width = line[:-len(token)], _width(line[:-len(token)], font, size)
        if token.isspace():
            continue  # a break at a space swallows the space
        if line:
            lines.append(line.rstrip())
        line, line_width = "", 0.0
        if token_width <= width:
            line, line_width = token, token_width
            continue
        for piece in _PIECES.findall(token):  # a run longer than the whole line: break after its separators
            piece_width = _width(piece, font, size)
            if line_width + _width(piece.rstrip(" "), font, size) > width and line:
                lines.append(line.rstrip())
                line, line_width = "", 0.0
            line, line_width = line + piece, line_width + piece_width
    if line or not lines:
        lines.append(line.rstrip())
    return lines


def _with_ellipsis(line: str, font: str, size: float, width: float) -> str:
    while line and _width(line + ELLIPSIS, font, size) > width:
        line = line[:-1]
    return line + ELLIPSIS
