"""The customer list's filters (I2): category, district, VIP level and responsible staff.

A bar of combo boxes placed above the customer register's view; every change goes into
the register's SQL (``RegisterQuery.set_filters``), so the list, its export and its count
follow the filters without loading the table."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...services import labels
from ...services import staff as staff_service
from ..i18n import translate


class CustomerListFilters(QWidget):
    def __init__(self, view, parent: QWidget | None = None) -> None:
        """``view``: the RegisterView of the customer register."""
        super().__init__(parent)
        self.view = view
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QComboBox] = {}
        everything = self.tr("All")
        for key, label, choices in (
            ("category", self.tr("Category"), labels.CUSTOMER_CATEGORY),
            ("district", self.tr("District"), labels.DISTRICT),
            ("vip_level", self.tr("VIP level"), labels.VIP_LEVEL),
            ("status", self.tr("Status"), labels.CUSTOMER_STATUS),
        ):
            box = QComboBox()
            box.setObjectName(f"filter_{key}")
            box.addItem(everything, None)
            for code, text in choices.items():
                box.addItem(text.tr(translate), code)
            line.addWidget(QLabel(label))
            line.addWidget(box)
            self.boxes[key] = box
        staff_box = QComboBox()
        staff_box.setObjectName("filter_staff_id")
        staff_box.addItem(everything, None)
        with view.model.query.database.read_session() as s:
            for person in staff_service.active_staff(s):
                staff_box.addItem(person.name, person.id)
        line.addWidget(QLabel(self.tr("Responsible")))
        line.addWidget(staff_box)
        self.boxes["staff_id"] = staff_box
        line.addStretch(1)
        for box in self.boxes.values():
            box.currentIndexChanged.connect(self.apply)

    def values(self) -> dict[str, object]:
        return {key: box.currentData() for key, box in self.boxes.items()}

    def apply(self) -> None:
        model = self.view.model
        model._reset(lambda: model.query.set_filters(self.values()))
