"""Form layouts as data: one TOML file per form in ``forms/`` (see forms/README.md).

A layout is read once, checked key by key, and turned into plain dataclasses the renderer
draws. A mistake a branch makes while editing its own copy is reported with the file and
the key (``elements[4].w``), never as a traceback. Geometry is in millimetres from the
top-left corner of the page's printable area (inside the margins); font sizes in points.
"""

from __future__ import annotations

import logging
import re
import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import faults
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg

BAD_TOML = QT_TRANSLATE_NOOP("Layout", "The form layout {file} cannot be read: {problem}")
BAD_KEY = QT_TRANSLATE_NOOP("Layout", "The form layout {file} has a mistake at “{key}”: {problem}")
NO_FILE = QT_TRANSLATE_NOOP("Layout", "the file does not exist")

PAGE_SIZES_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A6": (105.0, 148.0), "B5": (176.0, 250.0)}
ELEMENT_TYPES = ("text", "box", "line", "rect", "circle", "qr", "code128", "table", "signature", "stamp")
ALIGNS = ("left", "center", "right")
PAGES = ("all", "first", "last", "rest", "several")
# available in every text besides the form's own fields
PAGE_FIELDS = ("page", "pages", "copy_label")
# what a page-totals template may use besides the form's fields: the column's sum on the page, the
# rows on the page and those rows with something in the column
PAGE_TOTAL_FIELDS = ("sum", "rows", "filled")

log = logging.getLogger(__name__)


class LayoutError(UserError):
    """A layout file that cannot be used; ``key`` is where in the file the mistake is.
    ``problem`` is a marked string with its values."""

    def __init__(self, file: Path | str, key: str | None, problem: str, **problem_args: object) -> None:
        self.file = str(file)
        self.key = key
        self.problem = problem
        self.problem_args = {k: _show(v) for k, v in problem_args.items()}
        plain = problem.format(**self.problem_args) if self.problem_args else str(problem)
        if key is None:
            super().__init__(BAD_TOML, None, file=self.file, problem=plain)
        else:
            super().__init__(BAD_KEY, key, file=self.file, key=key, problem=plain)

    def render(self, translate=None) -> str:
        if isinstance(self.problem, Msg):
            problem = self.problem.tr(translate, **self.problem_args)
        else:
            problem = str(self.problem)
        args = dict(self.args_for_message, problem=problem)
        return self.message.tr(translate, **args)


def _show(value: object) -> str:
    """A value from the file as the message quotes it."""
    if isinstance(value, float):
        return f"{value:g}"
    return value if isinstance(value, str) else repr(value)


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    width: float
    align: str = "left"


@dataclass(frozen=True)
class Element:
    type: str
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    text: str = ""  # a template: literal text with {field} placeholders
    label: str = ""
    label_width: float = 0.0  # mm; 0 puts the label above the value as a small caption
    size: float | None = None
    min_size: float | None = None
    align: str = "left"
    valign: str = "middle"
    border: bool = False
    line_width: float | None = None
    dash: bool = False
    fill: float | None = None  # grey level 0 (black) … 1 (white)
    color: str = "#000000"
    angle: float = 0.0
    x2: float = 0.0
    y2: float = 0.0
    r: float = 0.0
    field: str = ""
    when: str = ""
    unless: str = ""
    pages: str = "all"
    copy: int = 0  # drawn on that copy only (1, 2 …); 0 = on every copy
    # tables
    source: str = ""
    columns: tuple[Column, ...] = ()
    header_height: float = 0.0
    row_height: float = 0.0
    fill_rows: bool = True
    rest_y: float = 0.0  # the table's box on pages after the first (0 height: as on the first)
    rest_h: float = 0.0
    totals: tuple[tuple[str, str], ...] = ()  # (column field, template) for the closing row
    totals_label: str = ""
    continued: str = ""
    date_line: str = ""  # e.g. "年　月　日", printed at the bottom right of a signature box
    date_field: str = ""  # the field with the day signed: printed instead of date_line once recorded
    page_totals: tuple[tuple[str, str], ...] = ()  # (column field, template) for every page's closing row
    page_totals_label: str = ""

    def fields_used(self) -> set[str]:
        names = set(_placeholders(self.text)) | set(_placeholders(self.label))
        names |= {n for n in (self.field, self.when, self.unless, self.date_field) if n}
        for _, template in self.totals:
            names |= set(_placeholders(template))
        for _, template in self.page_totals:  # {sum}, {rows} and {filled} are the page's own
            names |= set(_placeholders(template)) - set(PAGE_TOTAL_FIELDS)
        names |= set(_placeholders(self.page_totals_label)) - set(PAGE_TOTAL_FIELDS)
        for template in (self.continued, self.totals_label, self.date_line):
            names |= set(_placeholders(template))
        return names


