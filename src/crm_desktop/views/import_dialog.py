"""Importing customers from the clerk's spreadsheet: a wizard over ``exports.customer_import``.

Four pages: choose the file → match the columns (proposed from the Chinese header names,
each field a combo box of the sheet's columns) → check (every row; bad cells red with the
reason as tooltip, the list of bad rows to copy or save, the likely duplicates with the
customer they resemble and the choice to skip them) → the result. The import button stays
disabled while any row is bad; the import writes all rows in one transaction or none.
Reading, checking and writing run in the background (``views/background``) under a progress
dialog that can be cancelled (X5); the work is done by the module below, these classes only
show it: a page whose Next starts work stays put, and moves on when the work has ended well.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSettings, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from .. import faults
from ..db import Database
from ..exports import customer_import as ci
from ..progress import Cancelled, Progress
from . import background
from .background import Task
from .dialogs.form import keep_on_screen
from .errors import message_of
from .i18n import translate
from .save_dialog import ask_save_path

log = logging.getLogger(__name__)

T = TypeVar("T")

BAD_COLOUR = QColor("#f8d7da")
DUPLICATE_COLOUR = QColor("#fff3cd")
ERROR_STYLE = "color: #b00020;"
SAMPLE_ROWS = 3
SHOWN_TEXT = 120  # characters of a cell shown in the preview (a 50,000-character cell is cut here only)


def shown_value(value: Any) -> str:
    """A cell as the preview shows it (as in the sheet, not yet cleaned)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d}" if value.time() == datetime.min.time() else f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= SHOWN_TEXT else text[:SHOWN_TEXT] + "…"


# --------------------------------------------------------------------------- the preview table


