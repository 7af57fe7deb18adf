"""The question on a first start over an empty database: begin empty or with demo data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ..db import Database


def ask_first_start(database: Database, parent=None) -> bool:
    """Return False if the user closed the question (the program then quits untouched)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("FirstStart", "Welcome to crm_desktop"))
    box.setText(QCoreApplication.translate("FirstStart", "The database is empty. How do you want to begin?"))
    box.setInformativeText(
        QCoreApplication.translate("FirstStart", "Demo data fills the registers with invented customers and calls, for trying the program out.")
    )
    empty = box.addButton(QCoreApplication.translate("FirstStart", "Begin empty"), QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton(QCoreApplication.translate("FirstStart", "Fill with demo data"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(empty)
    box.exec()
    clicked = box.clickedButton()
    if clicked is demo:
        from .. import demo as demo_service

        demo_service.generate(database, calls=300)
        return True
    return clicked is empty