@dataclass(frozen=True)
class Copy:
    label: str
    dx: float
    dy: float


@dataclass(frozen=True)
class Layout:
    name: str
    file: str
    title: str
    page_width: float  # mm, as printed (after orientation)
    page_height: float
    margins: tuple[float, float, float, float]  # top, right, bottom, left
    font_size: float
    min_font_size: float
    line_width: float
    copies: tuple[Copy, ...]
    elements: tuple[Element, ...] = field(default_factory=tuple)

    @property
    def area_width(self) -> float:
        return self.page_width - self.margins[1] - self.margins[3]

    @property
    def area_height(self) -> float:
        return self.page_height - self.margins[0] - self.margins[2]

    def table(self) -> Element | None:
        return next((e for e in self.elements if e.type == "table"), None)


def _placeholders(template: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(template) if name]
    except ValueError:
        return []


# -- reading --------------------------------------------------------------------------------

class _Reader:
    """Pulls typed values out of one TOML table, naming the key of any mistake."""

    def __init__(self, file: Path, table: dict[str, Any], prefix: str) -> None:
        self.file, self.table, self.prefix = file, table, prefix
        self.used: set[str] = set()

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def fail(self, name: str, problem: Msg, **args: object) -> LayoutError:
        return LayoutError(self.file, self.key(name), problem, **args)

    def get(self, name: str, default: Any = None) -> Any:
        self.used.add(name)
        return self.table.get(name, default)

    def number(self, name: str, default: float | None = None, minimum: float | None = 0.0) -> float:
        value = self.get(name, default)
        if value is None:
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "a number is required"))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "must be a number, not {value}"), value=repr(value))
        if minimum is not None and value < minimum:
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "must be at least {minimum}, not {value}"), minimum=minimum, value=repr(value))
        return float(value)

    def optional_number(self, name: str, minimum: float = 0.0) -> float | None:
        return None if self.table.get(name) is None and self.get(name) is None else self.number(name, minimum=minimum)

    def text(self, name: str, default: str = "") -> str:
        value = self.get(name, default)
        if not isinstance(value, str):
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "must be text in quotes, not {value}"), value=repr(value))
        try:
            list(string.Formatter().parse(value))
        except ValueError:
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "unbalanced braces in {value}; write {{{{ or }}}} for a literal brace"), value=repr(value))
        return value

    def choice(self, name: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(name, default)
        if value not in choices:
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "must be one of {choices}, not {value}"), choices=", ".join(choices), value=repr(value))
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self.get(name, default)
        if not isinstance(value, bool):
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "must be true or false, not {value}"), value=repr(value))
        return value

    def pair(self, name: str, default: tuple[float, float] | None = None) -> tuple[float, float]:
        value = self.get(name, default)
        if (
            not isinstance(value, (list, tuple))
            or len(value) != 2
            or any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in value)
        ):
            raise self.fail(name, QT_TRANSLATE_NOOP("Layout", "must be two numbers in brackets, e.g. [100, 150], not {value}"), value=repr(value))
        return float(value[0]), float(value[1])

    def unknown_keys(self) -> None:
        extra = sorted(set(self.table) - self.used)
        if extra:
            raise self.fail(extra[0], QT_TRANSLATE_NOOP("Layout", "unknown key (misspelt?)"))


