"""The question on a first start over an empty database: begin empty or with demo data."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from ..db import Database


def ask_first_start(database: Database, parent=None) -> bool:
    """Return False if the user closed the question (the program then quits untouched)."""
    tr = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(tr("FirstStart", "Welcome to crm_desktop"))
    box.setText(tr("FirstStart", "The database is empty. How do you want to begin?"))
    box.setInformativeText(
        tr("FirstStart", "Demo data fills the registers with invented customers and calls, for trying the program out.")
    )
    empty = box.addButton(tr("FirstStart", "Begin empty"), QMessageBox.ButtonRole.AcceptRole)
    demo = box.addButton(tr("FirstStart", "Fill with demo data"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(empty)
    box.exec()
    clicked = box.clickedButton()
    if clicked is demo:
        from ..services import demo as demo_service

        demo_service.generate(database, calls=300)
        return True
    return clicked is empty
