"""The after-sales service process (S2–S9) as an explicit state machine.

A call moves only through the steps below, each recorded in the call's history
(``CallStep``: who, when, from, to, note)::

    registered → dispatched → arrived ─┬→ completed_on_site → signed_on_site → struck_off
                                       └→ taken_back → in_repair → repaired → inspected
                                            → returned → return_signed → receipt_voided → closed

``cancel`` (with a reason) leaves any open state in which the branch does not hold the
customer's goods; goods already taken back go back, repaired or not (``return_unrepaired``).
A paid repair (A) needs the customer's consent to a quote before work starts. The
supervisor's inspection passes the repair or sends it back. Fees, invoices and the S9
escalation note are recorded as steps that keep the status.

A step recorded by mistake is never edited: a supervisor takes it back (``undo_last_step``)
with a reason. Each step stores the values it replaced, so taking it back restores them;
rows the step created cannot be un-numbered (X3) — a taken-back take-back voids its receipt
and cancels its repair card, and the work it logged is marked void.

Every function works in the caller's transaction and raises ``UserError`` (a Chinese
message after translation) before writing anything when a step is not allowed.

This module is the package's face: callers use ``process.<name>`` as before. Behind it:

- ``states``: the state table, the one place that says which step may follow which status
  and where it leads; every step asks it, and ``next_steps`` reads it for the dialog;
- ``common``: the record of a step with what it replaced, the checks of a step's time,
  who may take a step;
- ``dispatching`` (dispatch, hand-over, cancel), ``onsite`` (arrival to strike-off),
  ``takeback`` (goods register and repair card), ``repair`` (quote to close, S9),
  ``fees`` (fee, collection, invoice, kind), ``undo``, and ``reading`` (the history and
  what the forms propose).
"""

from __future__ import annotations

from .common import STEP_ROLES, goods_entry_of, record_registration, repair_card_of
from .dispatching import cancel, dispatch, reassign_technician
from .fees import change_kind, collect_fee, fee_settled, hand_over_fee, record_invoice, set_fee
from .onsite import arrive, complete_on_site, sign, strike_off
from .reading import HistoryLine, history, proposed_fee, proposed_hours, work_started_at
from .repair import (
    check_receipt_number,
    close,
    escalate,
    finish_repair,
    inspect,
    record_consent,
    record_quote,
    return_goods,
    return_unrepaired,
    start_repair,
    void_receipt,
)
from .states import ALLOWED_FROM, PAID_ONLY, STEP_NAMES, Step, next_steps
from .takeback import take_back
from .undo import IRREVERSIBLE, step_to_undo, undo_last_step

__all__ = [
    "ALLOWED_FROM",
    "IRREVERSIBLE",
    "PAID_ONLY",
    "STEP_NAMES",
    "STEP_ROLES",
    "HistoryLine",
    "Step",
    "arrive",
    "cancel",
    "change_kind",
    "check_receipt_number",
    "close",
    "collect_fee",
    "complete_on_site",
    "dispatch",
    "escalate",
    "fee_settled",
    "finish_repair",
    "goods_entry_of",
    "hand_over_fee",
    "history",
    "inspect",
    "next_steps",
    "proposed_fee",
    "proposed_hours",
    "reassign_technician",
    "record_consent",
    "record_invoice",
    "record_quote",
    "record_registration",
    "repair_card_of",
    "return_goods",
    "return_unrepaired",
    "set_fee",
    "sign",
    "start_repair",
    "step_to_undo",
    "strike_off",
    "take_back",
    "undo_last_step",
    "void_receipt",
    "work_started_at",
]