def read_layout(path: Path, known_fields: set[str] | None = None, tables: dict[str, set[str]] | None = None) -> Layout:
    """Read and check ``path``. ``known_fields``/``tables`` are what the form's data offers:
    a placeholder naming anything else is a mistake in the file, reported before printing."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise LayoutError(path, None, QT_TRANSLATE_NOOP("Layout", "not UTF-8 text (byte {position})"), position=exc.start) from None
    except tomllib.TOMLDecodeError as exc:
        # the parser's own text is English: the place in words, the text in the log
        log.warning("layout %s: %s", path, exc)
        where = re.search(r"at line (\d+), column (\d+)", exc.args[0] if exc.args else "")
        if where is None:
            raise LayoutError(path, None, QT_TRANSLATE_NOOP("Layout", "a mistake in the file's syntax")) from None
        raise LayoutError(path, None, QT_TRANSLATE_NOOP("Layout", "a mistake in the file's syntax at line {line}, column {column}"),
                          line=int(where[1]), column=int(where[2])) from None
    except OSError as exc:
        raise LayoutError(path, None, faults.os_reason(exc, f"reading the layout {path}")) from None
    return parse_layout(raw, path, known_fields, tables)


def parse_layout(
    raw: dict[str, Any], path: Path, known_fields: set[str] | None = None, tables: dict[str, set[str]] | None = None
) -> Layout:
    top = _Reader(path, raw, "")
    form = _section(top, "form")
    title = form.text("title", path.stem)
    size = form.get("page", "A4")
    if isinstance(size, str):
        if size not in PAGE_SIZES_MM:
            raise form.fail("page", QT_TRANSLATE_NOOP("Layout", "must be one of {choices} or [width, height] in mm, not {value}"), choices=", ".join(PAGE_SIZES_MM), value=repr(size))
        width, height = PAGE_SIZES_MM[size]
    else:
        width, height = form.pair("page")
        if width < 20 or height < 20:
            raise form.fail("page", QT_TRANSLATE_NOOP("Layout", "a page must be at least 20 mm each way"))
    if form.choice("orientation", ("portrait", "landscape"), "portrait") == "landscape":
        width, height = max(width, height), min(width, height)
    margins_raw = form.get("margins", [10, 10, 10, 10])
    if (
        not isinstance(margins_raw, list)
        or len(margins_raw) != 4
        or any(isinstance(v, bool) or not isinstance(v, (int, float)) or v < 0 for v in margins_raw)
    ):
        raise form.fail("margins", QT_TRANSLATE_NOOP("Layout", "must be four numbers ≥ 0 [top, right, bottom, left] in mm, not {value}"), value=repr(margins_raw))
    margins = tuple(float(v) for v in margins_raw)
    if margins[0] + margins[2] >= height - 5 or margins[1] + margins[3] >= width - 5:
        raise form.fail("margins", QT_TRANSLATE_NOOP("Layout", "leave no room on the page"))
    font_size = form.number("font_size", 9, minimum=3)
    min_font_size = form.number("min_font_size", 5, minimum=3)
    if min_font_size > font_size:
        raise form.fail("min_font_size", QT_TRANSLATE_NOOP("Layout", "must not be larger than font_size"))
    line_width = form.number("line_width", 0.5, minimum=0.05)
    form.unknown_keys()

    copies_raw = top.get("copies", [])
    if not isinstance(copies_raw, list):
        raise top.fail("copies", QT_TRANSLATE_NOOP("Layout", "must be a list of [[copies]] tables"))
    copies = []
    for i, entry in enumerate(copies_raw):
        if not isinstance(entry, dict):
            raise top.fail(f"copies[{i}]", QT_TRANSLATE_NOOP("Layout", "must be a [[copies]] table"))
        reader = _Reader(path, entry, f"copies[{i}]")
        dx, dy = reader.pair("offset", (0.0, 0.0))
        copies.append(Copy(reader.text("label"), dx, dy))
        reader.unknown_keys()
    if not copies:
        copies.append(Copy("", 0.0, 0.0))

    elements_raw = top.get("elements", [])
    if not isinstance(elements_raw, list) or not elements_raw:
        raise top.fail("elements", QT_TRANSLATE_NOOP("Layout", "a layout needs at least one [[elements]] table"))
    layout = Layout(
        name=path.stem, file=str(path), title=title, page_width=width, page_height=height, margins=margins,
        font_size=font_size, min_font_size=min_font_size, line_width=line_width, copies=tuple(copies),
    )
    elements = tuple(_element(path, raw_element, i, layout) for i, raw_element in enumerate(elements_raw))
    top.unknown_keys()
    tables_seen = [i for i, e in enumerate(elements) if e.type == "table"]
    if len(tables_seen) > 1:
        raise top.fail(f"elements[{tables_seen[1]}]", QT_TRANSLATE_NOOP("Layout", "a layout has at most one table (it decides the page breaks)"))
    layout = Layout(**{**layout.__dict__, "elements": elements})
    if known_fields is not None:
        _check_fields(layout, path, known_fields, tables or {})
    return layout


def _section(top: _Reader, name: str) -> _Reader:
    value = top.get(name, {})
    if not isinstance(value, dict):
        raise top.fail(name, QT_TRANSLATE_NOOP("Layout", "must be a [{name}] table"), name=name)
    return _Reader(top.file, value, name)


def _element(path: Path, raw: Any, index: int, layout: Layout) -> Element:
    prefix = f"elements[{index}]"
    if not isinstance(raw, dict):
        raise LayoutError(path, prefix, QT_TRANSLATE_NOOP("Layout", "must be an [[elements]] table"))
    r = _Reader(path, raw, prefix)
    kind = r.choice("type", ELEMENT_TYPES, "text")
    values: dict[str, Any] = {"type": kind}
    values["when"] = r.text("when")
    values["unless"] = r.text("unless")
    values["pages"] = r.choice("pages", PAGES, "all")
    values["copy"] = int(r.number("copy", 0))
    if values["copy"] > len(layout.copies):
        raise r.fail("copy", QT_TRANSLATE_NOOP("Layout", "the layout has only {count} copies"), count=len(layout.copies))
    if kind not in ("table", "qr", "code128"):
        values["color"] = r.text("color", "#000000")
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", values["color"]):
            raise r.fail("color", QT_TRANSLATE_NOOP("Layout", "must be #rrggbb, not {value}"), value=repr(values["color"]))
    if kind == "line":
        values["x"], values["y"] = r.number("x"), r.number("y")
        values["x2"], values["y2"] = r.number("x2"), r.number("y2")
        values["dash"] = r.flag("dash", False)
        values["line_width"] = r.optional_number("line_width")
        _inside(r, layout, max(values["x"], values["x2"]), max(values["y"], values["y2"]), "x2", values["copy"])
    elif kind == "circle":
        values["x"], values["y"], values["r"] = r.number("x"), r.number("y"), r.number("r", minimum=0.5)
        values["fill"] = r.optional_number("fill")
        values["line_width"] = r.optional_number("line_width")
        _inside(r, layout, values["x"] + values["r"], values["y"] + values["r"], "r", values["copy"])
    else:
        values["x"], values["y"] = r.number("x"), r.number("y")
        if kind == "qr":
            values["w"] = values["h"] = r.number("size", minimum=8)
        else:
            values["w"] = r.number("w", minimum=1)
            values["h"] = r.number("h", minimum=1)
        _inside(r, layout, values["x"] + values["w"], values["y"] + values["h"], "w", values["copy"])
    if kind in ("text", "box", "signature", "stamp"):
        values["text"] = r.text("text")
        values["field"] = r.text("field")
        if values["text"] and values["field"]:
            raise r.fail("field", QT_TRANSLATE_NOOP("Layout", "give either text or field, not both"))
        values["label"] = r.text("label")
        values["label_width"] = r.number("label_width", 0)
        if values["label_width"] >= values["w"]:
            raise r.fail("label_width", QT_TRANSLATE_NOOP("Layout", "leaves no room for the value"))
        values["size"] = r.optional_number("size", minimum=3)
        values["min_size"] = r.optional_number("min_size", minimum=3)
        values["align"] = r.choice("align", ALIGNS, "center" if kind == "stamp" else "left")
        values["valign"] = r.choice("valign", ("top", "middle", "bottom"), "top" if kind == "signature" else "middle")
        values["border"] = r.flag("border", kind in ("box", "signature", "stamp"))
        values["line_width"] = r.optional_number("line_width")
        if kind == "stamp":
            values["angle"] = r.number("angle", 0, minimum=-90)
        else:
            values["fill"] = r.optional_number("fill")
        values["date_line"] = r.text("date_line")
        values["date_field"] = r.text("date_field")
    elif kind == "rect":
        values["fill"] = r.optional_number("fill")
        values["line_width"] = r.optional_number("line_width")
        values["dash"] = r.flag("dash", False)
    elif kind in ("qr", "code128"):
        values["field"] = r.text("field")
        if not values["field"]:
            raise r.fail("field", QT_TRANSLATE_NOOP("Layout", "names the field whose value is encoded"))
    elif kind == "table":
        _table(r, values, layout)
    r.unknown_keys()
    return Element(**values)


def _table(r: _Reader, values: dict[str, Any], layout: Layout) -> None:
    values["source"] = r.text("source")
    if not values["source"]:
        raise r.fail("source", QT_TRANSLATE_NOOP("Layout", "names the list of rows the table shows"))
    values["header_height"] = r.number("header_height", 7, minimum=0)
    values["row_height"] = r.number("row_height", 6, minimum=2)
    values["size"] = r.optional_number("size", minimum=3)
    values["min_size"] = r.optional_number("min_size", minimum=3)
    values["fill_rows"] = r.flag("fill_rows", True)
    values["rest_y"] = r.number("rest_y", values["y"])
    values["rest_h"] = r.number("rest_h", 0)
    if values["rest_h"] and values["rest_y"] + values["rest_h"] > layout.area_height + 0.01:
        raise r.fail("rest_h", QT_TRANSLATE_NOOP("Layout", "reaches beyond the printable height"))
    values["continued"] = r.text("continued")
    values["totals_label"] = r.text("totals_label")
    values["line_width"] = r.optional_number("line_width")
    columns_raw = r.get("columns")
    if not isinstance(columns_raw, list) or not columns_raw:
        raise r.fail("columns", QT_TRANSLATE_NOOP("Layout", "a table needs a list of columns"))
    columns = []
    for i, raw in enumerate(columns_raw):
        if not isinstance(raw, dict):
            raise r.fail(f"columns[{i}]", QT_TRANSLATE_NOOP("Layout", "must be a table {{ field = …, header = …, width = … }}"))
        c = _Reader(r.file, raw, r.key(f"columns[{i}]"))
        columns.append(Column(c.text("field"), c.text("header"), c.number("width", minimum=3), c.choice("align", ALIGNS, "left")))
        if not columns[-1].field:
            raise c.fail("field", QT_TRANSLATE_NOOP("Layout", "names the value shown in the column"))
        c.unknown_keys()
    total_width = sum(c.width for c in columns)
    if total_width > values["w"] + 0.01:
        raise r.fail("columns", QT_TRANSLATE_NOOP("Layout", "are {total} mm wide together, wider than the table's w = {width} mm"), total=total_width, width=values["w"])
    values["columns"] = tuple(columns)
    totals_raw = r.get("totals", {})
    if not isinstance(totals_raw, dict):
        raise r.fail("totals", QT_TRANSLATE_NOOP("Layout", "must be a table {{ column = \"{{field}}\" }}"))
    names = {c.field for c in columns}
    for column, template in totals_raw.items():
        if column not in names:
            raise r.fail(f"totals.{column}", QT_TRANSLATE_NOOP("Layout", "is not one of the table's columns"))
        if not isinstance(template, str):
            raise r.fail(f"totals.{column}", QT_TRANSLATE_NOOP("Layout", "must be text in quotes, not {value}"), value=repr(template))
    values["totals"] = tuple(totals_raw.items())
    values["page_totals"] = _column_templates(r, "page_totals", names)
    values["page_totals_label"] = r.text("page_totals_label")
    closing_rows = bool(values["totals"]) + bool(values["page_totals"])
    if values["header_height"] + values["row_height"] * (1 + closing_rows) > values["h"]:
        raise r.fail("h", QT_TRANSLATE_NOOP("Layout", "leaves no room for a row under the header"))


def _column_templates(r: _Reader, key: str, names: set[str]) -> tuple[tuple[str, str], ...]:
    raw = r.get(key, {})
    if not isinstance(raw, dict):
        raise r.fail(key, QT_TRANSLATE_NOOP("Layout", "must be a table {{ column = \"{{field}}\" }}"))
    for column, template in raw.items():
        if column not in names:
            raise r.fail(f"{key}.{column}", QT_TRANSLATE_NOOP("Layout", "is not one of the table's columns"))
        if not isinstance(template, str):
            raise r.fail(f"{key}.{column}", QT_TRANSLATE_NOOP("Layout", "must be text in quotes, not {value}"), value=repr(template))
    return tuple(raw.items())


def _inside(r: _Reader, layout: Layout, right: float, bottom: float, key: str, copy: int) -> None:
    copies = layout.copies[copy - 1:copy] if copy else layout.copies
    extra = max(c.dx for c in copies), max(c.dy for c in copies)
    if right + extra[0] > layout.area_width + 0.01:
        raise r.fail(key, QT_TRANSLATE_NOOP("Layout", "reaches {reach} mm across, beyond the printable width {width} mm"), reach=right + extra[0], width=layout.area_width)
    if bottom + extra[1] > layout.area_height + 0.01:
        raise r.fail(key, QT_TRANSLATE_NOOP("Layout", "reaches {reach} mm down, beyond the printable height {height} mm"), reach=bottom + extra[1], height=layout.area_height)


def _check_fields(layout: Layout, path: Path, known: set[str], tables: dict[str, set[str]]) -> None:
    allowed = known | set(PAGE_FIELDS)
    for i, element in enumerate(layout.elements):
        for name in sorted(element.fields_used() - allowed):
            raise LayoutError(
                path, f"elements[{i}]", QT_TRANSLATE_NOOP("Layout", "names the field {name}, which this form does not have"), name=repr(name)
            )
        if element.type == "table":
            if element.source not in tables:
                raise LayoutError(
                    path, f"elements[{i}].source", QT_TRANSLATE_NOOP("Layout", "this form has no list {name}"), name=repr(element.source)
                )
            for j, column in enumerate(element.columns):
                if column.field not in tables[element.source]:
                    raise LayoutError(
                        path, f"elements[{i}].columns[{j}].field",
                        QT_TRANSLATE_NOOP("Layout", "the list {name} has no column {column}"), name=repr(element.source), column=repr(column.field),
                    )


# -- finding ----------------------------------------------------------------------------------

def layout_path(form: str, shipped_dir: Path, override_dir: Path | None) -> Path:
    """The branch's own copy in the data folder's forms/ wins over the shipped one."""
    if override_dir is not None:
        candidate = override_dir / f"{form}.toml"
        if candidate.is_file():
            return candidate
    return shipped_dir / f"{form}.toml"
