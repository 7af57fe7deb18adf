"""Tab and Shift+Tab leave a date or time editor for the next or previous field (issue 13,
item 2): in 修复, Tab from the time and typing the hours put them into the minutes before."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QLineEdit, QTableWidget, QTableWidgetItem

from crm_desktop.views.dialogs.form import RecordDialog, datetime_edit


class TimeThenHours(RecordDialog):
    def __init__(self, database) -> None:
        super().__init__(database)
        self.add_field("note", "备注", QLineEdit())
        self.add_field("when", "时间", datetime_edit())
        self.add_field("hours", "工时", QLineEdit())
        self.finish_layout()

    def save(self, session) -> int:
        return 0


def test_tab_leaves_the_time_for_the_next_field_and_shift_tab_for_the_previous(app, database, qtbot):
    dialog = TimeThenHours(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    when: QDateTimeEdit = dialog.fields["when"]
    when.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is when)
    before = when.dateTime()
    QTest.keyClick(when, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.fields["hours"]
    QTest.keyClicks(dialog.fields["hours"], "3.5")
    assert dialog.fields["hours"].text() == "3.5" and when.dateTime() == before  # not the minutes
    QTest.keyClick(dialog.fields["hours"], Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is when
    QTest.keyClick(when, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is dialog.fields["note"]


def test_the_sections_are_still_reached_by_the_arrow_keys(app, database, qtbot):
    dialog = TimeThenHours(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    when = dialog.fields["when"]
    when.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is when)
    when.setCurrentSection(QDateTimeEdit.Section.YearSection)
    for _ in range(5):  # past the year's four digits and the dash
        QTest.keyClick(when, Qt.Key.Key_Right)
    assert when.currentSection() == QDateTimeEdit.Section.MonthSection


def test_inside_a_table_tab_is_the_tables(app, qtbot):
    """A date editor in a table cell: the filter leaves Tab to the table's delegate."""
    from crm_desktop.views import keys

    table = QTableWidget(1, 2)
    table.setItem(0, 0, QTableWidgetItem("x"))
    editor = QDateTimeEdit(table.viewport())
    assert keys._in_item_view(editor)
    assert not keys._in_item_view(QDateTimeEdit())


def test_a_closed_dialog_gives_the_keyboard_back_to_the_window_it_came_from(app, qtbot):
    """Without a window manager (Qt's offscreen platform here, a bare X server there) nothing
    gave it back: no window was active and no shortcut worked until a click."""
    from PySide6.QtWidgets import QDialog, QMainWindow

    window = QMainWindow()
    window.setCentralWidget(QLineEdit())
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.done(QDialog.DialogCode.Rejected)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