class ImportPreviewModel(QAbstractTableModel):
    """The sheet's rows as read, one column per chosen field, the Excel row number first.
    A bad cell is red with its reasons as tooltip; the row number of a likely duplicate is
    yellow with what it resembles."""

    def __init__(self, plan: ci.ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        # in the sheet's own order, as the clerk sees the columns in Excel
        self.fields = sorted((f for f in ci.FIELDS if f.key in plan.mapping), key=lambda f: plan.mapping[f.key])
        self.problems = plan.problems_by_cell()
        self.bad_rows = set(plan.bad_rows)
        self.resembles = {row: c for c in plan.duplicates for row in c.rows}
        self.only_bad = False
        self.rows = list(range(len(plan.sheet.rows)))

    def show_only_bad(self, only: bool) -> None:
        self.beginResetModel()
        self.only_bad = only
        sheet_rows = self.plan.sheet.rows
        self.rows = [i for i in range(len(sheet_rows)) if not only or sheet_rows[i][0] in self.bad_rows]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                    Qt.ItemDataRole.ToolTipRole):
            return None
        if section == 0:
            return self.tr("Row")
        f = self.fields[section - 1]
        col = self.plan.mapping[f.key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.plan.sheet.column_title(col)
        return f"{f.label.tr(translate)}\n{self.plan.sheet.column_title(col)}"

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # never raise into Qt's painting
            log.exception("preview data")
            return None

    def _data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if not index.isValid():
            return None
        number, values = self.plan.sheet.rows[self.rows[index.row()]]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(number)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row_problems = self.problems.get((number, None), [])
            duplicate = self.resembles.get(number)
            if role == Qt.ItemDataRole.BackgroundRole:
                if row_problems:
                    return QBrush(BAD_COLOUR)
                if duplicate is not None:
                    return QBrush(DUPLICATE_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole:
                lines = [p.reason(translate) for p in row_problems]
                if duplicate is not None:
                    lines += [r.render(translate) for r in duplicate.resembles]
                return "\n".join(lines) or None
            return None
        col = self.plan.mapping[self.fields[index.column() - 1].key]
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_value(values[col] if col < len(values) else None)
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            cell = self.problems.get((number, col))
            if not cell:
                return None
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(BAD_COLOUR)
            return "\n".join(p.reason(translate) for p in cell)
        return None

    def cell_problems(self, view_row: int, view_column: int) -> list[ci.CellProblem]:
        """The problems shown on that cell (red)."""
        number, _values = self.plan.sheet.rows[self.rows[view_row]]
        col = None if view_column == 0 else self.plan.mapping[self.fields[view_column - 1].key]
        return self.problems.get((number, col), [])


# --------------------------------------------------------------------------- pages


class ImportFilePage(QWizardPage):
    """Step 1: the workbook (and its sheet, when it has several)."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Step 1: choose the workbook"))
        self.setSubTitle(self.tr(
            "An Excel workbook (.xlsx) with one customer, or one product of a customer, per row and the column "
            "names (客户名称, 电话, 地址, 型号 …) in the row above the data."))
        self.path = QLineEdit()
        self.path.setObjectName("file_path")
        self.path.setPlaceholderText(self.tr("The workbook's file"))
        self.path.textChanged.connect(self._path_changed)
        browse = QPushButton(self.tr("Choose…"))
        browse.setObjectName("browse")
        browse.clicked.connect(self.browse)
        line = QHBoxLayout()
        line.addWidget(self.path, 1)
        line.addWidget(browse)
        self.sheet_label = QLabel(self.tr("Sheet"))
        self.sheet = QComboBox()
        self.sheet.setObjectName("sheet")
        sheet_line = QHBoxLayout()
        sheet_line.addWidget(self.sheet_label)
        sheet_line.addWidget(self.sheet, 1)
        self.sheet_label.hide()
        self.sheet.hide()
        self.error = QLabel()
        self.error.setObjectName("file_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(line)
        layout.addLayout(sheet_line)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._read: tuple[tuple[Path, str | None], ci.SheetData] | None = None  # read, waiting for Next

    def browse(self) -> None:
        from .save_dialog import IMPORT_FOLDER_KEY, ask_open_paths

        if self.path.text() and Path(self.path.text()).parent.is_dir():  # the folder of the file typed in
            QSettings().setValue(IMPORT_FOLDER_KEY, str(Path(self.path.text()).parent))
        chosen = ask_open_paths(self, self.tr("Choose the customers' workbook"),
                                self.tr("Excel workbooks (*.xlsx *.xlsm);;All files (*)"), IMPORT_FOLDER_KEY)
        if chosen:
            self.path.setText(str(chosen[0]))

    def _path_changed(self) -> None:
        self.sheet.clear()
        self.sheet.hide()
        self.sheet_label.hide()
        self.error.clear()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802
        """Read the file on Next, in the background; once it has been read, Next is pressed
        again here and the wizard moves on. A bad file keeps the clerk here with the reason."""
        path = Path(self.path.text().strip())
        wanted = self.sheet.currentText() or None
        ready, self._read = self._read, None
        if ready is not None and ready[0] == (path, wanted):
            self._use(ready[1])
            return True
        self.error.clear()

        def read(sheet: ci.SheetData) -> None:
            self._read = ((path, wanted), sheet)
            if self.wizard_.currentPage() is self:
                self.wizard_.next()

        self.wizard_.run(self, self.tr("Reading %1…").replace("%1", path.name),
                         lambda step: ci.read_sheet(path, wanted, progress=step), read,
                         lambda exc: self.error.setText(message_of(exc)))
        return False

    def _use(self, sheet: ci.SheetData) -> None:
        if len(sheet.sheet_names) > 1 and self.sheet.count() != len(sheet.sheet_names):
            self.sheet.blockSignals(True)
            self.sheet.addItems(sheet.sheet_names)
            self.sheet.setCurrentText(sheet.sheet_name)
            self.sheet.blockSignals(False)
            self.sheet.show()
            self.sheet_label.show()
        old = self.wizard_.sheet  # back here and Next again: the clerk's column choices stay
        same = old is not None and (old.path, old.sheet_name, old.headers) == (sheet.path, sheet.sheet_name, sheet.headers)
        self.wizard_.set_sheet(sheet, keep_mapping=same)


class ImportMappingPage(QWizardPage):
    """Step 2: which column fills which field, proposed from the header names."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Step 2: match the columns"))
        self.setSubTitle(self.tr(
            "Each field of the customer archive and the column of the sheet it comes from. The columns were "
            "matched by their names; change any that is wrong. Fields marked * are required."))
        self.table = QTableWidget(len(ci.FIELDS), 3)
        self.table.setObjectName("mapping")
        # Tab goes from column choice to column choice and on to the buttons: with the table's
        # own Tab a choice sent the focus back to the table, and Tab never left it
        self.table.setTabKeyNavigation(False)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Column of the sheet"),
                                              self.tr("First values")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 230)
        self.combos: dict[str, QComboBox] = {}
        for row, f in enumerate(ci.FIELDS):
            label = f.label.tr(translate) + (" *" if f.required else "")
            if f.table == "product":
                label = self.tr("%1 (product)").replace("%1", label)
            self.table.setItem(row, 0, QTableWidgetItem(label))
            box = QComboBox()
            box.setObjectName(f"column_{f.key}")
            box.currentIndexChanged.connect(self._changed)
            self.combos[f.key] = box
            self.table.setCellWidget(row, 1, box)
            self.table.setItem(row, 2, QTableWidgetItem(""))
        self.status = QLabel()
        self.status.setObjectName("mapping_status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self._filling = False

    def initializePage(self) -> None:  # noqa: N802
        sheet = self.wizard_.sheet
        assert sheet is not None
        mapping = self.wizard_.mapping
        self._filling = True
        try:
            for key, box in self.combos.items():
                box.clear()
                box.addItem(self.tr("(not imported)"), None)
                for col in range(sheet.width):
                    box.addItem(sheet.column_title(col), col)
                box.setCurrentIndex(max(box.findData(mapping.get(key)), 0) if key in mapping else 0)
        finally:
            self._filling = False
        self._changed()

    def mapping(self) -> dict[str, int]:
        return {key: box.currentData() for key, box in self.combos.items() if box.currentData() is not None}

    def choose(self, key: str, column: int | None) -> None:
        """Choose ``column`` (None: not imported) for the field ``key``."""
        box = self.combos[key]
        box.setCurrentIndex(max(box.findData(column), 0) if column is not None else 0)

    def _changed(self) -> None:
        if self._filling:
            return
        sheet = self.wizard_.sheet
        assert sheet is not None
        mapping = self.mapping()
        self.wizard_.mapping = mapping
        for row, f in enumerate(ci.FIELDS):
            col = mapping.get(f.key)
            samples = []
            if col is not None:
                for _number, values in sheet.rows:
                    value = values[col] if col < len(values) else None
                    if value is not None and str(value).strip():
                        samples.append(shown_value(value)[:40])
                    if len(samples) == SAMPLE_ROWS:
                        break
            self.table.item(row, 2).setText("；".join(samples))
        problems = ci.mapping_problems(sheet, mapping)
        if problems:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("\n".join(message_of(p) for p in problems))
        else:
            self.status.setStyleSheet("")
            used = set(mapping.values())
            unused = [sheet.column_title(c) for c in range(sheet.width) if c not in used and sheet.headers[c]]
            text = self.tr("%1 of the sheet's %2 columns are imported.").replace("%1", str(len(used))).replace(
                "%2", str(sheet.width))
            if unused:
                text += "\n" + self.tr("Not imported: %1.").replace("%1", "、".join(unused))
            if "registered_capital" in mapping and ci.capital_scale_of(sheet.headers[mapping["registered_capital"]]) != 1:
                text += "\n" + self.tr("The registered capital column is in 万元 (10,000 yuan): it is converted to yuan.")
            self.status.setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802
        sheet = self.wizard_.sheet
        return sheet is not None and not ci.mapping_problems(sheet, self.mapping())


class ImportCheckPage(QWizardPage):
    """Step 3: every row checked; bad rows and likely duplicates shown; nothing written yet."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Step 3: check"))
        self.setSubTitle(self.tr(
            "Every row is checked before anything is written. Cells with a problem are red: point at one to read "
            "why. Correct the sheet in Excel, save it and press Check again."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        self.only_bad = QCheckBox(self.tr("Show only the rows with problems"))
        self.only_bad.setObjectName("only_bad")
        self.only_bad.toggled.connect(self._filter)
        recheck = QPushButton(self.tr("Check again"))
        recheck.setObjectName("recheck")
        recheck.setToolTip(self.tr("Read the file again (after correcting it in Excel) and check every row"))
        recheck.clicked.connect(self.recheck)
        top = QHBoxLayout()
        top.addWidget(self.only_bad)
        top.addStretch(1)
        top.addWidget(recheck)

        self.preview = QTableView()
        self.preview.setObjectName("preview")
        self.preview.setAlternatingRowColors(True)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().hide()
        self.preview.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.preview.setWordWrap(False)
        # column widths from the first rows only: sizing from 10,000 rows took most of a second
        self.preview.verticalHeader().setResizeContentsPrecision(200)
        self.preview.horizontalHeader().setResizeContentsPrecision(200)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        problems_tab = QWidget()
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("problems")
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        copy = QPushButton(self.tr("Copy"))
        copy.setObjectName("copy_problems")
        copy.setToolTip(self.tr("Copy the check's report (counts, bad rows, duplicates) to the clipboard"))
        copy.clicked.connect(self.copy_report)
        export = QPushButton(self.tr("Save as Excel…"))
        export.setObjectName("export_problems")
        export.clicked.connect(self.export_report)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(copy)
        buttons.addWidget(export)
        box = QVBoxLayout(problems_tab)
        box.addWidget(self.problems, 1)
        box.addLayout(buttons)
        duplicates_tab = QWidget()
        self.duplicates = QTableWidget(0, 4)
        self.duplicates.setObjectName("duplicates")
        self.duplicates.setHorizontalHeaderLabels([self.tr("Rows"), self.tr("Name"), self.tr("Phone"),
                                                   self.tr("Resembles")])
        self.duplicates.verticalHeader().hide()
        self.duplicates.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.duplicates.horizontalHeader().setStretchLastSection(True)
        self.skip_duplicates = QCheckBox(self.tr("Skip the likely duplicate rows"))
        self.skip_duplicates.setObjectName("skip_duplicates")
        self.skip_duplicates.setChecked(True)
        self.skip_duplicates.setToolTip(self.tr("Unticked: they are imported anyway, as new customers"))
        self.skip_duplicates.toggled.connect(self._update_verdict)
        box = QVBoxLayout(duplicates_tab)
        box.addWidget(self.duplicates, 1)
        box.addWidget(self.skip_duplicates)
        self.tabs.addTab(problems_tab, "")
        self.tabs.addTab(duplicates_tab, "")

        self.error = QLabel()
        self.error.setObjectName("import_error")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.tabs, 2)
        layout.addWidget(self.verdict)
        layout.addWidget(self.error)
        self.model: ImportPreviewModel | None = None
        self._imported: ci.ImportResult | None = None  # written, waiting for the Import button's second press

    # -- checking ---------------------------------------------------------------------------
    def initializePage(self) -> None:  # noqa: N802
        """Entered from the mapping page: check with the current mapping (again, if the
        clerk came back and changed it)."""
        self.run_check()

    def run_check(self) -> None:
        """Check every row in the background; the result shows when it is done."""
        wizard = self.wizard_
        sheet, mapping, database = wizard.sheet, dict(wizard.mapping), wizard.database  # plain values for the work
        assert sheet is not None
        self.error.clear()

        def checked(plan: ci.ImportPlan | None) -> None:
            wizard.plan = plan
            self.show_plan(plan)

        def failed(exc: BaseException) -> None:
            checked(None)
            self.error.setText(message_of(exc))

        wizard.run(self, self.tr("Checking %1 rows…").replace("%1", str(len(sheet.rows))),
                   lambda step: ci.check(database, sheet, mapping, progress=step), checked, failed,
                   on_cancelled=lambda _exc: checked(None))

    def recheck(self) -> None:
        """Read the file again (the clerk corrected it) and check it with the same columns,
        as long as the header names did not change."""
        wizard = self.wizard_
        old = wizard.sheet
        assert old is not None

        def read(sheet: ci.SheetData) -> None:
            wizard.set_sheet(sheet, keep_mapping=sheet.headers == old.headers)
            self.run_check()
            if sheet.headers != old.headers:
                self.error.setText(self.tr("The column names changed: the columns were matched again. Go back to "
                                           "step 2 to look at them."))

        def failed(exc: BaseException) -> None:
            wizard.plan = None
            self.show_plan(None)
            self.error.setText(message_of(exc))

        wizard.run(self, self.tr("Reading %1…").replace("%1", old.path.name),
                   lambda step: ci.read_sheet(old.path, old.sheet_name, progress=step), read, failed)

    def show_plan(self, plan: ci.ImportPlan | None) -> None:
        self.model = ImportPreviewModel(plan, self.preview) if plan is not None else None
        self.preview.setModel(self.model)
        if self.model is not None:
            self.only_bad.setChecked(False)
            header = self.preview.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            self.preview.resizeColumnsToContents()
            for col in range(self.model.columnCount()):
                self.preview.setColumnWidth(col, min(self.preview.columnWidth(col), 260))
        if plan is None:
            self.summary.setText("")
            self.problems.setPlainText("")
            self.duplicates.setRowCount(0)
            self.tabs.setTabText(0, self.tr("Rows with problems"))
            self.tabs.setTabText(1, self.tr("Likely duplicates"))
            self._update_verdict()
            return
        self.summary.setText("\n".join(plan.summary_lines(translate)))
        self.problems.setPlainText("\n".join(plan.problem_lines(translate)) or self.tr("Every row is correct."))
        self.tabs.setTabText(0, self.tr("Rows with problems (%1)").replace("%1", str(len(plan.bad_rows))))
        self.tabs.setTabText(1, self.tr("Likely duplicates (%1)").replace("%1", str(len(plan.duplicates))))
        self.duplicates.setRowCount(len(plan.duplicates))
        for row, customer in enumerate(plan.duplicates):
            cells = ["、".join(str(r) for r in customer.rows), customer.name, customer.phone or "",
                     "；".join(r.render(translate) for r in customer.resembles)]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.duplicates.setItem(row, col, item)
        self.duplicates.resizeColumnsToContents()
        self.skip_duplicates.setText(
            self.tr("Skip the likely duplicate rows (%1 customers, %2 rows)")
            .replace("%1", str(len(plan.duplicates))).replace("%2", str(len(plan.duplicate_rows))))
        self.skip_duplicates.setEnabled(bool(plan.duplicates))
        if plan.problems:
            self.tabs.setCurrentIndex(0)
        elif plan.duplicates:
            self.tabs.setCurrentIndex(1)
        self._update_verdict()

    def _filter(self, only: bool) -> None:
        if self.model is not None:
            self.model.show_only_bad(only)

    def to_import(self) -> tuple[int, int]:
        """(customers, products) the Import button would write now."""
        plan = self.wizard_.plan
        if plan is None:
            return 0, 0
        chosen = [c for c in plan.customers if not (self.skip_duplicates.isChecked() and c.resembles)]
        return len(chosen), sum(len(c.products) for c in chosen)

    def _update_verdict(self) -> None:
        plan = self.wizard_.plan
        if plan is None:
            self.verdict.setText("")
        elif plan.problems:
            self.verdict.setStyleSheet(ERROR_STYLE)
            self.verdict.setText(self.tr(
                "%1 rows have problems: nothing can be imported until they are corrected in the sheet "
                "(then press Check again).").replace("%1", str(len(plan.bad_rows))))
        else:
            customers, products = self.to_import()
            self.verdict.setStyleSheet("")
            if customers:
                self.verdict.setText(self.tr("Import will write %1 customers and %2 products, all together or "
                                             "none.").replace("%1", str(customers)).replace("%2", str(products)))
            else:
                self.verdict.setText(self.tr("Nothing to import: every customer is skipped as a likely duplicate."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 - the Import button: only when every row is good
        plan = self.wizard_.plan
        return plan is not None and plan.ok and self.to_import()[0] > 0

    # -- the report -------------------------------------------------------------------------
    def copy_report(self) -> None:
        plan = self.wizard_.plan
        if plan is not None:
            QGuiApplication.clipboard().setText(plan.report_text(translate))

    def export_report(self) -> None:
        plan = self.wizard_.plan
        if plan is None:
            return
        path = ask_save_path(self, self.tr("Save the check's report"),
                             self.tr("%1-check.xlsx").replace("%1", plan.sheet.path.stem),
                             self.tr("Excel workbooks (*.xlsx)"), folder=plan.sheet.path.parent)
        if path is None:
            return
        try:
            ci.write_problem_report(plan, path, translate)
        except OSError as exc:
            reason = faults.os_reason(exc, f"saving the import check's report {path}").tr(translate)
            self.error.setText(self.tr("The report could not be saved: %1").replace("%1", reason))

    # -- importing --------------------------------------------------------------------------
    def validatePage(self) -> bool:  # noqa: N802 - the Import button
        """Import in the background; once it is written, Import is pressed again here for
        the clerk and the wizard moves on to the result."""
        wizard = self.wizard_
        done, self._imported = self._imported, None
        if done is not None:
            wizard.result_value = done
            return True
        plan = wizard.plan
        if plan is None or not plan.ok:
            return False
        self.error.clear()
        skip = self.skip_duplicates.isChecked() if plan.duplicates else False
        database, by_id = wizard.database, wizard.by_id

        def imported(result: ci.ImportResult) -> None:
            self._imported = result
            if wizard.currentPage() is self:
                wizard.next()

        wizard.run(self, self.tr("Importing…"),
                   lambda step: ci.apply(database, plan, skip_duplicates=skip, by_id=by_id, progress=step),
                   imported, lambda exc: self.error.setText(message_of(exc)),
                   on_cancelled=lambda _exc: self.error.setText(self.tr("Import cancelled: nothing was written.")))
        return False


class ImportResultPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(self.tr("Done"))
        self.result_label = QLabel()
        self.result_label.setObjectName("result")
        self.result_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802
        result = self.wizard_.result_value
        self.result_label.setText(result.describe(translate) if result is not None else "")


class ImportWizard(QWizard):
    """Choose the file → match the columns → check → import."""

    def __init__(self, database: Database, parent: QWidget | None = None, *, by_id: int | None = None) -> None:
        super().__init__(parent)
        self.database = database
        self.by_id = by_id
        self.sheet: ci.SheetData | None = None
        self.mapping: dict[str, int] = {}
        self.plan: ci.ImportPlan | None = None
        self.result_value: ci.ImportResult | None = None
        self.setWindowTitle(self.tr("Import customers"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Finish"))
        self.file_page = ImportFilePage(self)
        self.mapping_page = ImportMappingPage(self)
        self.check_page = ImportCheckPage(self)
        self.result_page = ImportResultPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page, self.result_page):
            self.addPage(page)
        self.resize(1000, 720)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        keep_on_screen(self)  # 720 px and a title bar are more than 1366×768 leaves above the taskbar

    def run(self, page: QWizardPage, label: str, work: Callable[[Progress], T], on_success: Callable[[T], Any],
            on_failure: Callable[[BaseException], Any], on_cancelled: Callable[[Cancelled], Any] | None = None,
            ) -> Task | None:
        """``work(progress)`` (reading, checking or writing: no widgets) in the background,
        under a progress dialog that appears after a moment and can be cancelled — nothing is
        written then: the module rolls back."""
        return background.run_in_background(page, work, on_success, on_failure=on_failure, on_cancelled=on_cancelled,
                                            label=label, title=self.tr("Import customers"))

    def set_sheet(self, sheet: ci.SheetData, keep_mapping: bool = False) -> None:
        if not keep_mapping:
            self.mapping = ci.propose_mapping(sheet.headers)
        self.sheet = sheet
        self.plan = None


def run_import_wizard(parent: QWidget | None, database: Database, *, by_id: int | None = None) -> ci.ImportResult | None:
    """The import wizard, modal; the result when customers were imported, else None."""
    wizard = ImportWizard(database, parent, by_id=by_id)
    wizard.exec()
    return wizard.result_value
