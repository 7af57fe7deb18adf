"""Draw a layout filled with records onto PDF pages with reportlab.

One PDF holds any number of records (500 repair cards print as one file); each record
takes as many pages as its table needs, and ``{page}`` / ``{pages}`` count within the
record. The CJK font from resources/fonts/ is embedded (subset) once per file, and it is
the canvas's initial font so that no unembedded Helvetica sneaks in.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab import rl_config
from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .. import files, paths
from ..progress import Progress
from ..progress import report as report_progress
from .layout import Column, Element, Layout
from .record import PRINT_CANCELLED, Record, RenderReport
from .text_fit import LEADING, Fitted, _width, column_size, fit

# Page streams are compressed but not ASCII85-encoded: a fifth smaller and faster to write,
# still a standard PDF (binary streams are what every current PDF holds).
rl_config.useA85 = 0

FONT = "WenQuanYiMicroHei"
CELL_PADDING = 0.8 * mm
LABEL_SCALE = 0.72  # a caption above a value is this much smaller than the value
QR_QUIET_MODULES = 4
BLACK = "#000000"
_COVERING = frozenset({"qr", "code128", "stamp"})  # drawn over the strings before them
# the smallest size a record's text is printed at: below it, it wraps, and what still does not
# fit is cut with "…" and reported. Table cells may go to TABLE_FLOOR (the card's parts lines).
FIELD_FLOOR = 7.0
TABLE_FLOOR = 6.5
CODE128_QUIET_MODULES = 10
_font_registered = False


def register_font() -> str:
    global _font_registered
    if not _font_registered:
        pdfmetrics.registerFont(TTFont(FONT, str(paths.font_file())))
        _font_registered = True
    return FONT


class _Values(dict):
    """Template values: a field the record lacks prints as nothing (checked at load time)."""

    def __missing__(self, key: str) -> str:
        return ""


def text_of(value: Any) -> str:
    return "" if value is None else str(value)


def render(
    layout: Layout,
    records: Iterable[Record],
    out: BinaryIO | Path | str | None = None,
    *,
    total: int | None = None,
    progress: Progress | None = None,
    title: str | None = None,
    compress: bool = True,
) -> tuple[bytes | None, RenderReport]:
    """Render ``records`` with ``layout``. Returns the PDF bytes when ``out`` is None.
    ``progress(done, total)`` is called after each record; returning False cancels
    (raises ``Cancelled`` and writes nothing)."""
    register_font()
    buffer = io.BytesIO()
    page_size = (layout.page_width * mm, layout.page_height * mm)
    canvas = Canvas(buffer, pagesize=page_size, initialFontName=FONT, pageCompression=1 if compress else 0)
    canvas.setTitle(title or layout.title)
    canvas.setCreator("crm_desktop")
    painter = _Painter(layout, canvas)
    report = RenderReport()
    for index, record in enumerate(records):
        report.pages += painter.draw_record(record, index, report)
        report.records += 1
        report_progress(progress, index + 1, total or 0, PRINT_CANCELLED)
    if report.records == 0:
        report.pages = painter.draw_record(Record({}), 0, report)  # the form blank, never an empty file
    canvas.save()
    data = buffer.getvalue()
    if out is None:
        return data, report
    if isinstance(out, (str, Path)):
        files.write_bytes(out, data)  # whole or not at all: a PDF half-written is never left
    else:
        out.write(data)
    return None, report


_COLOURS: dict[str, HexColor] = {}


def _colour(code: str) -> HexColor:
    colour = _COLOURS.get(code)
    if colour is None:
        colour = _COLOURS[code] = HexColor(code)
    return colour


def _key(position: int, element: Element) -> str:
    """How a report names an element: its place in the file and the field or list it shows."""
    name = element.field or element.source
    return f"elements[{position}] ({name})" if name else f"elements[{position}]"


def _number(text: str) -> tuple[Decimal, int] | None:
    """A printed figure ("1,280.00", "3.5", "12") and its decimal places; None for other text."""
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    exponent = value.as_tuple().exponent
    return value, max(0, -exponent) if isinstance(exponent, int) else 0


def _page_totals(e: Element, rows: list[_Row], values: Mapping[str, str]) -> tuple[dict[str, str], str]:
    """One page's closing row, its texts by column and its label: each template may use the
    column's ``{sum}`` on the page (written with as many decimals as the figures summed),
    ``{rows}`` (the rows on the page) and ``{filled}`` (those with something in the column)."""
    page = _Values(values)
    page["rows"] = str(len(rows))
    texts = {}
    for column, template in e.page_totals:
        # a row may count otherwise than it prints: "_sum_fee" is what its fee adds to the total
        # (a cancelled call's fee is shown but not counted)
        cells = [text_of(row.values.get(f"_sum_{column}", row.values.get(column))).strip() for row in rows]
        figures = [n for n in (_number(t) for t in cells if t) if n is not None]
        # a page with no figure in the column writes its 0 as the period's total is written (0.00)
        period = dict(e.totals).get(column)
        period_figure = _number(period.format_map(values).strip()) if period else None
        places = max((p for _, p in figures), default=period_figure[1] if period_figure else 0)
        total = sum((v for v, _ in figures), Decimal("0"))
        page.update(sum=f"{total:,.{places}f}", filled=str(sum(1 for t in cells if t)))
        texts[column] = template.format_map(page)
    return texts, e.page_totals_label.format_map(page)


@dataclass
class _Row:
    cells: list[Fitted]
    height: float  # points
    values: Mapping[str, Any]


class _Painter:
    def __init__(self, layout: Layout, canvas: Canvas) -> None:
        self.layout = layout
        self.c = canvas
        self.page_height = layout.page_height * mm
        self.table = layout.table()
        # the page's strings wait in one text object (a few hundred on a card: one each is
        # slow); it is drawn before anything filled that could lie over them (a grey row,
        # a QR code, a stamp) and at the page's end, so a later element still covers an earlier one
        self._text = None
        self._text_font: tuple[str, float] | None = None
        self._text_color = BLACK
        self._stroke_color = BLACK  # the canvas's stroke colour (every page starts black)
        # by identity: Element's generated __eq__ compares every field, 21 times a card with index()
        self.table_key = next((_key(i, e) for i, e in enumerate(layout.elements) if e is self.table), "")

    # -- coordinates: layout millimetres from the printable area's top-left ----------------
    def _x(self, x: float, dx: float) -> float:
        return (self.layout.margins[3] + dx + x) * mm

    def _y(self, y: float, dy: float) -> float:
        return self.page_height - (self.layout.margins[0] + dy + y) * mm

    # -- one record ------------------------------------------------------------------------
    def draw_record(self, record: Record, index: int, report: RenderReport) -> int:
        values = _Values({k: text_of(v) for k, v in record.fields.items()})
        pages = self._paginate(record, values) if self.table else [None]
        self._cut: set[str] = set()
        table_key = self.table_key
        if self.table and any(cell.truncated for page in pages for row in page for cell in row.cells):
            self._cut.add(table_key)
        for number, page_rows in enumerate(pages, start=1):
            values["page"], values["pages"] = str(number), str(len(pages))
            for copy_number, copy in enumerate(self.layout.copies, start=1):
                values["copy_label"] = copy.label
                for position, element in enumerate(self.layout.elements):
                    if element.copy and element.copy != copy_number:
                        continue
                    if not self._shown(element, values, number, len(pages)):
                        continue
                    if element.type == "table":
                        if not self._draw_table(element, page_rows, number, number == len(pages), values, copy.dx, copy.dy):
                            self._cut.add(table_key)
                    elif not self._draw(element, values, copy.dx, copy.dy):
                        self._cut.add(_key(position, element))
            self._flush_text()
            self.c.showPage()
            self._stroke_color = BLACK
        report.truncated.extend((index, key) for key in sorted(self._cut))
        return len(pages)

    @staticmethod
    def _shown(element: Element, values: Mapping[str, str], page: int, pages: int) -> bool:
        if element.when and not values.get(element.when):
            return False
        if element.unless and values.get(element.unless):
            return False
        if element.pages == "first":
            return page == 1
        if element.pages == "last":
            return page == pages
        if element.pages == "rest":
            return page > 1
        if element.pages == "several":
            return pages > 1
        return True

    # -- simple elements -----------------------------------------------------------------------
    def _draw(self, e: Element, values: Mapping[str, str], dx: float, dy: float) -> bool:
        """Draw one element; False if its text had to be cut to stay inside its box."""
        c = self.c
        line_width = e.line_width if e.line_width is not None else self.layout.line_width
        if e.type in _COVERING or e.fill is not None:
            self._flush_text()
        if e.type == "line":
            c.setLineWidth(line_width)
            self._stroke(e.color)
            c.setDash(3, 2) if e.dash else c.setDash()
            c.line(self._x(e.x, dx), self._y(e.y, dy), self._x(e.x2, dx), self._y(e.y2, dy))
            c.setDash()
            return True
        if e.type == "circle":
            c.setLineWidth(line_width)
            self._stroke(e.color)
            if e.fill is not None:
                c.setFillGray(e.fill)
            c.circle(self._x(e.x, dx), self._y(e.y, dy), e.r * mm, stroke=1, fill=1 if e.fill is not None else 0)
            c.setFillGray(0)
            return True
        x, top, w, h = self._x(e.x, dx), self._y(e.y, dy), e.w * mm, e.h * mm
        if e.type == "rect":
            c.setLineWidth(line_width)
            self._stroke(e.color)
            c.setDash(3, 2) if e.dash else c.setDash()
            if e.fill is not None:
                c.setFillGray(e.fill)
            c.rect(x, top - h, w, h, stroke=1, fill=1 if e.fill is not None else 0)
            c.setDash()
            c.setFillGray(0)
            return True
        if e.type == "qr":
            self._draw_qr(values.get(e.field, ""), x, top, w)
            return True
        if e.type == "code128":
            self._draw_code128(values.get(e.field, ""), x, top, w, h)
            return True
        return self._draw_text_box(e, values, x, top, w, h, line_width)

    def _draw_text_box(self, e: Element, values: Mapping[str, str], x: float, top: float, w: float, h: float, line_width: float) -> bool:
        c = self.c
        color = e.color
        if e.type == "stamp":
            return self._draw_stamp(e, values, x, top, w, h, HexColor(color))
        if e.fill is not None:
            c.setFillGray(e.fill)
            c.rect(x, top - h, w, h, stroke=0, fill=1)
            c.setFillGray(0)  # the strings after it start black
        if e.border:
            c.setLineWidth(line_width)
            self._stroke(color)
            c.rect(x, top - h, w, h, stroke=1, fill=0)
        size = e.size or self.layout.font_size
        min_size = min(e.min_size or self.layout.min_font_size, size)
        pad = CELL_PADDING if e.border else 0.0
        value = values.get(e.field, "") if e.field else e.text.format_map(values) if e.text else ""
        # a record's value wraps rather than shrink below the floor; a fixed text keeps the layout's minimum
        value_min = min(max(min_size, FIELD_FLOOR), size) if e.field or "{" in e.text else min_size
        label = e.label.format_map(values) if "{" in e.label else e.label
        inner_x, inner_top, inner_w, inner_h = x + pad, top - pad, w - 2 * pad, h - 2 * pad
        if label and e.label_width:
            label_w = e.label_width * mm
            self._write(fit(label, FONT, label_w - pad, inner_h, size, min_size), inner_x, inner_top, label_w - pad, inner_h, "left", "middle",
                        color)
            if e.border:
                c.line(x + label_w, top, x + label_w, top - h)
            inner_x, inner_w = x + label_w + pad, w - label_w - 2 * pad
        elif label:
            caption_size = max(min_size * LABEL_SCALE, size * LABEL_SCALE, 4.0)
            caption = fit(label, FONT, inner_w, caption_size * LEADING, caption_size, min(caption_size, 4.0))
            self._write(caption, inner_x, inner_top, inner_w, caption_size * LEADING, "left", "top", color)
            inner_top -= caption_size * LEADING
            inner_h -= caption_size * LEADING
        fitted_ok = True
        if e.date_line or e.date_field:
            date_size = min(size, max(min_size, 6.0))
            recorded = values.get(e.date_field, "") if e.date_field else ""
            self._text_at(x + w - pad - 1 * mm, top - h + pad + date_size * 0.3, date_size, recorded or e.date_line.format_map(values),
                          "right", color)
            inner_h -= date_size * LEADING
        if value and inner_h > 0:
            fitted = fit(value, FONT, inner_w, inner_h, size, value_min)
            self._write(fitted, inner_x, inner_top, inner_w, inner_h, e.align, e.valign, color)
            fitted_ok = not fitted.truncated
        return fitted_ok

    def _write(self, fitted: Fitted, x: float, top: float, w: float, h: float, align: str, valign: str,
               color: str = BLACK, now: bool = False) -> None:
        """The lines of ``fitted`` in the box; into the page's text object unless ``now``
        (under a turned coordinate system: the stamp)."""
        if not fitted.lines:
            return
        c = self.c
        size = fitted.size
        block = fitted.height
        if valign == "top":
            first = top - size * 0.92
        elif valign == "bottom":
            first = top - h + block - size * 0.92
        else:
            first = top - (h - block) / 2 - size * 0.92
        first -= (LEADING - 1) * size / 2
        if not now:
            anchor = x + w / 2 if align == "center" else x + w if align == "right" else x
            for i, line in enumerate(fitted.lines):
                self._text_at(anchor, first - i * size * LEADING, size, line, align, color)
            return
        c.setFont(FONT, size)
        for i, line in enumerate(fitted.lines):
            baseline = first - i * size * LEADING
            if align == "center":
                c.drawCentredString(x + w / 2, baseline, line)
            elif align == "right":
                c.drawRightString(x + w, baseline, line)
            else:
                c.drawString(x, baseline, line)

    def _text_at(self, x: float, baseline: float, size: float, line: str, align: str, color: str) -> None:
        """One string into the page's text object: ``x`` is its left end, centre or right end."""
        if not line:
            return
        t = self._text
        if t is None:
            t = self._text = self.c.beginText()
            self._text_font, self._text_color = None, BLACK
        if self._text_font != (FONT, size):
            t.setFont(FONT, size)
            self._text_font = (FONT, size)
        if self._text_color != color:
            t.setFillColor(_colour(color))
            self._text_color = color
        if align == "center":
            x -= _width(line, FONT, size) / 2
        elif align == "right":
            x -= _width(line, FONT, size)
        t.setTextOrigin(x, baseline)
        t.textOut(line)

    def _stroke(self, color: str) -> None:
        if color != self._stroke_color:
            self.c.setStrokeColor(_colour(color))
            self._stroke_color = color

    def _flush_text(self) -> None:
        """Draw the strings waiting in the page's text object; the fill is black again after it."""
        if self._text is None:
            return
        if self._text_color != BLACK:
            self._text.setFillGray(0)
        self.c.drawText(self._text)
        self._text = None

    def _draw_stamp(self, e: Element, values: Mapping[str, str], x: float, top: float, w: float, h: float, color) -> bool:
        c = self.c
        text = values.get(e.field, "") if e.field else e.text.format_map(values)
        c.saveState()
        c.translate(x + w / 2, top - h / 2)
        c.rotate(e.angle)
        c.setStrokeColor(color)
        c.setFillColor(color)
        c.setLineWidth(max(1.5, e.line_width or 2.0))
        if e.border:
            c.roundRect(-w / 2, -h / 2, w, h, min(w, h) * 0.12, stroke=1, fill=0)
        size = e.size or h * 0.6
        fitted = fit(text, FONT, w * 0.86, h * 0.86, size, min(e.min_size or self.layout.min_font_size, size))
        self._write(fitted, -w * 0.43, h * 0.43, w * 0.86, h * 0.86, "center", "middle", now=True)
        c.restoreState()
        return not fitted.truncated

    def _draw_qr(self, value: str, x: float, top: float, size: float) -> None:
        """The ``qrcode`` package's matrix drawn as one filled path, a rectangle per run of
        dark modules, in module units under a scaled coordinate system: a fraction of the
        cost (and of the bytes) of reportlab's own QR widget."""
        if not value:
            return
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        code.add_data(value)
        code.make(fit=True)
        matrix = code.get_matrix()
        count = len(matrix)
        module = size / (count + 2 * QR_QUIET_MODULES)
        c = self.c
        c.saveState()
        c.translate(x + QR_QUIET_MODULES * module, top - QR_QUIET_MODULES * module - count * module)
        c.scale(module, module)
        path = c.beginPath()
        for r, row in enumerate(matrix):
            y = count - 1 - r
            start = None
            for col, dark in enumerate(row + [False]):
                if dark and start is None:
                    start = col
                elif not dark and start is not None:
                    path.rect(start, y, col - start, 1)
                    start = None
        c.setFillGray(0)
        c.drawPath(path, stroke=0, fill=1)
        c.restoreState()

    def _draw_code128(self, value: str, x: float, top: float, w: float, h: float) -> None:
        if not value:
            return
        # reportlab's quiet zones are at least a quarter inch whatever the module: counted in
        # modules (10 each side, as Code 128 asks) the bars fill ``w`` and stay as wide as it allows
        probe = Code128(value, barWidth=1.0, humanReadable=False, quiet=0)
        modules = probe.width + 2 * CODE128_QUIET_MODULES
        bar_width = w / modules
        quiet = CODE128_QUIET_MODULES * bar_width
        barcode = Code128(value, barWidth=bar_width, barHeight=h, humanReadable=False, quiet=1, lquiet=quiet, rquiet=quiet)
        barcode.drawOn(self.c, x, top - h)

    # -- the table ----------------------------------------------------------------------------
    def _table_sizes(self, e: Element) -> tuple[float, float]:
        size = e.size or self.layout.font_size
        return size, min(max(e.min_size or self.layout.min_font_size, TABLE_FLOOR), size)

    def _table_box(self, e: Element, page: int) -> tuple[float, float]:
        """The table's top and height (mm) on ``page``: pages after the first may give it
        more room (``rest_y``/``rest_h``) when the form's other boxes are on page one only."""
        if page > 1 and e.rest_h:
            return e.rest_y, e.rest_h
        return e.y, e.h

    def _paginate(self, record: Record, values: Mapping[str, str]) -> list[list[_Row]]:
        """Split the table's rows into pages. A row grows to hold its wrapped text; the
        table's last row place holds the totals on the last page, "continued" on others."""
        e = self.table
        size, min_size = self._table_sizes(e)
        row_h = e.row_height * mm
        reserve = (row_h if e.totals or e.continued else 0.0) + (row_h if e.page_totals else 0.0)

        def room(page: int) -> float:
            return self._table_box(e, page)[1] * mm - e.header_height * mm - reserve

        smallest = min(room(1), room(2))
        raws = record.tables.get(e.source, ())
        texts = [[text_of(raw.get(col.field)) for col in e.columns] for raw in raws]
        # one size a column: the largest (down to the minimum) at which every cell of it fits its
        # line; at that size the longer cells wrap (the row grows) rather than each shrink on its own
        widths = [col.width * mm - 2 * CELL_PADDING for col in e.columns]
        sizes = [column_size([row[i] for row in texts], FONT, w, size, min_size) for i, w in enumerate(widths)]
        rows = []
        for raw, cell_texts in zip(raws, texts):
            cells = [fit(t, FONT, w, row_h - CELL_PADDING, s, s, grow=True) for t, w, s in zip(cell_texts, widths, sizes)]
            needed = max((cell.height for cell in cells), default=0) + CELL_PADDING
            if needed > smallest:
                # a row taller than the whole table: cut inside its cells, and say so
                cells = [fit(t, FONT, w, smallest - CELL_PADDING, s, s) for t, w, s in zip(cell_texts, widths, sizes)]
                needed = smallest
            rows.append(_Row(cells, max(row_h, needed), raw))
        pages: list[list[_Row]] = [[]]
        used = 0.0
        for row in rows:
            if used + row.height > room(len(pages)) + 0.01 and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append(row)
            used += row.height
        return pages

    def _draw_table(self, e: Element, rows: list[_Row], page: int, last: bool, values: Mapping[str, str], dx: float, dy: float) -> bool:
        """Draw the table's part on ``page``; False if a header or total had to be cut."""
        c = self.c
        whole = True
        size, min_size = self._table_sizes(e)
        y_mm, h_mm = self._table_box(e, page)
        x0, top = self._x(e.x, dx), self._y(y_mm, dy)
        widths = [col.width * mm for col in e.columns]
        width = sum(widths)
        bottom = top - h_mm * mm
        row_h = e.row_height * mm
        c.setLineWidth(e.line_width if e.line_width is not None else self.layout.line_width)
        self._stroke(BLACK)
        header_h = e.header_height * mm
        if header_h:
            self._flush_text()
            c.setFillGray(0.9)
            c.rect(x0, top - header_h, width, header_h, stroke=0, fill=1)
            c.setFillGray(0)
            headers = [fit(col.header, FONT, w - 2 * CELL_PADDING, header_h - CELL_PADDING, size, min_size) for col, w in zip(e.columns, widths)]
            whole = not any(cell.truncated for cell in headers)
            self._cells(headers, widths, e.columns, x0, top, header_h, header=True)
        y = top - header_h
        row_lines = [top, y]
        for row in rows:
            self._cells(row.cells, widths, e.columns, x0, y, row.height)
            y -= row.height
            row_lines.append(y)
        reserved = row_h if (last and e.totals) or (not last and e.continued) else 0.0
        if e.page_totals:
            reserved += row_h
        if e.fill_rows:
            while y - row_h >= bottom + reserved - 0.01:
                y -= row_h
                row_lines.append(y)
        grid_bottom = y
        if e.page_totals:
            texts, label = _page_totals(e, rows, values)
            grid_bottom, totals_whole = self._totals_row(e, widths, x0, grid_bottom, row_h, texts, label, size, min_size)
            whole = whole and totals_whole
            row_lines.append(grid_bottom)
        if last and e.totals:
            texts = {column: template.format_map(values) for column, template in e.totals}
            label = e.totals_label.format_map(values)
            grid_bottom, totals_whole = self._totals_row(e, widths, x0, grid_bottom, row_h, texts, label, size, min_size)
            whole = whole and totals_whole
            row_lines.append(grid_bottom)
        elif not last and e.continued:
            # as large as the rows: a reader must not miss that more follows
            self._text_at(x0 + width - CELL_PADDING, max(bottom, grid_bottom - row_h) + CELL_PADDING, size, e.continued.format_map(values),
                          "right", BLACK)
        for line_y in row_lines:
            c.line(x0, line_y, x0 + width, line_y)
        x = x0
        for w in [0.0, *widths]:
            x += w
            c.line(x, top, x, y)
        c.line(x0, y, x0, grid_bottom)
        c.line(x0 + width, y, x0 + width, grid_bottom)
        return whole

    def _totals_row(self, e: Element, widths: list[float], x0: float, top: float, row_h: float,
                    totals: Mapping[str, str], label_text: str, size: float, min_size: float) -> tuple[float, bool]:
        """A closing row (the page's or the period's): the label spans the columns before the first total."""
        c = self.c
        first = next(i for i, col in enumerate(e.columns) if col.field in totals)
        self._flush_text()
        c.setFillGray(0.95)
        c.rect(x0, top - row_h, sum(widths), row_h, stroke=0, fill=1)
        c.setFillGray(0)
        span = sum(widths[:first])
        whole = True
        if span and label_text:
            label = fit(label_text, FONT, span - 2 * CELL_PADDING, row_h - CELL_PADDING, size, min_size)
            self._write(label, x0 + CELL_PADDING, top - CELL_PADDING / 2, span - 2 * CELL_PADDING, row_h - CELL_PADDING, "center", "middle")
            whole = not label.truncated
        x = x0 + span
        for col, w in zip(e.columns[first:], widths[first:]):
            text = totals.get(col.field, "")
            cell = fit(text, FONT, w - 2 * CELL_PADDING, row_h - CELL_PADDING, size, min_size)
            whole = whole and not cell.truncated
            self._write(cell, x + CELL_PADDING, top - CELL_PADDING / 2, w - 2 * CELL_PADDING, row_h - CELL_PADDING, col.align, "middle")
            c.line(x, top, x, top - row_h)
            x += w
        return top - row_h, whole

    def _cells(self, cells: list[Fitted], widths: list[float], columns: tuple[Column, ...], x0: float, top: float,
               height: float, header: bool = False) -> None:
        x = x0
        for cell, col, w in zip(cells, columns, widths):
            align = "center" if header else col.align
            self._write(cell, x + CELL_PADDING, top - CELL_PADDING / 2, w - 2 * CELL_PADDING, height - CELL_PADDING, align, "middle")
            x += w
