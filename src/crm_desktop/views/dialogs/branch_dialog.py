"""File → Branch details: the name, address and telephone every printed form carries."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ...db import Database
from ...services import branch
from .form import RecordDialog


class BranchDialog(RecordDialog):
    register_name = ""

    def __init__(self, database: Database, parent: QWidget | None = None) -> None:
        super().__init__(database, parent)
        self.setWindowTitle(self.tr("Branch details"))
        self.setMinimumWidth(480)
        with database.read_session() as session:
            info = branch.load(session)
        note = QLabel(self.tr("Printed at the head of every form: repair cards, receipts, vouchers, registers and reports."))
        note.setWordWrap(True)
        self.body.insertWidget(0, note)
        self.add_field("name", self.tr("Name"), QLineEdit(info.name), required=True)
        self.add_field("address", self.tr("Address"), QLineEdit(info.address), required=True)
        self.add_field("phone", self.tr("Telephone"), QLineEdit(info.phone))
        self.fields["name"].setPlaceholderText(self.tr("e.g. Nanjing branch of …"))
        self.finish_layout()

    def save(self, session) -> int:
        branch.save(session, self.value("name"), self.value("address"), self.value("phone"))
        return 0
