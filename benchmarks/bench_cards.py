"""500 repair cards in one PDF: the program against a bare reportlab script.

Targets (issue 2, *Performance*):

* ``printing.print_numbered(database, "repair_card", numbers, out)`` for 500 card numbers,
  from the database to the written PDF file, within **2×** the time of a bare reportlab
  script that draws the same strings with the same font and the same QR codes and Code128
  barcodes in the fastest way found, measured in the same run (ratio of medians);
* that PDF under **2 MB** (2,000,000 bytes), the font embedded once.

The bare reference is timed from the font's registration (its first run registers the TTF
under its own name, as the program's first call registers its own) to the written file.
What it draws is prepared before the timer from the records the program builds
(``printing.forms.numbered_records``) and the layout file: for each card a plain list of
pages, each a list of ``(x, y, size, text)`` strings (every field value, every parts cell,
every static label of the layout; right and centred strings placed with the font's widths),
the rectangles, grey fills and grid lines, the QR code's value and the barcode's. Inside the
timer it computes each card's QR matrix with the ``qrcode`` package (error correction M, as
the program) and draws it as one path of a rectangle per run of dark modules, draws the
Code128 with ``reportlab.graphics.barcode.code128.Code128.drawOn``, the grid with
``canvas.rect``/``canvas.lines``, and the strings in one text object a page; one page per
card, and continuation pages for the cards whose parts do not fit, like the program. The
ways of drawing text and QR codes measured are printed under "bare variants"; the default
is the fastest found here.

The database (``benchmarks/out/cards/``, made once with ``python -m crm_desktop demo --calls
3600`` and reused while its schema is the program's current one) holds about 560 repair
cards; the first --cards by card number are printed (cards with and without parts, some
needing a second page).

    .venv/bin/python benchmarks/bench_cards.py [--data-dir DIR] [--cards 500] [--repeat 5] [--profile]
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import math
import os
import platform
import pstats
import re
import sqlite3
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    OUT,
    ensure_demo_database,
    load_note,
    median,
    program_version,
    verdict,
)

TARGET_RATIO = 2.0
TARGET_BYTES = 2_000_000
CALLS = 3600  # the demo writes about one repair card per 6.4 calls: 564 cards
FORM = "repair_card"
BARE_FONT = "BareWQYMicroHei"  # the same TTF file, registered by the bare script itself
MM = 72 / 25.4
CARD_NO = re.compile(r"XK\d{6}-\d{4}")


def accelerator_note() -> str:
    from reportlab.lib import rl_accel

    slow = [name for name in ("fp_str", "asciiBase85Encode", "escapePDF")
            if getattr(rl_accel, name).__name__.startswith("_py_")]
    if slow:
        return (f"reportlab's C accelerator (the rl_accel package) is not installed: {', '.join(slow)} "
                f"run in pure Python, for the program and the bare script alike")
    return "reportlab's C accelerator (rl_accel) is installed"


# -- the cards ------------------------------------------------------------------------------------
def count_cards(path: Path) -> int:
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM repair_card").fetchone()[0]
    finally:
        con.close()


def first_cards(path: Path, n: int) -> tuple[list[str], int]:
    """The first ``n`` card numbers by number, and how many of them have parts."""
    con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "SELECT c.card_no, (SELECT count(*) FROM repair_part p WHERE p.card_id = c.id) "
            "FROM repair_card c ORDER BY c.card_no LIMIT ?", (n,)
        ).fetchall()
    finally:
        con.close()
    return [r[0] for r in rows], sum(1 for r in rows if r[1])


# -- the bare reference's drawing plan (made before the timer) ----------------------------------------
@dataclass
class Page:
    texts: list[tuple[float, float, float, str]] = field(default_factory=list)  # x, y, size, text
    strokes: list[tuple[float, float, float, float]] = field(default_factory=list)  # rectangles drawn
    fills: list[tuple[float, float, float, float, float]] = field(default_factory=list)  # grey, x, y, w, h
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    circles: list[tuple[float, float, float]] = field(default_factory=list)
    qr: tuple[float, float, float] | None = None  # x, top, size (points)
    code128: tuple[float, float, float, float] | None = None  # x, bottom, w, h


@dataclass
class Card:
    qr_value: str
    code_value: str
    pages: list[Page]


@dataclass
class Plan:
    page_size: tuple[float, float]
    title: str
    line_width: float
    cards: list[Card]

    @property
    def pages(self) -> int:
        return sum(len(c.pages) for c in self.cards)

    def strings(self) -> collections.Counter:
        return collections.Counter(t[3] for c in self.cards for p in c.pages for t in p.texts)


class _Blank(dict):
    def __missing__(self, key):
        return ""


def make_plan(layout_file: Path, records, font_file: Path) -> Plan:
    """Every card's pages as plain drawing operations, from the layout file (read with
    tomllib, not the program's layout code) and the records' values. Values at the size the
    layout gives, on one line each (none of the demo's values needs wrapping or shrinking:
    the script checks that it draws the same strings as the program)."""
    from reportlab.pdfbase.ttfonts import TTFont

    probe = TTFont("BenchWidthProbe", str(font_file))  # widths only; never registered

    def width(text: str, size: float) -> float:
        return probe.stringWidth(text, size)

    raw = tomllib.loads(layout_file.read_text(encoding="utf-8"))
    form = raw["form"]
    page_w, page_h = form["page"]
    top_margin, _r, _b, left_margin = form.get("margins", [10, 10, 10, 10])
    font_size = form.get("font_size", 9)
    min_font = form.get("min_font_size", 5)
    pad = 0.8 * MM
    elements = raw["elements"]
    table = next(e for e in elements if e["type"] == "table")
    row_h_mm = table.get("row_height", 6)
    header_mm = table.get("header_height", 7)
    reserve_mm = row_h_mm if table.get("totals") or table.get("continued") else 0.0
    first_rows = int((table["h"] - header_mm - reserve_mm + 0.01) // row_h_mm)
    rest_rows = int(((table.get("rest_h") or table["h"]) - header_mm - reserve_mm + 0.01) // row_h_mm)

    def X(x: float) -> float:
        return (left_margin + x) * MM

    def Y(y: float) -> float:
        return (page_h - top_margin - y) * MM

    def put(page: Page, text: str, x: float, w: float, middle: float, size: float, align: str = "left") -> None:
        if not text:
            return
        if align == "center":
            x += (w - width(text, size)) / 2
        elif align == "right":
            x += w - width(text, size)
        page.texts.append((x, middle - size * 0.35, size, text))

    cards = []
    for record in records:
        values = _Blank({k: "" if v is None else str(v) for k, v in record.fields.items()})
        rows = list(record.tables.get(table["source"], ()))
        chunks = [rows[:first_rows]]
        rest = rows[first_rows:]
        while rest:
            chunks.append(rest[:rest_rows])
            rest = rest[rest_rows:]
        pages = []
        for number, chunk in enumerate(chunks, start=1):
            last = number == len(chunks)
            values["page"], values["pages"] = str(number), str(len(chunks))
            page = Page()
            for e in elements:
                shown = e.get("pages", "all")
                if (shown == "first" and number != 1) or (shown == "last" and not last) or \
                        (shown == "rest" and number == 1) or (shown == "several" and len(chunks) == 1):
                    continue
                if (e.get("when") and not values[e["when"]]) or (e.get("unless") and values[e["unless"]]):
                    continue
                kind = e["type"]
                if kind == "circle":
                    page.circles.append((X(e["x"]), Y(e["y"]), e["r"] * MM))
                    continue
                if kind == "qr":
                    page.qr = (X(e["x"]), Y(e["y"]), e["size"] * MM)
                    continue
                x, top, w, h = X(e["x"]), Y(e["y"]), e.get("w", 0) * MM, e.get("h", 0) * MM
                if kind == "code128":
                    page.code128 = (x, top - h, w, h)
                    continue
                if kind == "table":
                    _plan_table(page, e, chunk, number, last, values, X, Y, pad, font_size, min_font, put)
                    continue
                size = e.get("size") or font_size
                value = values[e["field"]] if e.get("field") else e.get("text", "").format_map(values)
                border = e.get("border", kind in ("box", "signature", "stamp"))
                if border:
                    page.strokes.append((x, top - h, w, h))
                label = e.get("label", "")
                inner_x, inner_w, inner_top, inner_h = x + (pad if border else 0), w - (2 * pad if border else 0), top, h
                if label and e.get("label_width"):
                    lw = e["label_width"] * MM
                    put(page, label, inner_x, lw - pad, top - h / 2, size)
                    page.lines.append((x + lw, top, x + lw, top - h))
                    inner_x, inner_w = x + lw + pad, w - lw - 2 * pad
                elif label:
                    caption = max(min_font * 0.72, size * 0.72, 4.0)
                    put(page, label, inner_x, inner_w, top - pad - caption * 0.6, caption)
                    inner_top -= caption * 1.18 + pad
                    inner_h -= caption * 1.18 + pad
                if e.get("date_line"):
                    date_size = min(size, max(min_font, 6.0))
                    put(page, e["date_line"].format_map(values), x, w - pad - MM, top - h + pad + date_size * 0.65,
                        date_size, "right")
                    inner_h -= date_size * 1.18
                lines = value.split("\n")
                for i, line in enumerate(lines):  # a block of lines centred on the box's middle
                    middle = inner_top - inner_h / 2 + (len(lines) - 1 - 2 * i) * size * 1.18 / 2
                    put(page, line, inner_x, inner_w, middle, size, e.get("align", "left"))
            # the strings of one size together: one font change per size and page
            page.texts.sort(key=lambda t: t[2])
            pages.append(page)
        cards.append(Card(values["card_no"], values["card_no"], pages))
    return Plan((page_w * MM, page_h * MM), form.get("title", FORM), form.get("line_width", 0.5), cards)


def _plan_table(page: Page, e: dict, rows: list, number: int, last: bool, values, X, Y, pad, font_size, min_font, put) -> None:
    size = e.get("size") or font_size
    min_size = min(e.get("min_size") or min_font, size)
    y_mm, h_mm = (e["rest_y"], e["rest_h"]) if number > 1 and e.get("rest_h") else (e["y"], e["h"])
    x0, top = X(e["x"]), Y(y_mm)
    bottom = top - h_mm * MM
    columns = e["columns"]
    widths = [c["width"] * MM for c in columns]
    width = sum(widths)
    header_h, row_h = e.get("header_height", 7) * MM, e.get("row_height", 6) * MM
    page.fills.append((0.9, x0, top - header_h, width, header_h))
    x = x0
    for col, w in zip(columns, widths):
        put(page, col["header"], x + pad, w - 2 * pad, top - header_h / 2, size, "center")
        x += w
    y = top - header_h
    ys = [top, y]
    for row in rows:
        x = x0
        for col, w in zip(columns, widths):
            put(page, row.get(col["field"]) or "", x + pad, w - 2 * pad, y - row_h / 2, size, col.get("align", "left"))
            x += w
        y -= row_h
        ys.append(y)
    totals = dict(e.get("totals", {}))
    reserved = row_h if (last and totals) or (not last and e.get("continued")) else 0.0
    while y - row_h >= bottom + reserved - 0.01:
        y -= row_h
        ys.append(y)
    grid_bottom = y
    if last and totals:
        page.fills.append((0.95, x0, y - row_h, width, row_h))
        first = next(i for i, c in enumerate(columns) if c["field"] in totals)
        span = sum(widths[:first])
        put(page, e.get("totals_label", "").format_map(values), x0 + pad, span - 2 * pad, y - row_h / 2, size, "center")
        x = x0 + span
        for col, w in zip(columns[first:], widths[first:]):
            put(page, totals.get(col["field"], "").format_map(values), x + pad, w - 2 * pad, y - row_h / 2, size,
                col.get("align", "left"))
            page.lines.append((x, y, x, y - row_h))
            x += w
        grid_bottom = y - row_h
        ys.append(grid_bottom)
    elif not last and e.get("continued"):
        put(page, e["continued"].format_map(values), x0, width - pad, max(bottom, y - row_h) + pad + min_size * 0.35,
            min_size, "right")
    page.lines.extend((x0, line_y, x0 + width, line_y) for line_y in ys)
    x = x0
    for w in [0.0, *widths]:
        x += w
        page.lines.append((x, top, x, y))
    page.lines.append((x0, y, x0, grid_bottom))
    page.lines.append((x0 + width, y, x0 + width, grid_bottom))


# -- the bare reference (timed) ------------------------------------------------------------------------
_bare_registered = False


def bare_render(plan: Plan, out: Path, font_file: Path, text: str = "textobject", qr: str = "literal") -> int:
    """Draw the plan with reportlab alone and write the PDF; returns the pages drawn.

    text: "textobject" (one text object a page, setTextOrigin + textOut) or "drawString"
    (canvas.setFont + canvas.drawString per string).
    qr: "literal" (each card's QR path made once as PDF operators in module units and added
    with canvas.addLiteral on each of its pages), "scaled" (a reportlab path in module units
    under a scaled coordinate system), or "points" (a reportlab path in page points, as the
    program draws it)."""
    global _bare_registered
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M
    from reportlab.graphics.barcode.code128 import Code128
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    if not _bare_registered:
        pdfmetrics.registerFont(TTFont(BARE_FONT, str(font_file)))
        _bare_registered = True
    c = Canvas(str(out), pagesize=plan.page_size, initialFontName=BARE_FONT, pageCompression=1)
    c.setTitle(plan.title)
    c.setCreator("bench_cards.py bare reference")
    pages = 0
    for card in plan.cards:
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        code.add_data(card.qr_value)
        code.make(fit=True)
        matrix = code.get_matrix()
        runs = []  # (row, first column, length) of each run of dark modules
        for r, row in enumerate(matrix):
            start = None
            for col, dark in enumerate(row):
                if dark:
                    if start is None:
                        start = col
                elif start is not None:
                    runs.append((r, start, col - start))
                    start = None
            if start is not None:
                runs.append((r, start, len(row) - start))
        modules = len(matrix) + 8  # 4 quiet modules each side, as the program
        literal = None
        bar = None
        for page in card.pages:
            c.setLineWidth(plan.line_width)
            for x, y, r in page.circles:
                c.circle(x, y, r, stroke=1, fill=0)
            for grey, x, y, w, h in page.fills:
                c.setFillGray(grey)
                c.rect(x, y, w, h, stroke=0, fill=1)
            c.setFillGray(0)
            for x, y, w, h in page.strokes:
                c.rect(x, y, w, h, stroke=1, fill=0)
            c.lines(page.lines)
            if page.qr:
                x, top, size = page.qr
                module = size / modules
                ox, oy = x + 4 * module, top - 4 * module
                if qr == "literal":
                    if literal is None:
                        body = " ".join(f"{s} {-r - 1} {n} 1 re" for r, s, n in runs)
                        literal = f"q 1 0 0 1 {ox:.3f} {oy:.3f} cm {module:.5f} 0 0 {module:.5f} 0 0 cm n {body} f Q"
                    c.addLiteral(literal)
                elif qr == "scaled":
                    c.saveState()
                    c.translate(ox, oy)
                    c.scale(module, module)
                    path = c.beginPath()
                    for r, s, n in runs:
                        path.rect(s, -r - 1, n, 1)
                    c.drawPath(path, stroke=0, fill=1)
                    c.restoreState()
                else:
                    path = c.beginPath()
                    for r, s, n in runs:
                        path.rect(ox + s * module, oy - (r + 1) * module, n * module, module)
                    c.drawPath(path, stroke=0, fill=1)
            if page.code128:
                x, y, w, h = page.code128
                if bar is None:
                    probe = Code128(card.code_value, barWidth=1.0, humanReadable=False, quiet=0)
                    module = w / (probe.width + 20)  # ten modules' quiet zone each side, as the program
                    bar = Code128(card.code_value, barWidth=module, barHeight=h, humanReadable=False,
                                  quiet=1, lquiet=10 * module, rquiet=10 * module)
                bar.drawOn(c, x, y)
            if text == "textobject":
                t = c.beginText()
                current = None
                for x, y, size, s in page.texts:
                    if size != current:
                        t.setFont(BARE_FONT, size)
                        current = size
                    t.setTextOrigin(x, y)
                    t.textOut(s)
                c.drawText(t)
            else:
                current = None
                for x, y, size, s in page.texts:
                    if size != current:
                        c.setFont(BARE_FONT, size)
                        current = size
                    c.drawString(x, y, s)
            c.showPage()
            pages += 1
    c.save()
    return pages


# -- the program (timed) --------------------------------------------------------------------------------
def program_render(database, numbers: list[str], out: Path):
    from crm_desktop.printing import print_numbered

    return print_numbered(database, FORM, numbers, out, override_dir=None, translate=None)[1]


# (where, function, what it is) of the parts of the rendering timed one by one; indented: part of
# the line above
INSIDE_RENDER = [
    ("painter", "_paginate", "table rows fitted (_paginate: fit of each parts cell)"),
    ("painter", "_draw_text_box", "texts and boxes (_draw_text_box: fit, strings, frames)"),
    ("painter", "_draw_table", "table drawn (_draw_table: header, cells, totals, grid)"),
    ("painter", "_draw_qr", "QR codes (_draw_qr)"),
    ("qrcode", "make", "  of which qrcode's QRCode.make (version fit + 8 mask trials)"),
    ("painter", "_draw_code128", "Code128 (_draw_code128: probe + drawOn)"),
    ("canvas", "save", "canvas.save (PDF objects, compression, font subsets)"),
    ("pdfdoc", "asciiBase85Encode", "  of which ASCII85 encoding of the page streams"),
    ("zlib", "compress", "  of which zlib compression"),
    ("ttfonts", "makeSubset", "  of which the font subsets made"),
]


class _Timers:
    """Wraps functions for one run, adding up the time spent inside each (no profiler)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = collections.defaultdict(float)
        self.calls: dict[str, int] = collections.defaultdict(int)
        self._undo: list[tuple[object, str, object]] = []

    def wrap(self, owner, name: str, key: str) -> None:
        original = getattr(owner, name)
        seconds, calls = self.seconds, self.calls

        def timed(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[key] += time.perf_counter() - t0
                calls[key] += 1

        self._undo.append((owner, name, original))
        setattr(owner, name, timed)

    def undo(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()


def program_parts(database, numbers: list[str], out: Path) -> tuple[dict[str, float], dict[str, float], dict[str, int]]:
    """One untimed-for-the-target run of the program's steps one by one: layout load, records
    from the database, rendering; inside the rendering, the time in its main parts (functions
    wrapped for this run only)."""
    import qrcode
    from reportlab.pdfbase import pdfdoc, ttfonts
    from reportlab.pdfgen.canvas import Canvas

    from crm_desktop.printing import forms, load_layout, painter

    steps: dict[str, float] = {}
    t0 = time.perf_counter()
    layout = load_layout(FORM, None)
    t1 = time.perf_counter()
    with database.read_session() as session:
        records = forms.numbered_records(session, FORM, numbers, None)
    t2 = time.perf_counter()
    timers = _Timers()
    for owner, name, key in INSIDE_RENDER:
        owner = {"painter": painter._Painter, "qrcode": qrcode.QRCode, "canvas": Canvas, "pdfdoc": pdfdoc,
                 "zlib": pdfdoc.zlib, "ttfonts": ttfonts.TTFontFile}[owner]
        timers.wrap(owner, name, key)
    try:
        t3 = time.perf_counter()
        painter.render(layout, records, out, total=len(records))
        t4 = time.perf_counter()
    finally:
        timers.undo()
    steps["layout loaded (load_layout)"] = t1 - t0
    steps["records gathered (read_session + numbered_records)"] = t2 - t1
    steps["rendered and written (render)"] = t4 - t3
    return steps, dict(timers.seconds), dict(timers.calls)


def program_strings(database, numbers: list[str], out: Path) -> collections.Counter:
    """Every string the program draws, from one extra run with a recording canvas."""
    from crm_desktop.printing import painter

    drawn: collections.Counter = collections.Counter()

    class Recording(painter.Canvas):
        def drawString(self, x, y, text, *a, **k):
            drawn[text] += 1
            return super().drawString(x, y, text, *a, **k)

        def drawRightString(self, x, y, text, *a, **k):
            drawn[text] += 1
            return super().drawRightString(x, y, text, *a, **k)

        def drawCentredString(self, x, y, text, *a, **k):
            drawn[text] += 1
            return super().drawCentredString(x, y, text, *a, **k)

        def beginText(self, *a, **k):  # the page's text object: its strings counted as they go in
            text_object = super().beginText(*a, **k)
            write = text_object.textOut

            def counted(text):
                drawn[text] += 1
                return write(text)

            text_object.textOut = counted
            return text_object

    original = painter.Canvas
    painter.Canvas = Recording
    try:
        program_render(database, numbers, out)
    finally:
        painter.Canvas = original
    return drawn


# -- checks on the files ----------------------------------------------------------------------------------
def pdf_pages(path: Path) -> int | None:
    run = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True)
    m = re.search(r"^Pages:\s+(\d+)", run.stdout, re.M)
    return int(m.group(1)) if m else None


def card_numbers_by_page(path: Path) -> list[tuple[str, ...]]:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [tuple(sorted(set(CARD_NO.findall(p)))) for p in pages]


def fonts(path: Path) -> list[list[str]]:
    """The rows of ``pdffonts FILE | tail -n +3``, split."""
    run = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True)
    return [line.split() for line in run.stdout.splitlines()[2:] if line.strip()]


