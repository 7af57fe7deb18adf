"""Record dialogs. The main window calls these functions; each runs one dialog and, when it
saved, calls ``on_saved(register name, row id)`` so the register can show the row."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...db import Database
from .form import SAVE_CALLBACK, run_dialog


def open_record(parent: QWidget, database: Database, name: str, row_id: int, on_saved: SAVE_CALLBACK) -> int | None:
    if name == "service_call":
        from .call_dialog import CallDialog

        return run_dialog(CallDialog(database, call_id=row_id, parent=parent), on_saved)
    if name == "goods_entry":
        from .goods_dialog import GoodsDialog

        return run_dialog(GoodsDialog(database, entry_id=row_id, parent=parent), on_saved)
    if name == "repair_card":
        from .repair_dialog import RepairCardDialog

        return run_dialog(RepairCardDialog(database, card_id=row_id, parent=parent), on_saved)
    if name == "customer":
        from .customer_dialog import CustomerDialog

        return run_dialog(CustomerDialog(database, customer_id=row_id, parent=parent), on_saved)
    raise KeyError(name)


def new_call(parent: QWidget, database: Database, on_saved: SAVE_CALLBACK) -> int | None:
    from .call_dialog import CallDialog

    return run_dialog(CallDialog(database, parent=parent), on_saved)


def new_goods_entry(parent: QWidget, database: Database, on_saved: SAVE_CALLBACK, call_id: int | None = None) -> int | None:
    from .goods_dialog import GoodsDialog

    return run_dialog(GoodsDialog(database, call_id=call_id, parent=parent), on_saved)


def new_repair_card(parent: QWidget, database: Database, on_saved: SAVE_CALLBACK, goods_entry_id: int | None = None) -> int | None:
    from .repair_dialog import RepairCardDialog

    return run_dialog(RepairCardDialog(database, goods_entry_id=goods_entry_id, parent=parent), on_saved)


def new_customer(parent: QWidget, database: Database, on_saved: SAVE_CALLBACK) -> int | None:
    from .customer_dialog import CustomerDialog

    return run_dialog(CustomerDialog(database, parent=parent), on_saved)


def dispatch(parent: QWidget, database: Database, call_id: int, on_saved: SAVE_CALLBACK) -> int | None:
    from .process import DispatchDialog

    return run_dialog(DispatchDialog(database, call_id, parent=parent), on_saved)


def change_kind(parent: QWidget, database: Database, call_id: int, on_saved: SAVE_CALLBACK) -> int | None:
    from .process import ChangeKindDialog

    return run_dialog(ChangeKindDialog(database, call_id, parent=parent), on_saved)
