"""The rows the generator hands to the writer: plain tuples in the column order named here,
values already as SQLite stores them (times as text, money as numbers), in chunks of
``CHUNK`` rows with the progress they are worth."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Table

CHUNK = 20_000  # rows the worker thread hands over at a time

Chunk = tuple[Table, Sequence[str], list[tuple], int]  # table, columns, rows, progress units


def money(cents: int) -> int | float:
    """What SQLite stores for an amount: whole yuan as an integer, else yuan and cents."""
    return cents // 100 if cents % 100 == 0 else cents / 100


NAME_KEY_COLUMNS = ("name_key", "name_initials", "name_pinyin")  # models/name_keys.py, in this order
STAFF_COLUMNS = ("id", "name", "role", "phone", "active", *NAME_KEY_COLUMNS)
CUSTOMER_COLUMNS = ("id", "code", "name", "category", "district", "legal_representative", "address", "postcode", "phone",
                    "fax", "business_scope", "registered_capital", "contact_person", "remarks", *NAME_KEY_COLUMNS)
PRODUCT_COLUMNS = ("id", "customer_id", "model", "serial_no", "purchase_date", "warranty_end")
CALL_COLUMNS = ("id", "call_no", "received_at", "channel", "customer_id", "product_id", "customer_name", "phone", "address",
                "product_model", "serial_no", "fault", "district", "service_kind", "kind_override_reason", "status",
                "technician_id", "dispatched_at", "arrived_at", "work_done", "hours_spent", "fee", "signed_by", "signed_at",
                "closed_at", "registered_by_id", "remarks", "fee_computed", "fee_override_reason", "payment_method",
                "fee_collected", "fee_handed_at", "fee_handed_to_id", "invoice_no", "invoice_at", "invoice_by_id",
                "cancel_reason")
GOODS_COLUMNS = ("id", "receipt_no", "call_id", "customer_id", "product_id", "customer_name", "phone", "product_model",
                 "serial_no", "accessories", "condition", "taken_in_at", "taken_in_by_id", "promised_date", "returned_at",
                 "returned_by_id", "received_back_by", "receipt_voided_at", "return_outcome", "receipt_lost",
                 "identity_checked_by_id", "identity_document")
CARD_COLUMNS = ("id", "card_no", "goods_entry_id", "call_id", "customer_name", "product_model", "serial_no", "fault",
                "opened_at", "technician_id", "promised_date", "work_done", "repair_hours", "labour_fee", "status",
                "repaired_at", "inspected_by_id", "inspected_at", "inspection_result", "inspection_passed",
                "quote_amount", "quoted_at", "consent_given", "consent_by", "consent_at", "consent_channel",
                "escalation_note", "escalated_at", "escalated_by_id")
PART_COLUMNS = ("id", "card_id", "line_no", "part_no", "name", "quantity", "unit_price")
STEP_COLUMNS = ("id", "call_id", "step", "from_status", "to_status", "happened_at", "recorded_at", "by_id", "note",
                "undoes_id")
# What the generator makes: the kind indexes paths.STEP_KINDS; recorded when it happened. The
# ids are implicit: the rows come in id order from the table's next id (SQLite gives each
# row the largest id + 1; the Core path counts them).
STEP_ROW = ("call_id", "kind", "happened_at", "by_id", "note", "undoes_id")

WORK_COLUMNS = ("id", "call_id", "card_id", "technician_id", "work_day", "service_kind", "mode", "hours", "step_id")
CONTRACT_COLUMNS = ("id", "contract_no", "customer_id", "start_date", "end_date", "fee", "remarks")
CONTRACT_PRODUCT_COLUMNS = ("contract_id", "product_id")
RATE_COLUMNS = ("id", "mode", "valid_from", "hourly_rate", "minimum_fee")
PART_PRICE_COLUMNS = ("id", "part_no", "name", "unit_price", "active")