def size_parts(path: Path) -> dict[str, int]:
    """Bytes of the font files, of the page content streams and of the rest."""
    data = path.read_bytes()
    starts = [(m.start(), int(m.group(1))) for m in re.finditer(rb"(?m)^(\d+) 0 obj", data)]
    end = data.rfind(b"xref")
    font = {int(n) for n in re.findall(rb"/FontFile2\s+(\d+) 0 R", data)}
    contents = {int(n) for n in re.findall(rb"/Contents\s+(\d+) 0 R", data)}
    parts = {"font files": 0, "page contents": 0, "other": 0}
    for i, (start, number) in enumerate(starts):
        size = (starts[i + 1][0] if i + 1 < len(starts) else end) - start
        parts["font files" if number in font else "page contents" if number in contents else "other"] += size
    parts["other"] += len(data) - sum(parts.values())
    return parts


def font_summary(path: Path) -> tuple[bool, str]:
    rows = fonts(path)
    names = [r[0] for r in rows]
    bases = sorted({n.split("+", 1)[-1] for n in names})
    tags = [n.split("+", 1)[0] for n in names if "+" in n]
    embedded = all(r[-5] == "yes" for r in rows) if rows else False  # the "emb" column
    once = len(bases) == 1 and len(tags) == len(set(tags)) == len(rows) and embedded
    text = (f"{len(rows)} font object(s): {', '.join(names)}; base font(s) {', '.join(bases)}; "
            f"all embedded: {'yes' if embedded else 'NO'}; each subset once: {'yes' if len(tags) == len(set(tags)) else 'NO'}")
    return once, text


