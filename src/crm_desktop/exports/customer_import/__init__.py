"""Importing customers and their products from the clerk's own spreadsheet (I2, I3; X2, X5).

Four steps, each usable alone (the wizard and the command line call the same ones), each a
module that uses only the ones before it:

1. ``reading``: ``read_sheet(path)`` reads the workbook once and finds the header row; a file
   that is not a readable .xlsx is refused with a message that says what to do.
2. ``mapping``: ``propose_mapping(headers)`` matches the sheet's columns to the archive's
   fields by the Chinese names clerks use (``fields.FIELDS``); the clerk may change it.
3. ``checking``: ``check(database, sheet, mapping)`` cleans every row and gives an
   ``ImportPlan`` — what would be written, every bad cell and why, the likely duplicates.
   Nothing is written.
4. ``writing``: ``apply(database, plan, skip_duplicates=…)`` writes every customer and
   product of the plan in one transaction, or nothing; ``import_file`` and ``run_command``
   run the four steps for the command line.

This module is only the face the rest of the program uses. Every message is an English
source string marked for translation (context ``CustomerImport``); the header names and
value words are data, in Chinese, because they are what the clerk's sheets contain. No Qt
here.
"""

from __future__ import annotations

from ...progress import Progress
from .checking import FORMULA, FORMULA_WITHOUT_VALUE, CellProblem, ImportPlan, check, write_problem_report
from .fields import FIELDS
from .mapping import NAME_NOT_MAPPED, NO_NAME_COLUMN, capital_scale_of, mapping_problems, propose_mapping
from .reading import (
    EMPTY_WORKBOOK,
    ENCRYPTED,
    FILE_MISSING,
    FILE_UNREADABLE,
    MERGED_HEADER,
    NO_DATA_ROWS,
    NO_HEADER,
    NO_SUCH_SHEET,
    NOT_XLSX,
    OLD_XLS,
    TEXT_FILE,
    SheetData,
    column_letter,
    read_sheet,
)
from .writing import HAS_BAD_ROWS, ImportResult, apply, import_file, run_command

__all__ = [
    # the steps and what they give
    "read_sheet", "SheetData", "column_letter",
    "FIELDS", "propose_mapping", "mapping_problems", "capital_scale_of",
    "check", "ImportPlan", "CellProblem", "write_problem_report",
    "apply", "ImportResult", "import_file", "run_command",
    "Progress",
    # the refusals callers and tests tell apart
    "FILE_MISSING", "FILE_UNREADABLE", "OLD_XLS", "ENCRYPTED", "TEXT_FILE", "NOT_XLSX", "EMPTY_WORKBOOK",
    "NO_SUCH_SHEET", "NO_HEADER", "NO_DATA_ROWS", "MERGED_HEADER", "NAME_NOT_MAPPED", "NO_NAME_COLUMN",
    "FORMULA", "FORMULA_WITHOUT_VALUE", "HAS_BAD_ROWS",
]
