"""Calls taken back: at planning time, what their goods entry, repair card and the rest of
their history will need, kept in a flat record array (``take_back``); at the end, those rows,
numbered in the order the goods came in (``make_goods_and_cards``)."""

from __future__ import annotations

from array import array
from collections.abc import Iterator

from ..models import (
    CallStep,
    ConsentChannel,
    GoodsEntry,
    RepairCard,
    RepairCardStatus,
    RepairPart,
    ReturnOutcome,
    WorkLog,
)
from ..services import numbering
from .catalogue import (
    ACCESSORIES,
    ALL_FAULTS,
    ALL_PARTS,
    ALL_SHOP_WORK,
    CHECK_FEE,
    CHECK_FEE_REASON,
    CONDITIONS,
    DECLINE_REASON,
    ESCALATION_NOTES,
    ID_PREFIXES,
    INSPECTION_RESULTS,
    PART_INDEX,
    PRODUCTS,
    SHOP_WORK_INDEX,
    WORK_TAKE_BACK,
)
from .paths import (
    ARRIVED,
    CLOSED,
    CONTRACT,
    DECLINED,
    FREE,
    IN_REPAIR,
    INSPECTED,
    INVOICE,
    MODE_REPAIR,
    PAID,
    RECEIPT_VOIDED,
    REPAIRED,
    RETURN_SIGNED,
    RETURNED,
    STEP_CLOSE,
    STEP_CODE,
    STEP_CONSENT,
    STEP_ESCALATE,
    STEP_FINISH_REPAIR,
    STEP_INSPECT,
    STEP_INVOICE,
    STEP_QUOTE,
    STEP_RETURN_GOODS,
    STEP_RETURN_UNREPAIRED,
    STEP_SET_FEE,
    STEP_SIGN,
    STEP_START_REPAIR,
    STEP_TAKE_BACK,
    STEP_VOID_RECEIPT,
    TAKEN_BACK,
)
from .rows import CARD_COLUMNS, CHUNK, GOODS_COLUMNS, PART_COLUMNS, STEP_ROW, WORK_COLUMNS, Chunk, money
from .working_time import DAY_MINUTES, NEVER

# Slots of one taken-back call in the flat record array (see TakenBack.take_back): times
# are working minutes (after ``limit`` when not happened yet), money in cents.
(_R_TAKEN, _R_CALL, _R_CUST, _R_PROD, _R_TECH, _R_PATH, _R_KIND, _R_START, _R_REPAIRED, _R_INSPECTED, _R_RETURNED,
 _R_SIGNED, _R_VOIDED, _R_CLOSED, _R_QUOTED, _R_CONSENTED, _R_INVOICED, _R_ESCALATED, _R_FAULT, _R_PROMISED,
 _R_LABOUR, _R_HALF_HOURS, _R_WORK, _R_INSPECTOR, _R_RETURNED_BY, _R_CLERK, _R_SIGNER, _R_QUOTE, _R_INVOICE_NO,
 _R_LOST, _R_CONSENT_CHANNEL, _R_ACCOUNTANT, _R_TAKE_BACK_WORK, _R_NPARTS) = range(34)
_R_PARTS = 34  # four slots: part index * 10 + quantity
_R_STRIDE = 38

_KIND_CODES = (PAID, CONTRACT, FREE)  # a record keeps the kind as its index here
_CONSENT_CHANNELS = (ConsentChannel.PHONE.value,) * 16 + (ConsentChannel.IN_PERSON.value,) * 3 + (
    ConsentChannel.LETTER.value,)

_UNREPAIRED, _REPAIRED_OUTCOME = ReturnOutcome.UNREPAIRED.value, ReturnOutcome.REPAIRED.value
_KIND_INDEX = {kind: i for i, kind in enumerate(_KIND_CODES)}


