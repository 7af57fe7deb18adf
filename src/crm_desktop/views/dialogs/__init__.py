"""Record dialogs. The main window calls these functions; each runs one dialog and, when it
saved, calls ``on_saved(register name, row id)`` so the register can show the row.

``current_user_id`` is the member of staff using the program: the steps of the service
process record who took them (and the services refuse a step to the wrong role)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QWidget

from ...db import Database
from ...services.history import Edit
from .form import SAVE_CALLBACK, RecordDialog, run_dialog


def open_record(
    parent: QWidget, database: Database, name: str, row_id: int, on_saved: SAVE_CALLBACK,
    current_user_id: int | None = None, on_edited: Callable[[Edit], None] | None = None,
) -> int | None:
    """The record's dialog; its fields' history records who saved (``current_user_id``), and
    what a save changed goes to ``on_edited`` (the window's undo list)."""
    dialog: RecordDialog
    if name == "service_call":
        from .call_dialog import CallDialog

        # the call's process tab saves each step at once: the register hears of it then too
        dialog = CallDialog(database, call_id=row_id, parent=parent, current_user_id=current_user_id, on_saved=on_saved)
    elif name == "goods_entry":
        from .goods_dialog import GoodsDialog

        dialog = GoodsDialog(database, entry_id=row_id, parent=parent, current_user_id=current_user_id)
    elif name == "repair_card":
        from .repair_dialog import RepairCardDialog

        dialog = RepairCardDialog(database, card_id=row_id, parent=parent, current_user_id=current_user_id)
    elif name == "customer":
        from .customer_dialog import CustomerDialog

        dialog = CustomerDialog(database, customer_id=row_id, parent=parent, current_user_id=current_user_id)
    else:
        raise KeyError(name)
    saved = run_dialog(dialog, on_saved)
    if saved is not None and dialog.edit is not None and on_edited is not None:
        on_edited(dialog.edit)
    return saved


def new_call(
    parent: QWidget, database: Database, on_saved: SAVE_CALLBACK, current_user_id: int | None = None
) -> int | None:
    from .call_dialog import CallDialog

    return run_dialog(CallDialog(database, parent=parent, current_user_id=current_user_id), on_saved)


def new_goods_entry(parent: QWidget, database: Database, on_saved: SAVE_CALLBACK, call_id: int | None = None) -> int | None:
    from .goods_dialog import GoodsDialog

    return run_dialog(GoodsDialog(database, call_id=call_id, parent=parent), on_saved)


def new_repair_card(parent: QWidget, database: Database, on_saved: SAVE_CALLBACK, goods_entry_id: int | None = None) -> int | None:
    from .repair_dialog import RepairCardDialog

    return run_dialog(RepairCardDialog(database, goods_entry_id=goods_entry_id, parent=parent), on_saved)


def new_customer(parent: QWidget, database: Database, on_saved: SAVE_CALLBACK,
                 current_user_id: int | None = None) -> int | None:
    from .customer_dialog import CustomerDialog

    return run_dialog(CustomerDialog(database, parent=parent, current_user_id=current_user_id), on_saved)


def dispatch(
    parent: QWidget, database: Database, call_id: int, on_saved: SAVE_CALLBACK, current_user_id: int | None = None
) -> int | None:
    from .process import DispatchDialog

    return run_dialog(DispatchDialog(database, call_id, parent=parent, by_id=current_user_id), on_saved)


def change_kind(
    parent: QWidget, database: Database, call_id: int, on_saved: SAVE_CALLBACK, current_user_id: int | None = None
) -> int | None:
    from .process import ChangeKindDialog

    return run_dialog(ChangeKindDialog(database, call_id, parent=parent, by_id=current_user_id), on_saved)


def run_step(
    parent: QWidget, database: Database, call_id: int, step: str, current_user_id: int | None,
    on_saved: SAVE_CALLBACK | None,
) -> int | None:
    """The form of one step of the call's process (``services.process.Step``), recorded
    by the current user: the same forms the call's process tab opens."""
    from .steps import step_dialog

    return run_dialog(step_dialog(database, call_id, step, parent, by_id=current_user_id), on_saved)


def next_steps(database: Database, call_id: int) -> list[str]:
    """The steps the call allows now, for a menu: the buttons of its process tab."""
    from ...models import ServiceCall
    from ..call_process import offered_steps

    with database.read_session() as s:
        call = s.get(ServiceCall, call_id)
        return offered_steps(call.status, call.service_kind) if call is not None else []
