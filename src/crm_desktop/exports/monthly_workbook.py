"""The monthly technician report as an Excel workbook (S10–S16, X4), from
``services.monthly_report``'s figures.

Sheets: the summary (汇总: a row per technician, the totals row, a native bar chart of the
jobs per technician), one detail sheet per technician (every job of the month), and the
notes (说明: what each figure counts, the same definitions as the service's docstring).
Totals, arrivals, on-time rates and average responses are Excel formulas over the rows,
so a figure corrected by hand in the sheet carries into its total; the program's own
figures are in the returned ``Report`` for comparison.

Written in openpyxl's write-only mode (rows are streamed to a temporary file as they are
made; charts, merged title cells, frozen panes, widths, page breaks and print setup all
work in it): on a month of 20,000 jobs the workbook took 3.7 s against 4.1 s in the normal
mode, which also holds every cell in memory until it saves (benchmarks/bench_monthly.py).
A write-only sheet needs its column widths, frozen panes and print setup before its first
row, so each sheet's rows are made as plain values first, measured, then written.
Cells share precomputed style arrays instead of setting font, border and number format
cell by cell (openpyxl hashes each style object on every assignment).

The file is written to a temporary file beside the target and moved over it at the end
(``files.replacing``): a cancelled or failed export leaves no file, and never a half-written
one.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Alignment, Font
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from .. import faults, files
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Msg, Translate
from ..progress import Progress, report
from ..services.monthly_report import (
    KINDS,
    SURVEY_ITEMS,
    UNASSIGNED,
    MonthlyFigures,
    SurveySource,
    TechnicianMonth,
    active_technician_count,
    monthly_figures,
)
from .xlsx import (
    BODY_FONT,
    DATE_FORMAT,
    DATETIME_FORMAT,
    FONT_NAME,
    GRID,
    HOURS_FORMAT,
    MONEY_FORMAT,
    PERCENT_FORMAT,
    TOTAL_FILL,
    TOTAL_FONT,
    WidthTracker,
    display_width,
    excel_value,
    header_cells,
    is_risky,
    lines_needed,
    print_setup,
    printable_width,
    row_height,
    scale_to_width,
    text_cell,
    use_report_font,
)

# progress(done, total) -> False to cancel


# -- the user-visible strings ----------------------------------------------------------------
SUMMARY_SHEET = QT_TRANSLATE_NOOP("MonthlyReport", "Summary")
NOTES_SHEET = QT_TRANSLATE_NOOP("MonthlyReport", "Notes")
RENEWALS_SHEET = QT_TRANSLATE_NOOP("MonthlyReport", "Renewals")
RENEWALS_TITLE = QT_TRANSLATE_NOOP("MonthlyReport", "{branch} contract renewals decided in {year}-{month}")
RENEWALS_HEADERS = (
    QT_TRANSLATE_NOOP("MonthlyReport", "Contract looked after by"),
    QT_TRANSLATE_NOOP("MonthlyReport", "Renewed"),
    QT_TRANSLATE_NOOP("MonthlyReport", "Not renewed"),
    QT_TRANSLATE_NOOP("MonthlyReport", "Renewal rate"),
)
RENEWALS_BRANCH = QT_TRANSLATE_NOOP("MonthlyReport", "Whole branch")
NOBODY = QT_TRANSLATE_NOOP("MonthlyReport", "(nobody)")
TITLE = QT_TRANSLATE_NOOP("MonthlyReport", "{branch} technicians' monthly report, {year}-{month}")
DETAIL_TITLE = QT_TRANSLATE_NOOP("MonthlyReport", "{name}: jobs of {year}-{month}")
TOTAL = QT_TRANSLATE_NOOP("MonthlyReport", "Total")
CHART_TITLE = QT_TRANSLATE_NOOP("MonthlyReport", "Jobs per technician, {year}-{month}")
CHART_AXIS = QT_TRANSLATE_NOOP("MonthlyReport", "Jobs")
YES = QT_TRANSLATE_NOOP("MonthlyReport", "Yes")
NO = QT_TRANSLATE_NOOP("MonthlyReport", "No")
KIND_LABELS = {
    "A": QT_TRANSLATE_NOOP("MonthlyReport", "A paid"),
    "B": QT_TRANSLATE_NOOP("MonthlyReport", "B contract"),
    "C": QT_TRANSLATE_NOOP("MonthlyReport", "C free"),
}
MODE_LABELS = {
    "on_site": QT_TRANSLATE_NOOP("MonthlyReport", "On site"),
    "repair": QT_TRANSLATE_NOOP("MonthlyReport", "Repair"),
}
INACTIVE_MARK = QT_TRANSLATE_NOOP("MonthlyReport", "{name} (left)")

# the summary's header rows: groups (row 2) over columns (row 3)
G_TECHNICIAN = QT_TRANSLATE_NOOP("MonthlyReport", "Technician")
G_JOBS = QT_TRANSLATE_NOOP("MonthlyReport", "Jobs by kind (S1)")
G_WHERE = QT_TRANSLATE_NOOP("MonthlyReport", "On site and taken back")
G_HOURS = QT_TRANSLATE_NOOP("MonthlyReport", "Working\nhours")
G_ARRIVAL = QT_TRANSLATE_NOOP("MonthlyReport", "Arrival within the deadline (S14)")
G_REPAIRS = QT_TRANSLATE_NOOP("MonthlyReport", "Repairs and fees")
G_SURVEY = QT_TRANSLATE_NOOP("MonthlyReport", "Customer survey averages (S16)")

H_TOTAL_JOBS = QT_TRANSLATE_NOOP("MonthlyReport", "All jobs")
H_ON_SITE = QT_TRANSLATE_NOOP("MonthlyReport", "On-site\njobs")
H_REPAIR = QT_TRANSLATE_NOOP("MonthlyReport", "Workshop\nrepairs")
H_TAKEN_BACK = QT_TRANSLATE_NOOP("MonthlyReport", "Calls\ntaken back")
H_ARRIVALS = QT_TRANSLATE_NOOP("MonthlyReport", "Arrivals")
H_ON_TIME = QT_TRANSLATE_NOOP("MonthlyReport", "On time")
H_LATE = QT_TRANSLATE_NOOP("MonthlyReport", "Late")
H_RATE = QT_TRANSLATE_NOOP("MonthlyReport", "On-time\nrate")
H_RESPONSE_MINUTES = QT_TRANSLATE_NOOP("MonthlyReport", "Response\n(working min.)")
H_AVERAGE_RESPONSE = QT_TRANSLATE_NOOP("MonthlyReport", "Average response\n(working hours)")
H_REPAIRS_COMPLETED = QT_TRANSLATE_NOOP("MonthlyReport", "Repairs\ncompleted")
H_PARTS = QT_TRANSLATE_NOOP("MonthlyReport", "Parts cost")
H_FEES = QT_TRANSLATE_NOOP("MonthlyReport", "Fees\ncollected")
H_CARDS = QT_TRANSLATE_NOOP("MonthlyReport", "Survey\ncards")
SURVEY_HEADERS = {
    "attitude": QT_TRANSLATE_NOOP("MonthlyReport", "Attitude"),
    "skill": QT_TRANSLATE_NOOP("MonthlyReport", "Skill"),
    "arrival_time": QT_TRANSLATE_NOOP("MonthlyReport", "Arrival\ntime"),
    "follow_through": QT_TRANSLATE_NOOP("MonthlyReport", "Promises\nkept"),
}

# the detail sheets
D_DAY = QT_TRANSLATE_NOOP("MonthlyReport", "Date")
D_CALL = QT_TRANSLATE_NOOP("MonthlyReport", "Call no.")
D_CARD = QT_TRANSLATE_NOOP("MonthlyReport", "Repair card")
D_CUSTOMER = QT_TRANSLATE_NOOP("MonthlyReport", "Customer")
D_KIND = QT_TRANSLATE_NOOP("MonthlyReport", "Kind")
D_MODE = QT_TRANSLATE_NOOP("MonthlyReport", "On site /\nrepair")
D_HOURS = QT_TRANSLATE_NOOP("MonthlyReport", "Hours")
D_DUE = QT_TRANSLATE_NOOP("MonthlyReport", "Arrival due")
D_ARRIVED = QT_TRANSLATE_NOOP("MonthlyReport", "Arrived")
D_ON_TIME = QT_TRANSLATE_NOOP("MonthlyReport", "On time")
D_FEE = QT_TRANSLATE_NOOP("MonthlyReport", "Fee")
D_PARTS = QT_TRANSLATE_NOOP("MonthlyReport", "Parts cost")

NOTES_TITLE = QT_TRANSLATE_NOOP("MonthlyReport", "What the figures count")
NOTES = (
    QT_TRANSLATE_NOOP("MonthlyReport", "Month: from {start} 00:00 up to, not including, {end} 00:00 (local time)."),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "Job: one line of the work log (one visit or one repair) dated in the month; lines whose step was "
        "taken back by a supervisor are not counted. Kind: the job's service kind when it was recorded.",
    ),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "On-site jobs: visits (a visit that ended in taking the goods back counts here). Workshop repairs: "
        "repairs finished in the workshop. Calls taken back: goods taken back in the month by the technician "
        "(goods register), not counting a take-back that was taken back.",
    ),
    QT_TRANSLATE_NOOP("MonthlyReport", "Working hours: the sum of the jobs' hours in the work log."),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "Arrivals (S14): calls the technician arrived at in the month; on time when the arrival was not later "
        "than the deadline (6 working hours in the city, 7 in the suburbs, from the call). On-time rate = on "
        "time ÷ arrivals.",
    ),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "Response: working time from the call to the arrival on the branch's working calendar, in working "
        "minutes; average response = their sum ÷ arrivals, in working hours.",
    ),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "Repairs completed: repair cards whose repair was finished in the month (the last time, if the "
        "inspection sent it back), by the technician who finished it. Parts cost: quantity × unit price of "
        "those cards' parts.",
    ),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "Fees collected (S5): fees collected on site in the month, at the time the collection was recorded "
        "(the fee step, or the completion on site that recorded it).",
    ),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "Survey averages (S16): the average of each item over the month's survey cards of the technician; "
        "blank where there are no cards.",
    ),
    QT_TRANSLATE_NOOP(
        "MonthlyReport",
        "Detail sheets: every job of the month. Arrival due, arrival and on time are shown on visits; the "
        "call's fee and the repair card's parts cost on the call's latest job, so that no fee is counted twice.",
    ),
    QT_TRANSLATE_NOOP("MonthlyReport", "Totals, on-time rates and average responses are Excel formulas over the rows above them."),
)
GENERATED = QT_TRANSLATE_NOOP("MonthlyReport", "Made by the program on {at} from the records of {branch}.")

WRITTEN = QT_TRANSLATE_NOOP(
    "MonthlyReport", "Monthly report {year}-{month} written to {file}: {technicians} technicians, {jobs} jobs."
)
CANCELLED = QT_TRANSLATE_NOOP("MonthlyReport", "The monthly report was cancelled: no file was written.")
FILE_BUSY = QT_TRANSLATE_NOOP(
    "MonthlyReport", "The file {file} cannot be replaced: it may be open in Excel. Close it and try again."
)
CANNOT_WRITE = QT_TRANSLATE_NOOP("MonthlyReport", "The report cannot be written to {folder}: {reason}")



@dataclass(frozen=True)
class Report:
    path: Path
    year: int
    month: int
    technicians: int
    jobs: int
    sheets: list[str]
    figures: MonthlyFigures
    seconds: float

    def describe(self, translate: Translate | None = None) -> str:
        return WRITTEN.tr(
            translate, year=self.year, month=f"{self.month:02d}", file=str(self.path),
            technicians=self.technicians, jobs=self.jobs,
        )


# -- layout -------------------------------------------------------------------------------------

TITLE_FONT = Font(name=FONT_NAME, bold=True, size=14)
NOTE_FONT = Font(name=FONT_NAME, size=10)
WRAP = Alignment(vertical="top", wrap_text=True)
COUNT_FORMAT = "0"
AVERAGE_FORMAT = "0.00"
SUMMARY_FIRST = 4  # summary: title, groups, columns, then the technicians
DETAIL_FIRST = 3  # detail: title, columns, then the jobs
NOTES_WIDTH = 84  # characters: a portrait A4 page
FIGURE_MIN_WIDTH = 6  # a column of figures: its header wraps onto lines of three Chinese characters
DETAIL_CAPS = {"customer": 24}  # a longer name wraps
SUMMARY_MIN_WIDTHS = {"rate": 8}  # a formula's figure, not measured: "100.0%"
SHEET_NAME_MAX = 31
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")

# summary columns: (key, header, number format); the letters follow from the order
SUMMARY_COLUMNS: list[tuple[str, Msg, str | None]] = [
    ("name", G_TECHNICIAN, None),
    ("A", KIND_LABELS["A"], COUNT_FORMAT),
    ("B", KIND_LABELS["B"], COUNT_FORMAT),
    ("C", KIND_LABELS["C"], COUNT_FORMAT),
    ("jobs", H_TOTAL_JOBS, COUNT_FORMAT),
    ("on_site", H_ON_SITE, COUNT_FORMAT),
    ("repair", H_REPAIR, COUNT_FORMAT),
    ("taken_back", H_TAKEN_BACK, COUNT_FORMAT),
    ("hours", G_HOURS, HOURS_FORMAT),
    ("arrivals", H_ARRIVALS, COUNT_FORMAT),
    ("on_time", H_ON_TIME, COUNT_FORMAT),
    ("late", H_LATE, COUNT_FORMAT),
    ("rate", H_RATE, PERCENT_FORMAT),
    ("response", H_RESPONSE_MINUTES, COUNT_FORMAT),
    ("average", H_AVERAGE_RESPONSE, AVERAGE_FORMAT),
    ("repairs", H_REPAIRS_COMPLETED, COUNT_FORMAT),
    ("parts", H_PARTS, MONEY_FORMAT),
    ("fees", H_FEES, MONEY_FORMAT),
    ("cards", H_CARDS, COUNT_FORMAT),
    *[(item, SURVEY_HEADERS[item], AVERAGE_FORMAT) for item in SURVEY_ITEMS],
]
COL = {key: get_column_letter(i) for i, (key, _h, _f) in enumerate(SUMMARY_COLUMNS, start=1)}
# groups of the second header row: (first key, last key, title); a one-column group is
# merged down over the column header row
SUMMARY_GROUPS: list[tuple[str, str, Msg]] = [
    ("name", "name", G_TECHNICIAN),
    ("A", "jobs", G_JOBS),
    ("on_site", "taken_back", G_WHERE),
    ("hours", "hours", G_HOURS),
    ("arrivals", "average", G_ARRIVAL),
    ("repairs", "fees", G_REPAIRS),
    ("cards", SURVEY_ITEMS[-1], G_SURVEY),
]
# summed in the totals row; money and hours rounded to the cent
SUMMED = ("A", "B", "C", "jobs", "on_site", "repair", "taken_back", "arrivals", "on_time", "late", "response",
          "repairs", "cards")
SUMMED_ROUNDED = ("hours", "parts", "fees")

DETAIL_COLUMNS: list[tuple[str, Msg, str | None]] = [
    ("day", D_DAY, DATE_FORMAT),
    ("call", D_CALL, None),
    ("card", D_CARD, None),
    ("customer", D_CUSTOMER, None),
    ("kind", D_KIND, None),
    ("mode", D_MODE, None),
    ("hours", D_HOURS, HOURS_FORMAT),
    ("due", D_DUE, DATETIME_FORMAT),
    ("arrived", D_ARRIVED, DATETIME_FORMAT),
    ("on_time", D_ON_TIME, None),
    ("fee", D_FEE, MONEY_FORMAT),
    ("parts", D_PARTS, MONEY_FORMAT),
]
DCOL = {key: get_column_letter(i) for i, (key, _h, _f) in enumerate(DETAIL_COLUMNS, start=1)}


def sheet_names(names: list[str], reserved: list[str]) -> list[str]:
    """Excel sheet names for ``names``: no []:*?/\\ (replaced by _), no leading or trailing
    apostrophe, at most 31 characters, unique without regard to case among themselves and
    the ``reserved`` names (a repeated name gets " (2)", " (3)" …)."""
    taken = {r.casefold() for r in reserved}
    result = []
    for name in names:
        clean = _BAD_SHEET_CHARS.sub("_", name).strip().strip("'").strip() or "_"
        clean = clean[:SHEET_NAME_MAX]
        candidate, n = clean, 1
        while candidate.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            candidate = clean[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(candidate.casefold())
        result.append(candidate)
    return result


class _Styles:
    """Style arrays made once per workbook and shared by every cell that looks the same."""

    def __init__(self, wb: Workbook, sheet) -> None:
        self.sheet = sheet
        self._cache: dict[tuple, Any] = {}
        self.wb = wb

    def array(self, font: Font, number_format: str | None = None, fill=None, alignment=None, grid: bool = True):
        key = (id(font), number_format, id(fill), id(alignment), grid)
        found = self._cache.get(key)
        if found is None:
            cell = _cell(self.sheet, None)
            cell.font = font
            if grid:
                cell.border = GRID
            if number_format:
                cell.number_format = number_format
            if fill is not None:
                cell.fill = fill
            if alignment is not None:
                cell.alignment = alignment
            found = self._cache[key] = cell._style
        return found


def _label_text(name: str, t: TechnicianMonth, translate: Translate | None) -> str:
    if t.technician_id is None:
        return UNASSIGNED.tr(translate)
    return name if t.active else INACTIVE_MARK.tr(translate, name=name)


def _cell(ws, value: Any, style_array=None) -> Cell:
    """A cell for ``ws.append`` (row and column are set when appended; openpyxl's
    ``WriteOnlyCell`` is the same with no style)."""
    return Cell(ws, 1, 1, value, style_array)


def _num(value: Any) -> Any:
    return None if value is None else excel_value(value)


# -- the workbook -------------------------------------------------------------------------------


class _Writer:
    def __init__(self, figures: MonthlyFigures, translate: Translate | None, write_only: bool = True) -> None:
        self.f = figures
        self.tr = lambda msg, **args: msg.tr(translate, **args)
        self.translate = translate
        self.write_only = write_only
        self.wb = Workbook(write_only=write_only)
        use_report_font(self.wb)
        if not write_only:
            self.wb.remove(self.wb.active)
        self.labels = [_label_text(t.name, t, translate) for t in figures.technicians]
        self.summary_name = self.tr(SUMMARY_SHEET)
        self.notes_name = self.tr(NOTES_SHEET)
        self.renewals_name = self.tr(RENEWALS_SHEET)
        self.detail_names = sheet_names(self.labels, [self.summary_name, self.notes_name, self.renewals_name])
        self.month_text = f"{figures.month:02d}"

    def _sheet(self, title: str):
        return self.wb.create_sheet(title)

    def _styles(self, ws) -> _Styles:
        return _Styles(self.wb, ws)

    @staticmethod
    def _text(ws, value: str | None, style) -> Cell:
        """Text that can never become a formula (``xlsx.text_cell``), in the given style."""
        if value is not None and is_risky(value):
            cell = text_cell(ws, value)
            cell._style = StyleArray(style)
            cell.quotePrefix = True
            return cell
        return _cell(ws, value, style)

    # -- summary ------------------------------------------------------------------------------
    def summary(self) -> None:
        f, tr = self.f, self.tr
        ws = self._sheet(self.summary_name)
        styles = self._styles(ws)
        n = len(f.technicians)
        first, last = SUMMARY_FIRST, SUMMARY_FIRST + n - 1
        total_row = last + 1
        headers = [tr(h) for _k, h, _f in SUMMARY_COLUMNS]
        rows = [self._summary_values(t, label) for t, label in zip(f.technicians, self.labels)]
        widths = WidthTracker([""] * len(headers))  # the figures decide; the headers wrap
        for row in rows:
            widths.see(row)
        widths.see([tr(TOTAL)])
        column_widths = [max(w, FIGURE_MIN_WIDTH, SUMMARY_MIN_WIDTHS.get(key, 0))
                         for w, (key, _h, _f) in zip(widths.columns(), SUMMARY_COLUMNS)]
        for i, width in enumerate(column_widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = f"B{first}"
        print_setup(ws, f"1:{first - 1}")
        scale = scale_to_width(ws, column_widths)
        ws.row_dimensions[1].height = 26
        ws.row_dimensions[2].height, ws.row_dimensions[3].height = self._header_heights(headers, column_widths)
        last_col = get_column_letter(len(SUMMARY_COLUMNS))
        ws.merged_cells.add(f"A1:{last_col}1")

        ws.append([self._text(ws, tr(TITLE, branch=f.branch_name, year=f.year, month=self.month_text).strip(),
                              styles.array(TITLE_FONT, grid=False))])
        # header rows: the groups over the columns
        group_row: list[str | None] = [None] * len(SUMMARY_COLUMNS)
        column_row: list[str | None] = list(headers)
        index = {key: i for i, (key, _h, _f) in enumerate(SUMMARY_COLUMNS)}
        for first_key, last_key, title in SUMMARY_GROUPS:
            a, b = index[first_key], index[last_key]
            group_row[a] = tr(title)
            if a == b:
                column_row[a] = None
                ws.merged_cells.add(f"{COL[first_key]}2:{COL[first_key]}3")
            else:
                ws.merged_cells.add(f"{COL[first_key]}2:{COL[last_key]}2")
        ws.append(header_cells(ws, group_row))
        ws.append(header_cells(ws, column_row))

        body = [styles.array(BODY_FONT, fmt) for _k, _h, fmt in SUMMARY_COLUMNS]
        for r, row in enumerate(rows, start=first):
            cells = [self._text(ws, row[0], body[0])]
            for i in range(1, len(row)):
                cells.append(_cell(ws, self._summary_formula(SUMMARY_COLUMNS[i][0], r) or row[i],
                                  body[i]))
            ws.append(cells)
        totals = [styles.array(TOTAL_FONT, fmt, TOTAL_FILL) for _k, _h, fmt in SUMMARY_COLUMNS]
        ws.append([_cell(ws, tr(TOTAL), totals[0])]
                  + [_cell(ws, self._total_formula(key, first, last), totals[i])
                     for i, (key, _h, _f) in enumerate(SUMMARY_COLUMNS) if i])
        if n:
            self._chart(ws, first, last, total_row, scale)
            if _chart_needs_own_page(column_widths, n, scale, ws.row_dimensions[2].height + ws.row_dimensions[3].height):
                ws.row_breaks.append(Break(id=total_row + 1))

    def _header_heights(self, headers: list[str], widths: list[int]) -> tuple[float, float]:
        """The heights of the summary's two header rows: each as tall as its most wrapped
        text (a group's title over the columns it spans; a one-column group, merged down
        over both rows, shares their height), bold, and a margin."""
        index = {key: i for i, (key, _h, _f) in enumerate(SUMMARY_COLUMNS)}
        group_lines, column_lines, merged = 1, 1, 1
        for first_key, last_key, title in SUMMARY_GROUPS:
            a, b = index[first_key], index[last_key]
            lines = lines_needed(self.tr(title), sum(widths[a:b + 1]))
            if a == b:
                merged = max(merged, lines)
            else:
                group_lines = max(group_lines, lines)
        for i, header in enumerate(headers):
            if not any(index[f] == index[la] == i for f, la, _t in SUMMARY_GROUPS):
                column_lines = max(column_lines, lines_needed(header, widths[i]))
        group, column = row_height(group_lines) + 2, row_height(column_lines) + 2
        if row_height(merged) + 4 > group + column:
            column = row_height(merged) + 4 - group
        return group, column

    def _summary_values(self, t: TechnicianMonth, label: str) -> list[Any]:
        """The row as plain values (formula columns hold what the formula will show, for the widths)."""
        values: dict[str, Any] = {
            "name": label,
            **{k: t.jobs[k] for k in KINDS},
            "jobs": t.total_jobs,
            "on_site": t.on_site_jobs,
            "repair": t.repair_jobs,
            "taken_back": t.taken_back,
            "hours": excel_value(t.hours),
            "arrivals": t.arrivals,
            "on_time": t.arrivals_on_time,
            "late": t.arrivals_late,
            "rate": None,
            "response": t.response_minutes,
            "average": _num(t.average_response_hours),
            "repairs": t.repairs_completed,
            "parts": excel_value(t.parts_cost),
            "fees": excel_value(t.fees_collected),
            "cards": t.survey.cards if t.survey else 0,
            **{item: _num(t.survey_average(item)) for item in SURVEY_ITEMS},
        }
        return [values[key] for key, _h, _f in SUMMARY_COLUMNS]

    @staticmethod
    def _summary_formula(key: str, r: int) -> str | None:
        if key == "jobs":
            return f"=SUM({COL['A']}{r}:{COL['C']}{r})"
        if key == "arrivals":
            return f"={COL['on_time']}{r}+{COL['late']}{r}"
        return _ratio_formula(key, r)

    @staticmethod
    def _total_formula(key: str, first: int, last: int) -> str:
        t = last + 1
        if first > last:  # no technician at all
            return "=0" if key in SUMMED or key in SUMMED_ROUNDED else '=""'
        col = COL[key]
        if key in SUMMED:
            return f"=SUM({col}{first}:{col}{last})"
        if key in SUMMED_ROUNDED:
            return f"=ROUND(SUM({col}{first}:{col}{last}),2)"
        if key in SURVEY_ITEMS:
            cards = COL["cards"]
            return (f'=IF({cards}{t}=0,"",ROUND(SUMPRODUCT({cards}{first}:{cards}{last},'
                    f"{col}{first}:{col}{last})/{cards}{t},2))")
        return _ratio_formula(key, t)

    def _chart(self, ws, first: int, last: int, total_row: int, scale: int = 100) -> None:
        f, tr = self.f, self.tr
        chart = BarChart()
        chart.type = "col"
        chart.title = tr(CHART_TITLE, year=f.year, month=self.month_text)
        chart.y_axis.title = tr(CHART_AXIS)
        chart.x_axis.delete = False  # openpyxl 3.1 leaves axes to hide otherwise (Excel does)
        chart.y_axis.delete = False
        jobs = Reference(ws, min_col=_index("jobs") + 1, min_row=first, max_row=last)
        chart.add_data(jobs, titles_from_data=False)
        chart.series[0].tx = SeriesLabel(v=tr(CHART_AXIS))
        # the names as text categories (``set_categories`` would make them a number reference)
        names = Reference(ws, min_col=1, min_row=first, max_row=last)
        chart.series[0].cat = AxDataSource(strRef=StrRef(f=str(names)))
        chart.legend = None
        # at most a printed page's width: a wider chart is shrunk to the page, its text with it
        page = printable_width() * 100 / scale - 0.5
        chart.width = min(max(16.0, min(48.0, 0.9 * (last - first + 1) + 4)), page)
        chart.height = CHART_HEIGHT
        ws.add_chart(chart, f"A{total_row + 2}")

    # -- detail sheets --------------------------------------------------------------------------
    def detail(self, t: TechnicianMonth, label: str, sheet_name: str) -> None:
        tr = self.tr
        ws = self._sheet(sheet_name)
        styles = self._styles(ws)
        headers = [tr(h) for _k, h, _f in DETAIL_COLUMNS]
        kinds = {k: tr(v) for k, v in KIND_LABELS.items()}
        modes = {k: tr(v) for k, v in MODE_LABELS.items()}
        yes, no = tr(YES), tr(NO)
        rows = [
            (
                line.work_day, line.call_no, line.card_no, line.customer_name, kinds.get(line.service_kind,
                line.service_kind), modes.get(line.mode, line.mode), excel_value(line.hours), line.arrival_due_at,
                line.arrived_at, None if line.on_time is None else yes if line.on_time else no, _num(line.fee),
                _num(line.parts_cost),
            )
            for line in t.lines
        ]
        widths = WidthTracker([""] * len(headers))  # the values decide; the headers wrap
        for row in _width_samples(rows, len(headers)):
            widths.see(row)
        column_widths = [max(w, FIGURE_MIN_WIDTH) for w in widths.columns([DETAIL_CAPS.get(k) for k, _h, _f in DETAIL_COLUMNS])]
        for i, width in enumerate(column_widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = f"A{DETAIL_FIRST}"
        print_setup(ws, f"1:{DETAIL_FIRST - 1}")
        scale_to_width(ws, column_widths, title_columns="A:B")
        ws.row_dimensions[1].height = 24
        ws.row_dimensions[2].height = row_height(max(lines_needed(h, w) for h, w in zip(headers, column_widths))) + 2
        customer_width = column_widths[_dindex("customer")]
        ws.merged_cells.add(f"A1:{get_column_letter(len(DETAIL_COLUMNS))}1")
        ws.append([self._text(ws, tr(DETAIL_TITLE, name=label, year=self.f.year, month=self.month_text),
                              styles.array(TITLE_FONT, grid=False))])
        ws.append(header_cells(ws, headers))

        body = [styles.array(BODY_FONT, fmt, alignment=WRAP if key == "customer" else None) for key, _h, fmt in DETAIL_COLUMNS]
        s_day, s_call, s_card, s_customer, s_kind, s_mode, s_hours, s_due, s_arrived, s_ok, s_fee, s_parts = body
        append = ws.append
        text = self._text
        heights = ws.row_dimensions
        for r, (day, call_no, card_no, customer, kind, mode, hours, due, arrived, ok, fee, parts) in enumerate(rows, DETAIL_FIRST):
            if customer and 2 * len(customer) > customer_width - 1 and (lines := lines_needed(customer, customer_width)) > 1:
                heights[r].height = row_height(lines)  # a long name wraps: LibreOffice would not grow the row
            append((
                _cell(ws, day, s_day),
                text(ws, call_no, s_call),
                text(ws, card_no, s_card),
                text(ws, customer, s_customer),
                _cell(ws, kind, s_kind),
                _cell(ws, mode, s_mode),
                _cell(ws, hours, s_hours),
                _cell(ws, due, s_due),
                _cell(ws, arrived, s_arrived),
                _cell(ws, ok, s_ok),
                _cell(ws, fee, s_fee),
                _cell(ws, parts, s_parts),
            ))
        first, last = DETAIL_FIRST, DETAIL_FIRST + len(rows) - 1
        totals = [styles.array(TOTAL_FONT, fmt, TOTAL_FILL) for _k, _h, fmt in DETAIL_COLUMNS]
        formulas: dict[str, str] = {"day": tr(TOTAL)}
        if rows:
            formulas.update({
                "call": f"=COUNTA({DCOL['call']}{first}:{DCOL['call']}{last})",
                "hours": f"=ROUND(SUM({DCOL['hours']}{first}:{DCOL['hours']}{last}),2)",
                "on_time": f'=COUNTIF({DCOL["on_time"]}{first}:{DCOL["on_time"]}{last},"{_quoted(yes)}")',
                "fee": f"=ROUND(SUM({DCOL['fee']}{first}:{DCOL['fee']}{last}),2)",
                "parts": f"=ROUND(SUM({DCOL['parts']}{first}:{DCOL['parts']}{last}),2)",
            })
        else:
            formulas.update({"call": "=0", "hours": "=0", "on_time": "=0", "fee": "=0", "parts": "=0"})
        total_styles = list(totals)
        total_styles[_dindex("call")] = styles.array(TOTAL_FONT, COUNT_FORMAT, TOTAL_FILL)
        total_styles[_dindex("on_time")] = styles.array(TOTAL_FONT, COUNT_FORMAT, TOTAL_FILL)
        ws.append([_cell(ws, formulas.get(key), total_styles[i])
                   for i, (key, _h, _f) in enumerate(DETAIL_COLUMNS)])

    # -- renewals (S15) ---------------------------------------------------------------------------
    def renewals(self) -> None:
        """The renewal outcomes recorded in the month per keeper of the old contract, the branch's
        under them; the rates as formulas (renewed ÷ decided)."""
        f, tr = self.f, self.tr
        ws = self._sheet(self.renewals_name)
        styles = self._styles(ws)
        for letter, width in zip("ABCD", (24, 12, 12, 14)):
            ws.column_dimensions[letter].width = width
        print_setup(ws, "1:2", landscape=False)
        ws.append([self._text(ws, tr(RENEWALS_TITLE, branch=f.branch_name, year=f.year, month=self.month_text).strip(),
                              styles.array(TITLE_FONT, grid=False))])
        ws.append(header_cells(ws, [tr(h) for h in RENEWALS_HEADERS]))
        _branch, keepers = f.renewals if f.renewals is not None else (None, [])
        text, count, rate = (styles.array(BODY_FONT), styles.array(BODY_FONT, COUNT_FORMAT),
                             styles.array(BODY_FONT, "0.0%"))
        first = 3
        for r, keeper in enumerate(keepers, start=first):
            ws.append([self._text(ws, keeper.keeper or tr(NOBODY), text), _cell(ws, keeper.renewed, count),
                       _cell(ws, keeper.lost, count), _cell(ws, f'=IF(B{r}+C{r}=0,"",B{r}/(B{r}+C{r}))', rate)])
        last = first + len(keepers) - 1
        r = last + 1
        totals = (styles.array(TOTAL_FONT, None, TOTAL_FILL), styles.array(TOTAL_FONT, COUNT_FORMAT, TOTAL_FILL),
                  styles.array(TOTAL_FONT, "0.0%", TOTAL_FILL))
        sums = [f"=SUM(B{first}:B{last})", f"=SUM(C{first}:C{last})"] if keepers else [0, 0]
        ws.append([_cell(ws, tr(RENEWALS_BRANCH), totals[0]), _cell(ws, sums[0], totals[1]), _cell(ws, sums[1], totals[1]),
                   _cell(ws, f'=IF(B{r}+C{r}=0,"",B{r}/(B{r}+C{r}))', totals[2])])

    # -- notes ----------------------------------------------------------------------------------
    def notes(self) -> None:
        f, tr = self.f, self.tr
        ws = self._sheet(self.notes_name)
        ws.column_dimensions["A"].width = NOTES_WIDTH
        print_setup(ws, "1:1", landscape=False)
        ws.append([_cell(ws, tr(NOTES_TITLE), _Styles(self.wb, ws).array(TITLE_FONT, grid=False))])
        note_cell = _cell(ws, None)
        note_cell.font, note_cell.alignment = NOTE_FONT, WRAP
        style = note_cell._style
        texts = [tr(NOTES[0], start=f.start.date().isoformat(), end=f.end.date().isoformat())]
        texts += [tr(m) for m in NOTES[1:]]
        texts.append(tr(GENERATED, at=f.computed_at.strftime("%Y-%m-%d %H:%M"), branch=f.branch_name))
        for i, text in enumerate(texts, start=2):
            lines = -(-display_width(text) // (NOTES_WIDTH - 4))
            ws.row_dimensions[i].height = 16 * max(1, lines)
        for text in texts:
            cell = text_cell(ws, text)
            if not isinstance(cell, Cell):
                cell = _cell(ws, text, style)
            ws.append([cell])

    def save(self, path: Path) -> None:
        self.wb.save(path)

    def discard(self) -> None:
        """Remove what a write-only workbook already streamed to temporary files."""
        if not self.write_only:
            return
        for ws in self.wb.worksheets:
            writer = getattr(ws, "_writer", None)
            if writer is None:
                continue
            try:
                if not ws.closed:
                    ws.close()
                writer.cleanup()
            except Exception:  # noqa: BLE001 - best effort: openpyxl removes them at exit anyway
                pass


# printing the summary (A4 landscape, the margins of ``xlsx.print_setup``), in centimetres
_PRINTABLE_HEIGHT = 21.0 - 2 * 0.75 * 2.54  # the top and bottom margins hold the page header and footer
_CM_PER_POINT = 2.54 / 72
CHART_HEIGHT = 9.0


def _chart_needs_own_page(widths: list[float], rows: int, scale: int = 100, header_height: float = 49) -> bool:
    """Whether the table and the chart below it would not fit on the first printed page
    together (at the sheet's print ``scale``, in percent): then the chart starts a page of
    its own instead of being cut in two."""
    from .xlsx import printable_width, printed_width

    factor = scale / 100
    table_height = (26 + header_height + 15 * (rows + 1)) * _CM_PER_POINT
    if printed_width(widths) * factor > printable_width():
        return True  # the table continues on a page to its right: the chart after it
    return (table_height + 2 * 15 * _CM_PER_POINT + CHART_HEIGHT) * factor > _PRINTABLE_HEIGHT


def _index(key: str) -> int:
    return next(i for i, (k, _h, _f) in enumerate(SUMMARY_COLUMNS) if k == key)


def _dindex(key: str) -> int:
    return next(i for i, (k, _h, _f) in enumerate(DETAIL_COLUMNS) if k == key)


def _ratio_formula(key: str, r: int) -> str | None:
    arrivals, on_time = f"{COL['arrivals']}{r}", f"{COL['on_time']}{r}"
    if key == "rate":
        return f'=IF({arrivals}=0,"",{on_time}/{arrivals})'
    if key == "average":
        return f'=IF({arrivals}=0,"",ROUND({COL["response"]}{r}/{arrivals}/60,2))'
    return None


def _quoted(text: str) -> str:
    return text.replace('"', '""')


def _width_samples(rows: list[tuple], width: int) -> list[list[Any]]:
    """Few rows in which ``WidthTracker`` finds every column's widest value: per column the
    longest texts (a text is at most twice as wide as it is long, Chinese characters taking
    two columns), one date or time (fixed widths) and the number of largest magnitude.
    Column by column with set and max, so 20,000 rows cost a few milliseconds."""
    samples: list[list[Any]] = []
    columns = list(zip(*rows)) if rows else [() for _ in range(width)]
    for i, column in enumerate(columns):
        values = set(column)
        values.discard(None)
        texts = [v for v in values if isinstance(v, str)]
        keep: list[Any] = []
        if texts:
            longest = max(map(len, texts))
            keep += [t for t in texts if 2 * len(t) >= longest]
        others = [v for v in values if not isinstance(v, str)]
        moments = [v for v in others if isinstance(v, (date, datetime))]
        numbers = [v for v in others if not isinstance(v, (date, datetime))]
        keep += moments[:1]
        if numbers:
            keep.append(max(numbers, key=abs))
        for j, value in enumerate(keep):
            if j == len(samples):
                samples.append([None] * width)
            samples[j][i] = value
    return samples


def write_figures(
    figures: MonthlyFigures,
    path: Path | str,
    progress: Progress | None = None,
    translate: Translate | None = None,
    *,
    write_only: bool = True,
    done_before: int = 0,
    total: int | None = None,
) -> list[str]:
    """Write ``figures`` as the workbook at ``path`` (through a temporary file beside it);
    returns the sheet names. ``progress(done, total)`` after each sheet; False cancels
    (``Cancelled``, no file)."""
    path = Path(path)
    writer = _Writer(figures, translate, write_only=write_only)
    steps = len(figures.technicians) + 4  # summary, details, renewals, notes, saving
    total = total if total is not None else steps
    done = done_before

    def step() -> None:
        nonlocal done
        done += 1
        report(progress, min(done, total), total, CANCELLED)

    folder = path.parent if str(path.parent) else Path(".")
    started = finished = False  # the temporary file is made / the workbook is in it
    try:
        with files.replacing(path) as temporary:
            started = True
            writer.summary()
            step()
            for t, label, name in zip(figures.technicians, writer.labels, writer.detail_names):
                writer.detail(t, label, name)
                step()
            writer.renewals()
            step()
            writer.notes()
            step()
            writer.save(temporary)
            step()  # the last chance to cancel: the file is put in place as the block ends
            finished = True
    except BaseException as exc:
        writer.discard()
        if isinstance(exc, OSError) and not started:  # the folder is gone or read-only
            raise UserError(CANNOT_WRITE, field="path", folder=str(folder), reason=faults.os_reason(exc, "writing the monthly report")) from exc
        if isinstance(exc, PermissionError) and finished:  # the rename: the file is open in Excel
            raise UserError(FILE_BUSY, field="path", file=str(path)) from exc
        raise
    return [writer.summary_name, *writer.detail_names, writer.renewals_name, writer.notes_name]


def write_monthly_report(
    database,
    year: int,
    month: int,
    path: Path | str,
    progress: Progress | None = None,
    translate: Translate | None = None,
    surveys: SurveySource | None = None,
) -> Report:
    """The monthly technician report of ``year``-``month`` from ``database`` to the .xlsx file
    at ``path`` (replaced if it exists). ``progress(done, total)`` is called before the work,
    after the figures and after each sheet (from the calling thread); when it returns False
    the export stops with ``Cancelled`` and no file is left. ``translate(context,
    text)`` gives the sheet names, titles and headers in the user's language."""
    started = time.perf_counter()
    with database.read_session() as session:
        # the number of sheets before the figures: a first progress report without waiting
        expected = active_technician_count(session) + 5
        report(progress, 0, expected, CANCELLED)
        figures = monthly_figures(session, year, month, surveys)
    total = len(figures.technicians) + 5
    report(progress, 1, total, CANCELLED)
    sheets = write_figures(figures, path, progress, translate, done_before=1, total=total)
    return Report(
        path=Path(path),
        year=year,
        month=month,
        technicians=len(figures.technicians),
        jobs=figures.jobs,
        sheets=sheets,
        figures=figures,
        seconds=time.perf_counter() - started,
    )