class TakenBack:
    """Part of ``Generator`` (see there): the goods taken back. ``take_back`` runs as the
    planner makes a call's register line and appends to ``records``; ``make_goods_and_cards``
    runs after the last call and goes on with the history (``steps``, ``works``, ``step_id``)
    where the calls left it."""

    def take_back(self, call_id, owner, product, technician, clerk, path, times, fault_index, kind, signer,
                  kind_name) -> tuple:
        """Keeps what the goods entry, the repair card and the rest of the history of a call
        taken back need (they are numbered later, in the order the goods came in) in a
        compact record; returns the call's fee, invoice, signature and closing columns."""
        rng = self.rng
        rnd = rng.random
        cal = self.cal
        limit = self.limit
        text = cal.text
        paid = kind == PAID
        declined = path == DECLINED
        rec = [0] * _R_STRIDE
        taken = times[2]
        rec[_R_TAKEN] = taken
        rec[_R_CALL] = call_id
        rec[_R_CUST] = owner
        rec[_R_PROD] = product
        rec[_R_TECH] = technician
        rec[_R_PATH] = path
        rec[_R_KIND] = _KIND_INDEX[kind]
        rec[_R_FAULT] = fault_index
        rec[_R_CLERK] = clerk
        rec[_R_SIGNER] = signer
        rec[_R_PROMISED] = taken // DAY_MINUTES + rng.randrange(3, 8)
        rec[_R_TAKE_BACK_WORK] = int(rnd() * len(WORK_TAKE_BACK))
        # the repair as it will be done: time and every part (S7); the quote is made from it
        half = rng.randrange(1, 13)
        rec[_R_HALF_HOURS] = half
        works = SHOP_WORK_INDEX[kind_name]
        rec[_R_WORK] = works[int(rnd() * len(works))]
        parts = PART_INDEX[kind_name]
        n = 0 if rnd() < 0.15 else 1 + min(3, int(rng.expovariate(1.2)))
        n = min(n, len(parts))
        rec[_R_NPARTS] = n
        parts_cents = 0
        for k, part in enumerate(rng.sample(parts, n)):
            price = self.part_cents[part]
            qty = 2 if price < 5000 and rnd() < 0.4 else 1
            rec[_R_PARTS + k] = part * 10 + qty
            parts_cents += price * qty
        accountants = self.accountants
        accountant = accountants[call_id % len(accountants)]
        rec[_R_ACCOUNTANT] = accountant
        rec[_R_LABOUR] = -1
        rec[_R_QUOTED] = rec[_R_CONSENTED] = rec[_R_INVOICED] = rec[_R_ESCALATED] = NEVER
        rec[_R_START] = rec[_R_REPAIRED] = rec[_R_INSPECTED] = NEVER
        fee = computed = fee_reason = method = invoice_no = invoice_at = invoice_by = None
        signed_by = signed_at = closed_at = None
        if declined:
            returned, signed, voided, closed = times[3:7]
            until = returned
        else:
            start, repaired, inspected, returned, signed, voided, closed = times[3:10]
            until = start
        if paid:  # the quote, and the customer's answer before the work starts
            quoted = taken + int((until - taken) * rng.uniform(0.15, 0.45))
            rec[_R_QUOTED] = quoted
            rec[_R_CONSENTED] = quoted + int((until - quoted) * rng.uniform(0.2, 0.8))
            labour = self.fee_cents(MODE_REPAIR, cal.ordinals[quoted // DAY_MINUTES], half)[1]
            # a tenth above the fee computed on the day, to the nearest ten yuan: within the
            # quote margin (20 %), so that the quote needs no reason (the minimum fee is 50)
            rec[_R_QUOTE] = ((labour + parts_cents) * 11 + 5000) // 10000 * 1000
            rec[_R_CONSENT_CHANNEL] = int(rnd() * len(_CONSENT_CHANNELS))
        if declined:
            if returned <= limit:  # the check is charged (set_fee, with the reason)
                fee, fee_reason = money(CHECK_FEE), CHECK_FEE_REASON
            invoiced = signed + int(min(60, voided - signed) * rnd())
        else:
            rec[_R_START], rec[_R_REPAIRED], rec[_R_INSPECTED] = start, repaired, inspected
            if repaired <= limit and paid:  # S8: labour at the repair rate of the day, and the parts
                labour_computed, labour, fee_reason = self.fee_cents(MODE_REPAIR, cal.ordinals[repaired // DAY_MINUTES],
                                                                     half)
                rec[_R_LABOUR] = labour
                fee = money(labour + parts_cents)
                computed = None if labour_computed is None else fee
            supervisors = self.supervisors
            rec[_R_INSPECTOR] = supervisors[int(rnd() * len(supervisors))]
            # S8: the invoice is issued on the day the goods go back, before they leave
            invoiced = max(inspected, returned - int(rnd() * 60), returned - returned % DAY_MINUTES)
            # S9: a repair that will miss its promised date goes to the supervisor the day before
            promised = rec[_R_PROMISED]
            if repaired >= (promised + 1) * DAY_MINUTES:
                rec[_R_ESCALATED] = max(taken, promised * DAY_MINUTES - 30 - int(rnd() * 150))
        rec[_R_RETURNED] = returned
        rec[_R_SIGNED] = signed
        rec[_R_VOIDED] = voided
        rec[_R_CLOSED] = closed
        # returned by the technician, or over the counter by the clerk
        rec[_R_RETURNED_BY] = technician if rnd() < 0.5 else clerk
        if rnd() < 0.02 or (not self.lost and voided <= limit):  # a few lost the receipt (the first always)
            rec[_R_LOST] = 1
            self.lost = self.lost or voided <= limit
        if paid:
            rec[_R_INVOICED] = invoiced
            if invoiced <= limit:
                number = self.next_invoice()
                rec[_R_INVOICE_NO] = number
                invoice_no = f"No.{number:08d}"
                invoice_at = text(invoiced)
                invoice_by = accountant
                method = INVOICE
        if signed <= limit:  # S7: signed again when the goods came back
            signed_by = self.c_signer[owner] if signer == 0 else self.signers[signer - 1]
            signed_at = text(signed)
        if closed <= limit:
            closed_at = text(closed)
        self.records.extend(rec)
        return fee, computed, fee_reason, method, invoice_no, invoice_at, invoice_by, signed_by, signed_at, closed_at

    # -- goods entries, repair cards, parts --------------------------------------------------

    def make_goods_and_cards(self) -> Iterator[Chunk]:
        """S6/S7: one goods entry and one repair card per call taken back, numbered in the
        order the goods came in (the card is opened as the goods are logged), with the
        rest of the call's history from the taking back on and the repair's work log."""
        rng = self.rng
        cal = self.cal
        text = cal.text
        limit = self.limit
        recs = self.records
        n = len(recs) // _R_STRIDE
        order = sorted(range(n), key=lambda k: (recs[k * _R_STRIDE + _R_TAKEN], recs[k * _R_STRIDE + _R_CALL]))
        goods_id = self.existing.first_ids["goods_entry"]
        card_id = self.existing.first_ids["repair_card"]
        part_id = self.existing.first_ids["repair_part"]
        receipts = self.numbers[numbering.GOODS_RECEIPT]
        cards = self.numbers[numbering.REPAIR_CARD]
        goods_rows: list[tuple] = []
        card_rows: list[tuple] = []
        part_rows: list[tuple] = []
        share = max(1, self.goods_units * CHUNK // max(n, 1))
        n_parts = 0
        for k in order:
            b = k * _R_STRIDE
            rec = recs[b : b + _R_STRIDE]
            call_id = rec[_R_CALL]
            declined = rec[_R_PATH] == DECLINED
            kind = _KIND_CODES[rec[_R_KIND]]
            paid = kind == PAID
            owner = rec[_R_CUST]
            product = rec[_R_PROD]
            tech = rec[_R_TECH]
            clerk = rec[_R_CLERK]
            model = PRODUCTS[self.p_model[product]][0]
            serial = self.p_serial[product]
            name = self.c_name[owner]
            taken = text(rec[_R_TAKEN])
            day = cal.date_of(rec[_R_TAKEN])
            promised = cal.day_isos[rec[_R_PROMISED]]
            signer = rec[_R_SIGNER]
            signer_name = self.c_signer[owner] if signer == 0 else self.signers[signer - 1]
            receipt_no = receipts.take(day)
            t_returned, t_signed, t_voided = rec[_R_RETURNED], rec[_R_SIGNED], rec[_R_VOIDED]
            returned_by = rec[_R_RETURNED_BY]
            returned = returned_by_id = outcome = received_back_by = voided = checked_by = document = None
            lost = 0
            if t_returned <= limit:
                returned = text(t_returned)
                returned_by_id = returned_by
                outcome = _UNREPAIRED if declined else _REPAIRED_OUTCOME
            if t_signed <= limit:
                received_back_by = signer_name
            if t_voided <= limit:
                voided = text(t_voided)
                if rec[_R_LOST]:  # the receipt was lost: the customer was identified instead
                    lost, checked_by = 1, clerk
                    document = (f"身份证 {ID_PREFIXES[int(rng.random() * len(ID_PREFIXES))]}**********"
                                f"{rng.randrange(10_000):04d}")
            goods_rows.append((
                goods_id, receipt_no, call_id, self.customer_first_id + owner,
                self.product_first_id + product, name, self.c_phone[owner], model, serial,
                ACCESSORIES[int(rng.random() * len(ACCESSORIES))], CONDITIONS[int(rng.random() * len(CONDITIONS))],
                taken, tech, promised, returned, returned_by_id, received_back_by, voided, outcome, lost, checked_by,
                document,
            ))
            # the repair card
            status = RepairCardStatus.OPEN.value
            work = hours = labour = repaired = inspector = inspected = result = passed = None
            quote = quoted = consent = consent_by = consented = channel = None
            escalation = escalated = escalated_by = None
            if rec[_R_QUOTED] <= limit:
                quote = money(rec[_R_QUOTE])
                quoted = text(rec[_R_QUOTED])
            if rec[_R_CONSENTED] <= limit:
                consent = 0 if declined else 1
                consent_by = signer_name
                consented = text(rec[_R_CONSENTED])
                channel = _CONSENT_CHANNELS[rec[_R_CONSENT_CHANNEL]]
            if rec[_R_START] <= limit:
                status = RepairCardStatus.IN_REPAIR.value
            if rec[_R_REPAIRED] <= limit:
                status = RepairCardStatus.REPAIRED.value
                work = ALL_SHOP_WORK[rec[_R_WORK]]
                hours = rec[_R_HALF_HOURS] / 2
                if rec[_R_LABOUR] >= 0:
                    labour = money(rec[_R_LABOUR])
                repaired = text(rec[_R_REPAIRED])
                for line in range(rec[_R_NPARTS]):
                    code = rec[_R_PARTS + line]
                    part_no, part_name, _ = ALL_PARTS[code // 10][1]
                    part_rows.append((part_id, card_id, line + 1, part_no, part_name, code % 10,
                                      money(self.part_cents[code // 10])))
                    part_id += 1
                    n_parts += 1
            if rec[_R_INSPECTED] <= limit:
                status = RepairCardStatus.INSPECTED.value
                inspector = rec[_R_INSPECTOR]
                inspected = text(rec[_R_INSPECTED])
                result = INSPECTION_RESULTS[int(rng.random() * len(INSPECTION_RESULTS))]
                passed = 1
            if returned is not None:
                status = RepairCardStatus.RETURNED.value
            if rec[_R_ESCALATED] <= limit:
                escalation = ESCALATION_NOTES[int(rng.random() * len(ESCALATION_NOTES))]
                escalated = text(rec[_R_ESCALATED])
                escalated_by = tech
            card_rows.append((
                card_id, cards.take(day), goods_id, call_id, name, model, serial, ALL_FAULTS[rec[_R_FAULT]],
                taken, tech, promised, work, hours, labour, status, repaired, inspector, inspected, result, passed,
                quote, quoted, consent, consent_by, consented, channel, escalation, escalated, escalated_by,
            ))
            # the history from the taking back on: (time, step, status after or None, by, note)
            invoice_no = f"No.{rec[_R_INVOICE_NO]:08d}" if rec[_R_INVOICED] <= limit else None
            events = [(rec[_R_TAKEN], STEP_TAKE_BACK, TAKEN_BACK, tech, WORK_TAKE_BACK[rec[_R_TAKE_BACK_WORK]])]
            if paid:
                events.append((rec[_R_QUOTED], STEP_QUOTE, None, tech, f"{rec[_R_QUOTE] / 100:.2f}"))
                events.append((rec[_R_CONSENTED], STEP_CONSENT, None, clerk, signer_name))
            if declined:
                events.append((t_returned, STEP_SET_FEE, None, clerk, CHECK_FEE_REASON))
                events.append((t_returned, STEP_RETURN_UNREPAIRED, RETURNED, returned_by, DECLINE_REASON))
                events.append((t_signed, STEP_SIGN, RETURN_SIGNED, returned_by, signer_name))
                events.append((rec[_R_INVOICED], STEP_INVOICE, None, rec[_R_ACCOUNTANT], invoice_no))
            else:
                events.append((rec[_R_START], STEP_START_REPAIR, IN_REPAIR, tech, None))
                events.append((rec[_R_REPAIRED], STEP_FINISH_REPAIR, REPAIRED, tech, work))
                events.append((rec[_R_INSPECTED], STEP_INSPECT, INSPECTED, rec[_R_INSPECTOR], result))
                if paid:
                    events.append((rec[_R_INVOICED], STEP_INVOICE, None, rec[_R_ACCOUNTANT], invoice_no))
                events.append((t_returned, STEP_RETURN_GOODS, RETURNED, returned_by, None))
                events.append((t_signed, STEP_SIGN, RETURN_SIGNED, returned_by, signer_name))
            events.append((t_voided, STEP_VOID_RECEIPT, RECEIPT_VOIDED, clerk, document or receipt_no))
            events.append((rec[_R_CLOSED], STEP_CLOSE, CLOSED, clerk, None))
            if escalated is not None:
                at = rec[_R_ESCALATED]
                i = next(i for i, e in enumerate(events) if e[0] > at)
                events.insert(i, (at, STEP_ESCALATE, None, tech, escalation))
            sid = self.step_id
            steps = self.steps
            current = ARRIVED
            for at, step, after, by, note in events:
                if at > limit:
                    break
                moment = text(at)
                steps.append((call_id, STEP_CODE[step, current], moment, by, note, None))
                if step == STEP_FINISH_REPAIR:  # S10: the repair's hours, on the day it was done
                    self.works.append((self.work_id, call_id, card_id, tech, cal.day_isos[at // DAY_MINUTES], kind,
                                       MODE_REPAIR, hours, sid))
                    self.work_id += 1
                current = after or current
                sid += 1
            self.step_id = sid
            goods_id += 1
            card_id += 1
            if len(goods_rows) >= CHUNK:
                yield from self._flush_goods(goods_rows, card_rows, part_rows, share)
                goods_rows, card_rows, part_rows = [], [], []
        yield from self._flush_goods(goods_rows, card_rows, part_rows, 0)
        self.summary.goods_entries = n
        self.summary.repair_cards = n
        self.summary.parts = n_parts
        self.summary.steps = self.step_id - self.existing.first_ids["call_step"]
        self.summary.work_logs = self.work_id - self.existing.first_ids["work_log"]
        self.records = array("i")

    def _flush_goods(self, goods_rows, card_rows, part_rows, share) -> Iterator[Chunk]:
        steps, works = self.steps, self.works
        self.steps, self.works = [], []
        yield GoodsEntry.__table__, GOODS_COLUMNS, goods_rows, 0
        yield RepairCard.__table__, CARD_COLUMNS, card_rows, 0
        yield RepairPart.__table__, PART_COLUMNS, part_rows, share
        yield CallStep.__table__, STEP_ROW, steps, 0
        yield WorkLog.__table__, WORK_COLUMNS, works, 0