# -- main -----------------------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "cards")
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="cProfile of one more program run, and what-ifs (no ASCII85)")
    args = parser.parse_args(argv)

    calls = max(CALLS, math.ceil(args.cards * 7.2 / 100) * 100)
    path = ensure_demo_database(args.data_dir, calls)
    have = count_cards(path)
    if have < args.cards:
        sys.exit(f"{path} holds {have} repair cards, fewer than --cards {args.cards}: "
                 f"choose another --data-dir (a new folder is made with {calls:,} calls)")
    numbers, with_parts = first_cards(path, args.cards)

    from importlib.metadata import version

    import qrcode  # noqa: F401  (imports before any timer, for both sides)
    import reportlab
    from reportlab.graphics.barcode.code128 import Code128  # noqa: F401
    from reportlab.pdfgen.canvas import Canvas  # noqa: F401

    from crm_desktop import config as config_mod
    from crm_desktop import paths
    from crm_desktop.db import open_database
    from crm_desktop.printing import forms

    print(f"Repair cards benchmark: {args.cards} cards from {path} ({path.stat().st_size / 2**20:,.1f} MiB, "
          f"{have} cards in it; {with_parts} of these with parts)")
    print(f"  Python {platform.python_version()}, reportlab {reportlab.Version}, qrcode {version('qrcode')}, "
          f"{os.cpu_count()} CPUs")
    print("  " + accelerator_note())
    print("  " + program_version() + "; " + load_note("at start"), flush=True)

    out_dir = OUT / "cards-pdf"
    out_dir.mkdir(parents=True, exist_ok=True)
    program_pdf, bare_pdf = out_dir / "program.pdf", out_dir / "bare.pdf"
    font_file = paths.font_file()
    layout_file = paths.forms_dir() / f"{FORM}.toml"

    database = open_database(config_mod.resolve(args.data_dir.resolve()))
    try:
        # the bare script's input, before any timer: the records the program builds
        t0 = time.perf_counter()
        with database.read_session() as session:
            records = forms.numbered_records(session, FORM, numbers, None)
        plan = make_plan(layout_file, records, font_file)
        print(f"  bare plan made in {time.perf_counter() - t0:.2f} s (not timed): {plan.pages} pages, "
              f"{sum(plan.strings().values()):,} strings", flush=True)

        bare_times, program_times, bare_cpu, program_cpu, reports = [], [], [], [], []
        for i in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            bare_render(plan, bare_pdf, font_file)
            bare_times.append(time.perf_counter() - t0)
            bare_cpu.append(time.process_time() - c0)
            t0, c0 = time.perf_counter(), time.process_time()
            report = program_render(database, numbers, program_pdf)
            program_times.append(time.perf_counter() - t0)
            program_cpu.append(time.process_time() - c0)
            reports.append(report)
            print(f"  run {i + 1}: bare {bare_times[-1]:6.2f} s (CPU {bare_cpu[-1]:5.2f})   program "
                  f"{program_times[-1]:6.2f} s (CPU {program_cpu[-1]:5.2f})"
                  + ("   (the first runs include each side's font registration)" if i == 0 else ""), flush=True)

        # the bare script's ways of drawing, alternated (text × QR)
        variants = {}
        combos = [("textobject", "literal"), ("drawString", "literal"), ("textobject", "scaled"), ("textobject", "points")]
        scratch = out_dir / "bare-variant.pdf"
        for _ in range(3):
            for combo in combos:
                t0 = time.perf_counter()
                bare_render(plan, scratch, font_file, *combo)
                variants.setdefault(combo, []).append(time.perf_counter() - t0)
        scratch.unlink(missing_ok=True)

        steps, inside, calls_in = program_parts(database, numbers, out_dir / "program-parts.pdf")
        strings_program = program_strings(database, numbers, out_dir / "program-strings.pdf")
        (out_dir / "program-parts.pdf").unlink(missing_ok=True)
        (out_dir / "program-strings.pdf").unlink(missing_ok=True)

        whatif = {}
        if args.profile:
            import reportlab.rl_config as rl_config

            prof = cProfile.Profile()
            prof.enable()
            program_render(database, numbers, out_dir / "program-profiled.pdf")
            prof.disable()
            (out_dir / "program-profiled.pdf").unlink(missing_ok=True)
            saved = rl_config.useA85
            rl_config.useA85 = 0
            try:
                times = []
                for _ in range(3):
                    t0 = time.perf_counter()
                    program_render(database, numbers, out_dir / "program-no-a85.pdf")
                    times.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    bare_render(plan, out_dir / "bare-no-a85.pdf", font_file)
                    times.append(time.perf_counter() - t0)
            finally:
                rl_config.useA85 = saved
            whatif["no ASCII85"] = (median(times[0::2]), median(times[1::2]),
                                     (out_dir / "program-no-a85.pdf").stat().st_size,
                                     (out_dir / "bare-no-a85.pdf").stat().st_size)
            (out_dir / "program-no-a85.pdf").unlink(missing_ok=True)
            (out_dir / "bare-no-a85.pdf").unlink(missing_ok=True)
    finally:
        database.dispose()

    # -- figures ------------------------------------------------------------------------------------
    bare_m, program_m = median(bare_times), median(program_times)
    ratio = program_m / bare_m
    program_size, bare_size = program_pdf.stat().st_size, bare_pdf.stat().st_size
    program_pages, bare_pages_pdf = pdf_pages(program_pdf), pdf_pages(bare_pdf)

    print(f"\n{args.cards} repair cards in one PDF, {args.repeat} runs alternating (bare, program):")
    print("  bare reference: " + "  ".join(f"{t:.2f}" for t in bare_times) + f" s   median {bare_m:.2f} s")
    print("  program:        " + "  ".join(f"{t:.2f}" for t in program_times) + f" s   median {program_m:.2f} s")
    print(f"  ratio program / bare: {ratio:.2f}×   (of the CPU time medians, {median(bare_cpu):.2f} and "
          f"{median(program_cpu):.2f} s: {median(program_cpu) / median(bare_cpu):.2f}×, less sensitive to other work)")

    print("\nFiles:")
    for name, p, pages, size in (("program", program_pdf, program_pages, program_size),
                                 ("bare", bare_pdf, bare_pages_pdf, bare_size)):
        parts = size_parts(p)
        print(f"  {name:<8} {size:>10,} bytes, {pages} pages  ({', '.join(f'{k} {v:,}' for k, v in parts.items())})  {p}")
    print(f"  program's report: {reports[-1].pages} pages, {reports[-1].records} records, "
          f"{len(reports[-1].truncated)} texts cut")

    print("\nFonts (pdffonts FILE | tail -n +3):")
    font_ok, program_fonts = font_summary(program_pdf)
    print(f"  program: {program_fonts}")
    print(f"  bare:    {font_summary(bare_pdf)[1]}")
    chars = {ch for s in strings_program for ch in s}
    print(f"  ({len(chars)} distinct characters drawn; reportlab cuts a TrueType font into subsets of at most "
          f"256 characters, each its own font object, so {math.ceil(len(chars) / 256)}+ objects is the least "
          f"for one embedding of the font)")

    print("\nSame content?")
    program_cards, bare_cards = card_numbers_by_page(program_pdf), card_numbers_by_page(bare_pdf)
    same_cards = program_cards == bare_cards and {n for page in program_cards for n in page} == set(numbers)
    print(f"  card numbers page by page (pdftotext): {'identical' if program_cards == bare_cards else 'DIFFERENT'}; "
          f"{len({n for page in program_cards for n in page})} distinct numbers, "
          f"all {len(numbers)} asked for: {'yes' if {n for page in program_cards for n in page} == set(numbers) else 'NO'}")
    strings_bare = plan.strings()
    same_strings = strings_bare == strings_program
    print(f"  strings drawn: program {sum(strings_program.values()):,}, bare {sum(strings_bare.values()):,}; "
          f"the same strings as often: {'yes' if same_strings else 'NO'}")
    if not same_strings:
        only_p = strings_program - strings_bare
        only_b = strings_bare - strings_program
        print(f"    only the program's: {list(only_p.items())[:8]}")
        print(f"    only the bare's:    {list(only_b.items())[:8]}")
    pages_ok = program_pages == bare_pages_pdf == plan.pages == reports[-1].pages
    print(f"  pages: program {program_pages}, bare {bare_pages_pdf} (planned {plan.pages}): "
          f"{'the same' if pages_ok else 'DIFFERENT'}")

    print("\nBare variants (3 runs each, alternated; median s):")
    fastest = min(variants, key=lambda k: median(variants[k]))
    for combo, times in variants.items():
        mark = "  <- used above" if combo == ("textobject", "literal") else ""
        print(f"  text {combo[0]:<10} QR {combo[1]:<8} {median(times):6.2f}{mark}")
    if fastest != ("textobject", "literal") and median(variants[fastest]) < 0.95 * median(variants[("textobject", "literal")]):
        print(f"  note: {fastest} was faster here than the default")

    total = sum(steps.values())
    print(f"\nWhere the program's time goes (one more run, {total:.2f} s, steps timed one by one):")
    for name, seconds in steps.items():
        print(f"  {name:<58} {seconds:6.2f} s  {seconds / total:6.1%}")
    render_s = steps["rendered and written (render)"]
    print("  inside the rendering:")
    accounted = 0.0
    for _owner, _name, key in INSIDE_RENDER:
        seconds = inside.get(key, 0.0)
        if not key.startswith("  "):
            accounted += seconds
        print(f"    {key:<70} {seconds:6.2f} s  {seconds / total:6.1%}  ({calls_in.get(key, 0):,} calls)")
    print(f"    {'the rest (page loop, circle, showPage, writing the file)':<70} {render_s - accounted:6.2f} s  "
          f"{(render_s - accounted) / total:6.1%}")

    if args.profile:
        print("\ncProfile of one program run (profiling inflates small calls):")
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("tottime").print_stats(18)
        buffer = io.StringIO()
        pstats.Stats(prof, stream=buffer).sort_stats("cumulative").print_stats(30)
        print(buffer.getvalue())
        program_s, bare_s, program_b, bare_b = whatif["no ASCII85"]
        print("What if (not a change to the program): reportlab.rl_config.useA85 = 0, streams only deflated "
              "(3 runs each, alternated):")
        print(f"  program {program_s:.2f} s, {program_b:,} bytes;  bare {bare_s:.2f} s, {bare_b:,} bytes;  "
              f"ratio {program_s / bare_s:.2f}×")

    ok_time = ratio <= TARGET_RATIO
    ok_size = program_size < TARGET_BYTES and font_ok
    print(f"\nTarget: program within {TARGET_RATIO:g}× the bare reportlab script: {ratio:.2f}× — {verdict(ok_time)}")
    print(f"Target: the PDF under {TARGET_BYTES:,} bytes with the font embedded once: {program_size:,} bytes, "
          f"{'one font, each subset once' if font_ok else 'font NOT embedded once'} — {verdict(ok_size)}")
    honest = same_cards and same_strings and pages_ok
    if not honest:
        print("WARNING: the two PDFs do not hold the same content; the ratio is not a fair comparison")
    print(load_note("at end"))
    return 0 if ok_time and ok_size and honest else 1


if __name__ == "__main__":
    sys.exit(main())
