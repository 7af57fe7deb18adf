"""Settings of the working calendar: timetable and next year's holiday arrangement (S14)."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtWidgets import QProgressDialog

from crm_desktop.models import ServiceCall
from crm_desktop.services import calendar as cal
from crm_desktop.services import calls, customers, deadlines
from crm_desktop.views.background import wait_idle
from crm_desktop.views.dialogs.calendar_dialog import CalendarDialog
from crm_desktop.views.i18n import translate


def save(dialog: CalendarDialog) -> None:
    """Save, as the Save button does, and wait for the save running in the background."""
    dialog.accept()
    assert wait_idle()


def test_in_december_the_dialog_opens_on_next_year_and_says_it_is_missing(app, database, qtbot):
    dialog = CalendarDialog(database, today=date(2026, 12, 3))
    qtbot.addWidget(dialog)
    assert dialog.year.value() == 2027 and dialog.days.rowCount() == 0
    assert "2027" in dialog.notice.text()
    dialog.year.setValue(2026)
    assert dialog.days.rowCount() > 20  # the package's 2026 arrangement
    assert dialog.days.item(0, 2).text() == "元旦"  # named in Chinese
    assert dialog.span_from.date().year() == 2026


def test_the_clerk_enters_2027_and_the_deadlines_follow(app, database, qtbot):
    dialog = CalendarDialog(database, today=date(2026, 12, 3))
    qtbot.addWidget(dialog)
    dialog.add_day(date(2027, 1, 1), "off", "元旦")
    dialog.add_day(date(2027, 1, 2), "work", "调休")
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    with database.Session() as s:
        calendar = cal.calendar_from_database(s)
    assert calendar.has_arrangement(2027) and not calendar.is_working_day(date(2027, 1, 1))
    assert calendar.add_working_hours(datetime(2026, 12, 31, 17, 0), 1) == datetime(2027, 1, 2, 9, 0)


def test_a_bad_timetable_is_refused_at_the_field(app, database, qtbot):
    dialog = CalendarDialog(database, today=date(2026, 6, 1))
    qtbot.addWidget(dialog)
    morning_start, morning_end = dialog.period_edits[0]
    morning_end.setTime(morning_start.time().addSecs(-3600))  # ends before it starts
    save(dialog)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog._messages["periods"].isHidden()
    with database.Session() as s:
        assert cal.load_timetable(s) == cal.Timetable()
    dialog.weekday_boxes[5].setChecked(True)  # Saturdays too
    morning_end.setTime(morning_start.time().addSecs(3 * 3600))
    save(dialog)
    with database.Session() as s:
        assert cal.load_timetable(s).weekdays == (0, 1, 2, 3, 4, 5)
        assert cal.load_timetable(s).periods[0] == (time(8, 30), time(11, 30))


def test_a_run_of_holidays_is_entered_at_once(app, database, qtbot):
    from crm_desktop.views.delegates import to_qdate

    dialog = CalendarDialog(database, today=date(2026, 12, 3))
    qtbot.addWidget(dialog)
    dialog.span_from.setDate(to_qdate(date(2027, 2, 6)))
    dialog.span_to.setDate(to_qdate(date(2027, 2, 12)))
    dialog.span_name.setText("春节")
    dialog.add_span()
    assert dialog.days.rowCount() == 7
    days_off, make_up = dialog.entered_days()
    assert sorted(days_off) == [date(2027, 2, d) for d in range(6, 13)] and not make_up
    assert set(days_off.values()) == {"春节"}


# -- the open calls' deadlines follow a saved timetable (S14) -----------------------------

FRIDAY_4PM = datetime(2026, 11, 27, 16, 0)


def _open_call(database) -> int:
    with database.Session.begin() as s:
        customer = customers.create_customer(s, name="张伟", phone="13812345678", district="urban")
        return calls.register_call(s, customer_id=customer.id, received_at=FRIDAY_4PM, fault="卡纸").id


def _deadline(database, call_id: int) -> datetime:
    with database.Session() as s:
        return s.get(ServiceCall, call_id).arrival_due_at


def _saturdays_too(dialog: CalendarDialog) -> None:
    """The clerk adds Saturday to the working week."""
    dialog.weekday_boxes[5].setChecked(True)


def test_saving_a_new_timetable_moves_the_open_calls_deadlines(app, database, qtbot):
    call_id = _open_call(database)
    assert _deadline(database, call_id) == datetime(2026, 11, 30, 14, 0)  # Monday
    dialog = CalendarDialog(database, today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    _saturdays_too(dialog)
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    # 1.5 h on Friday, 3.5 h on Saturday morning, 1 h after lunch
    assert _deadline(database, call_id) == datetime(2026, 11, 28, 14, 0)


def test_cancelling_the_recompute_saves_nothing_and_says_so(app, database, qtbot):
    call_id = _open_call(database)
    dialog = CalendarDialog(database, today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    _saturdays_too(dialog)
    cancelled = []

    def press_cancel() -> None:  # what the clerk's click on the progress dialog does
        progress = dialog.findChild(QProgressDialog, "recompute_progress")
        progress.cancel()
        cancelled.append(progress)

    dialog.accept()
    # at the recompute's first report, as the window shows it
    dialog.task.progressed.connect(lambda _done, _total: press_cancel())
    wait_idle()
    assert cancelled, "the recompute reported no progress"
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.general_message.text() == deadlines.RECOMPUTE_CANCELLED.tr(translate)
    assert not dialog.general_message.isHidden()
    assert _deadline(database, call_id) == datetime(2026, 11, 30, 14, 0)
    with database.Session() as s:
        assert cal.load_timetable(s) == cal.Timetable()  # the timetable rolled back too
    save(dialog)  # saved again without cancelling: the dialog still works
    assert dialog.result() == dialog.DialogCode.Accepted
    assert _deadline(database, call_id) == datetime(2026, 11, 28, 14, 0)


def test_no_recompute_when_working_time_did_not_change(app, database, qtbot, monkeypatch):
    _open_call(database)
    recomputed = []
    monkeypatch.setattr(deadlines, "recompute_open_deadlines", lambda *args, **kwargs: recomputed.append(args) or 0)
    dialog = CalendarDialog(database, today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    dialog.days.item(0, 2).setText("新年")  # only a holiday's name
    save(dialog)
    assert dialog.result() == dialog.DialogCode.Accepted and not recomputed
