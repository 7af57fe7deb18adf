"""A first start on an empty database asks whether to begin empty or with demo data."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from crm_desktop.models import ServiceCall
from crm_desktop.views.first_start import ask_first_start


def _answer(role: QMessageBox.ButtonRole) -> list[str]:
    """Click the button of ``role`` once the question shows; returns the question's text."""
    asked: list[str] = []

    def click() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, click)
            return
        asked.append(box.text())
        for button in box.buttons():
            if box.buttonRole(button) == role:
                button.click()
                return
        box.reject()

    QTimer.singleShot(20, click)
    return asked


def calls(database) -> int:
    with database.Session() as s:
        return s.scalar(select(func.count()).select_from(ServiceCall))


def test_begin_empty(app, database):
    asked = _answer(QMessageBox.ButtonRole.AcceptRole)
    assert ask_first_start(database) is True
    assert calls(database) == 0
    assert asked and any("\u4e00" <= ch <= "\u9fff" for ch in asked[0])  # asked in Chinese


def test_fill_with_demo_data(app, database):
    _answer(QMessageBox.ButtonRole.ActionRole)
    assert ask_first_start(database) is True
    assert calls(database) > 100


def test_closing_the_question_quits_without_data(app, database):
    _answer(QMessageBox.ButtonRole.RejectRole)
    assert ask_first_start(database) is False
    assert calls(database) == 0
