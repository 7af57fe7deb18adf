"""A record dialog never grows past the screen's free area (issue 13, item 1): its fields
scroll, and its messages and its Save and Cancel stay in sight — also after a refused save
showed a message under every field."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.i18n import QT_TRANSLATE_NOOP
from crm_desktop.views.dialogs.call_dialog import CallDialog
from crm_desktop.views.dialogs.form import RecordDialog

LONG = QT_TRANSLATE_NOOP("Test", "This value is refused for a reason that takes a long sentence to explain to the clerk.")


class ManyFields(RecordDialog):
    def __init__(self, database, fields: int) -> None:
        super().__init__(database)
        for n in range(fields):
            self.add_field(f"f{n}", f"字段{n}", QLineEdit())
        self.finish_layout()

    def save(self, session) -> int:
        raise ValidationError([UserError(LONG, f"f{n}") for n in range(len(self.fields))])


def assert_in_sight(dialog) -> None:
    area = dialog.screen().availableGeometry()
    assert area.contains(dialog.frameGeometry()), (area, dialog.frameGeometry())
    for button in dialog.buttons.buttons():
        assert button.isVisible()
        top_left = button.mapTo(dialog, button.rect().topLeft())
        assert dialog.rect().contains(top_left) and dialog.rect().contains(top_left + button.rect().bottomRight())


def test_a_long_form_scrolls_and_its_buttons_stay_on_the_screen(app, database, qtbot):
    dialog = ManyFields(database, 40)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.form_page.sizeHint().height() > dialog.screen().availableGeometry().height()
    assert_in_sight(dialog)
    assert dialog.form_scroll.verticalScrollBar().maximum() > 0  # the fields scroll instead


def test_after_a_refused_save_shows_every_message_the_buttons_are_still_in_sight(app, database, qtbot):
    dialog = ManyFields(database, 12)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.accept()
    assert dialog.isVisible() and not dialog._messages["f0"].isHidden()
    assert_in_sight(dialog)
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isVisible()


def test_a_new_call_refused_for_its_empty_fields_stays_on_the_screen(app, database, qtbot):
    dialog = CallDialog(database)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.accept()  # no customer, no fault
    assert dialog.isVisible() and not dialog._messages["customer_id"].isHidden()
    assert_in_sight(dialog)


def test_a_message_under_a_narrow_field_wraps_at_the_column_and_overlaps_nothing(app, database, qtbot):
    """An arrival dated 1999: the message under the date box had the box's width, wrapped to
    two lines in the room of one and was drawn over the next row (issue 13, item 5)."""
    from PySide6.QtCore import QRect

    from crm_desktop.views.dialogs.form import datetime_edit

    class DateThenText(RecordDialog):
        def __init__(self) -> None:
            super().__init__(database)
            self.add_field("when", "到达时间", datetime_edit())
            self.add_field("next", "记录人", QLineEdit())
            self.finish_layout()

        def save(self, session) -> int:
            raise UserError(LONG, "when")

    dialog = DateThenText()
    qtbot.addWidget(dialog)
    dialog.resize(520, 200)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.accept()
    qtbot.wait(10)
    label = dialog._messages["when"]
    assert not label.isHidden()
    assert label.height() >= label.heightForWidth(label.width())  # every line of it has room
    assert label.width() > dialog.fields["when"].width()  # it wraps at the column, not at the box

    def rect(widget) -> QRect:
        return QRect(widget.mapTo(dialog, widget.rect().topLeft()), widget.size())

    assert not rect(label).intersects(rect(dialog.fields["next"]))
    assert not rect(label).intersects(rect(dialog.fields["when"]))


def test_a_form_that_fits_the_screen_does_not_scroll(app, database, qtbot):
    """Qt sizes a new window to at most two thirds of the screen: at 125 % on a 1366×768
    screen the new-call form scrolled with a third of the screen free. A form whose fields
    fit the free area opens as tall as they ask."""
    area = app.primaryScreen().availableGeometry()
    fields = 14  # taller than two thirds of the screen, shorter than all of it
    dialog = ManyFields(database, fields)
    qtbot.addWidget(dialog)
    if not (area.height() * 2 / 3 < dialog.sizeHint().height() < area.height() - 60):
        dialog = ManyFields(database, max(3, int(fields * (area.height() * 0.8) / dialog.sizeHint().height())))
        qtbot.addWidget(dialog)
    assert area.height() * 2 / 3 < dialog.sizeHint().height() < area.height() - 60, (dialog.sizeHint(), area)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(20)  # the layout's pass after the resize
    scroll = dialog.form_scroll
    assert scroll.viewport().height() >= scroll.widget().sizeHint().height(), (scroll.viewport().height(), scroll.widget().sizeHint())
    assert not scroll.verticalScrollBar().isVisible()
    assert dialog.height() >= dialog.sizeHint().height()
    assert_in_sight(dialog)
