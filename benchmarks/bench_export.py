"""A register export of 100,000 rows: the program against a bare openpyxl write-only script.

Target (issue 16, *Performance*): ``exports.register_export.export_register`` of the whole
service-call register (100,000 calls, 19 columns, the register's own order), from the
database to the saved .xlsx file, within **2×** the time a bare openpyxl write-only script
takes to write the same cells with the same styles from values already in memory, measured
in the same run (medians of --repeat runs, alternating bare, program, …).

The bare script's input is made before any timer, with the program's own query and cell
values (so the two write the same text, numbers and dates): the rows as lists of values, the
column widths, which columns wrap, each row's height. It is timed from ``Workbook()`` to the
saved file and does what any script must to write that sheet: the Normal style's font, the
widths, frozen panes, autofilter and print setup, the summary line and the styled header
row, one shared styled cell per column that takes each row's value in turn (its number
format, its alignment; the texts of a row of one line go in as plain values, as the
program's do), a height for each row whose text wraps onto more lines, the totals row,
``save``. The program's time includes what the bare script is given: reading the rows
in windows from SQLite, turning codes into labels and staff ids into names, measuring the
widths and the wrapped lines.

Both files are then read back (openpyxl read-only) and compared value by value, with the row
heights: a difference fails the run (``--no-check`` skips this, about half a minute).

    .venv/bin/python benchmarks/bench_export.py [--data-dir DIR] [--repeat 3] [--no-check] [--profile]

The database is ``benchmarks/out/calls-100k/`` (the demo command's, shared with
bench_startup.py; made once).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import OUT, ensure_demo_database, load_note, program_version, verdict  # noqa: E402

TARGET = 2.0
CALLS = 100_000


def prepare(database, spec):
    """What the bare script is given: every row's values as the program writes them, the
    widths, the wrapping columns, the heights (made with the program's own helpers, untimed)."""
    from crm_desktop.exports import register_export as rx
    from crm_desktop.exports import xlsx
    from crm_desktop.services.registers import RegisterQuery, staff_names

    query = RegisterQuery(database, spec)
    query.set_sort(spec.default_sort, spec.default_descending)
    columns = list(spec.columns)
    staff = staff_names(database)
    total = query.count()
    rows = []
    for offset in range(0, total, rx.CHUNK):
        rows += [[rx.cell_value(c, r[i + 1], staff) for i, c in enumerate(columns)] for r in query.window(offset, rx.CHUNK)]
    headers = [c.header.tr(None) for c in columns]
    tracker = xlsx.WidthTracker(headers)
    for row in rows[: rx.CHUNK]:
        tracker.see(row)
    least = [rx.narrowest(c) for c in columns]
    widths = xlsx.narrow_to_fit(tracker.columns([rx.width_cap(c) for c in columns]), least)
    wraps = [n is not None and c.kind not in rx.NUMBER_FORMATS for n, c in zip(least, columns)]
    heights = []
    for row in rows:
        lines = max([xlsx.lines_needed(v, w) for v, w, wrap in zip(row, widths, wraps) if wrap and isinstance(v, str)],
                    default=1)
        heights.append(xlsx.row_height(lines) if lines > 1 else None)
    formats = [rx.NUMBER_FORMATS.get(c.kind) for c in columns]
    summed = [c.kind in rx.SUMMED_KINDS for c in columns]
    return dict(rows=rows, headers=headers, widths=widths, wraps=wraps, heights=heights, formats=formats,
                summed=summed, summary=rx.summary_line(query, total, __import__("datetime").datetime.now()))


def bare(path: Path, data: dict) -> None:
    """The reference: openpyxl's write-only mode, as its documentation shows, nothing more."""
    from copy import copy

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.indexed_list import IndexedList

    normal = Font(name="微软雅黑", sz=10, family=2, charset=134)
    bold = Font(name="微软雅黑", sz=10, bold=True)
    wb = Workbook(write_only=True)
    wb._fonts = IndexedList([copy(normal)])
    wb._named_styles["Normal"].font = copy(normal)
    ws = wb.create_sheet("叫修登记簿")
    n = len(data["headers"])
    rows = data["rows"]
    last = get_column_letter(n)
    for i, width in enumerate(data["widths"], start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:{last}{2 + len(rows)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.scale = 85
    ws.print_title_rows = "2:2"
    ws.print_title_cols = "A:A"
    ws.print_area = f"A2:{last}{3 + len(rows)}"
    ws.print_options.gridLines = True
    ws.oddHeader.center.text = data["summary"]
    ws.oddFooter.center.text = "&P / &N"

    title = WriteOnlyCell(ws, value=data["summary"])
    title.font = bold
    ws.append([title])
    header = []
    for text in data["headers"]:
        cell = WriteOnlyCell(ws, value=text)
        cell.font = Font(name="微软雅黑", sz=10, bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="2F5597")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    cells = []
    for fmt, wrap in zip(data["formats"], data["wraps"]):
        cell = WriteOnlyCell(ws)
        if fmt:
            cell.number_format = fmt
        cell.alignment = Alignment(vertical="top", wrap_text=wrap or None)
        cells.append(cell)
    dims = ws.row_dimensions
    numbers = [fmt is not None for fmt in data["formats"]]
    r = 2
    for values, height in zip(rows, data["heights"]):
        r += 1
        out = []
        for cell, number, value in zip(cells, numbers, values):
            if value is None:
                out.append(None)
            elif isinstance(value, str) and (number or not height):  # a row of one line: its texts unstyled
                out.append(value)
            else:
                cell.value = value
                out.append(cell)
        if height:
            dims[r].height = height
            ws.append(out)
            del dims[r]
        else:
            ws.append(out)
    totals = []
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, summed in enumerate(data["summed"], start=1):
        cell = WriteOnlyCell(ws)
        cell.font = bold
        cell.fill = fill
        if summed:
            letter = get_column_letter(i)
            cell.value = f"=SUBTOTAL(9,{letter}3:{letter}{2 + len(rows)})"
            cell.number_format = data["formats"][i - 1]
        elif i == 1:
            cell.value = f"Total ({len(rows)} rows)"
        totals.append(cell)
    ws.append(totals)
    wb.save(path)


def compare(program: Path, reference: Path) -> list[str]:
    """Differences in value (and in row height) between the two sheets' rows."""
    import zipfile

    from openpyxl import load_workbook

    problems = []
    a = load_workbook(program, read_only=True).worksheets[0]
    b = load_workbook(reference, read_only=True).worksheets[0]
    count = 0
    for ra, rb in zip(a.iter_rows(min_row=2, values_only=True), b.iter_rows(min_row=2, values_only=True)):
        count += 1
        if tuple(ra) != tuple(rb):
            problems.append(f"row {count + 1}: {ra[:3]} … != {rb[:3]} …")
            if len(problems) > 5:
                break
    if a.max_row != b.max_row:
        problems.append(f"{a.max_row} rows against {b.max_row}")
    heights = []
    for path in (program, reference):
        with zipfile.ZipFile(path) as book:
            heights.append(book.read("xl/worksheets/sheet1.xml").count(b'customHeight="1"'))
    if heights[0] != heights[1]:
        problems.append(f"rows with a height: {heights[0]} against {heights[1]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=OUT / "calls-100k")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", action="store_true")
    parser.add_argument("--profile", action="store_true", help="profile one program export and print the top")
    args = parser.parse_args()

    from sqlalchemy import create_engine

    from crm_desktop.db import Database
    from crm_desktop.exports.register_export import export_register
    from crm_desktop.services.registers import REGISTERS, RegisterQuery

    path = ensure_demo_database(args.data_dir, CALLS)
    print(program_version())
    print(load_note("at start"))
    database = Database(create_engine(f"sqlite:///{path}"))
    spec = REGISTERS["service_call"]
    t0 = time.perf_counter()
    data = prepare(database, spec)
    print(f"the bare script's input made in {time.perf_counter() - t0:.1f} s: {len(data['rows']):,} rows, "
          f"{len(data['headers'])} columns, {sum(1 for h in data['heights'] if h):,} rows taller than a line")

    folder = Path(tempfile.mkdtemp(prefix="bench-export-"))
    program_file, bare_file = folder / "program.xlsx", folder / "bare.xlsx"

    def run_program() -> float:
        started = time.perf_counter()
        export_register(RegisterQuery(database, spec), program_file)
        return time.perf_counter() - started

    def run_bare() -> float:
        started = time.perf_counter()
        bare(bare_file, data)
        return time.perf_counter() - started

    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(run_program)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
    program_times, bare_times = [], []
    for i in range(args.repeat):
        bare_times.append(run_bare())
        program_times.append(run_program())
        print(f"  run {i + 1}: bare {bare_times[-1]:.2f} s, program {program_times[-1]:.2f} s", flush=True)
    p, b = statistics.median(program_times), statistics.median(bare_times)
    ratio = p / b
    print(f"program {p:.2f} s, bare openpyxl write-only {b:.2f} s (medians of {args.repeat}): "
          f"{ratio:.2f}× (target ≤ {TARGET}×): {verdict(ratio <= TARGET)}")
    print(f"file sizes: program {program_file.stat().st_size / 1e6:.1f} MB, bare {bare_file.stat().st_size / 1e6:.1f} MB")
    ok = ratio <= TARGET
    if not args.no_check:
        t0 = time.perf_counter()
        problems = compare(program_file, bare_file)
        print(f"the two files compared in {time.perf_counter() - t0:.1f} s: "
              + ("the same values and row heights" if not problems else "DIFFERENT:\n  " + "\n  ".join(problems)))
        ok = ok and not problems
    print(load_note("at end"))
    for file in (program_file, bare_file):
        file.unlink(missing_ok=True)
    folder.rmdir()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
