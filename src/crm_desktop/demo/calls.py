"""The planner of calls: when they come (``received_minutes``), which path each takes and
when each of its events happens (``plan``), how a small run still has every status
(``make_calls``), and each call's register line with its history and work log (``call_row``,
the hot path of a large run: times become text inline, values are read from locals).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from datetime import date
from math import log as _log

from ..models import CallStatus, CallStep, ServiceCall, WorkLog
from ..services import numbering
from .catalogue import (
    ALL_FAULTS,
    CANCEL_REASONS,
    FAULT_INDEX,
    FEE_DISCOUNT,
    FEE_DISCOUNT_REASON,
    OVERRIDE_TO_PAID,
    PRODUCTS,
    SIGNER_POOL,
    UNDO_DISPATCH_NOTE,
    WORK_ON_SITE,
)
from .paths import (
    CANCEL,
    CANCEL_DISPATCHED,
    COLLECTED,
    CONTRACT,
    DECLINED,
    FREE,
    INVOICE,
    K_ARRIVE,
    K_CANCEL,
    K_CANCEL_DISPATCHED,
    K_COMPLETE,
    K_DISPATCH,
    K_HAND_OVER,
    K_INVOICE,
    K_REGISTER,
    K_SIGN,
    K_STRIKE_OFF,
    K_UNDO_DISPATCH,
    LETTER,
    MODE_ON_SITE,
    ON_SITE,
    PAID,
    PATH_STATUS_VALUES,
    PATH_STATUSES,
    PHONE,
    SUBURBAN,
    TAKE_BACK,
    TAKEN_PATHS,
    TARGETS,
    VISIT,
)
from .rows import CALL_COLUMNS, CHUNK, STEP_ROW, WORK_COLUMNS, Chunk, money
from .working_time import DAY_MINUTES, MINUTE_TEXTS, NEVER

TAIL_MINUTES = 10 * DAY_MINUTES  # the last ten working days: their calls are planned before writing
UNDO_SHARE = 0.004  # dispatches first given to the wrong technician and taken back


class CallPlanner:
    """Part of ``Generator`` (see there): the calls, in the order received. Reads what
    ``MasterData`` made (``c_*``, ``p_*``, the staff by role, the prices, ``signers``); keeps
    each call's history in ``steps`` and ``works`` until its chunk is handed over, and for a
    call taken back hands the rest to ``TakenBack.take_back``."""

    def received_minutes(self) -> Iterator[int]:
        """The working minute of every call, in time order: a few more calls on Mondays,
        slowly growing business, the day of ``now`` only up to ``now``."""
        rng = self.rng
        cal = self.cal
        if self.limit < 0 or self.n_calls == 0:
            return
        last_day = min(len(cal.days) - 1, self.limit // DAY_MINUTES)
        weights = []
        for di in range(last_day + 1):
            avail = min(DAY_MINUTES, self.now_w - di * DAY_MINUTES)
            monday = 1.25 if cal.days[di].weekday() == 0 else 1.0
            weights.append(avail / DAY_MINUTES * rng.uniform(0.6, 1.4) * monday * (0.7 + 0.6 * di / (last_day + 1)))
        total = sum(weights)
        cum = 0.0
        issued = 0
        for di, w in enumerate(weights):
            cum += w
            target = self.n_calls if di == last_day else min(self.n_calls, round(self.n_calls * cum / total))
            count = target - issued
            if count <= 0:
                continue
            issued = target
            avail = min(DAY_MINUTES, self.now_w - di * DAY_MINUTES)
            base = di * DAY_MINUTES
            rnd = rng.random
            for m in sorted([int(rnd() * avail) for _ in range(count)]):
                yield base + m

    def plan(self, r: int, product: int | None = None, path: int | None = None) -> tuple:
        """A call received at working minute ``r``: its product (one bought by that day),
        its kind (S1, as the program proposes it), its path (on site, taken back, declined,
        cancelled) and the natural times of the path's status-changing events, future ones
        included: what has happened is what lies before ``now``. Durations are exponential
        around a typical value, in working minutes.
        Returns (r, product, path, times, minutes worked on site, kind, kind reason)."""
        rnd = self.rng.random
        log = _log
        d = self.cal.ordinals[r // DAY_MINUTES]
        if product is None:
            eligible = bisect_right(self.p_purchase, d)
            product = int(rnd() * max(eligible, 1))
        # S1: C within the warranty (warranty first), else B while a contract covers the
        # product, else A; now and then A against the warranty, with the reason
        reason = None
        if d <= self.p_warranty[product]:
            kind = FREE
            if rnd() < 0.02:
                kind, reason = PAID, OVERRIDE_TO_PAID
        elif self.p_cov_start[product] <= d <= self.p_cov_end[product]:
            kind = CONTRACT
        else:
            kind = PAID
        if path is None:
            u = rnd()
            if u < 0.03:
                path = CANCEL_DISPATCHED if u < 0.009 else CANCEL
            elif u < 0.18:
                # a few paid repairs are declined (the first one always, so that a small run has one)
                path = DECLINED if kind == PAID and (rnd() < 0.06 or not self.declined) else TAKE_BACK
                self.declined = self.declined or path == DECLINED
            else:
                path = ON_SITE
        if path == CANCEL:
            return (r, product, path, (r + 10 + int(-log(1.0 - rnd()) * 200),), 0, kind, reason)
        suburban = self.c_district[self.p_owner[product]] == SUBURBAN
        dispatched = r + 5 + int(-log(1.0 - rnd()) * 50)
        if path == CANCEL_DISPATCHED:
            return (r, product, path, (dispatched, dispatched + 5 + int(-log(1.0 - rnd()) * 90)), 0, kind, reason)
        arrived = dispatched + 20 + int(-log(1.0 - rnd()) * (130 if suburban else 90))
        if path == ON_SITE:
            work = 20 + min(300, int(-log(1.0 - rnd()) * 60))
            done = arrived + work
            signed = done + int(-log(1.0 - rnd()) * 5)  # the customer signs the voucher
            struck = signed + 15 + int(-log(1.0 - rnd()) * 200)  # the voucher is back at the office
            return (r, product, path, (dispatched, arrived, done, signed, struck), work, kind, reason)
        work = 20 + min(120, int(-log(1.0 - rnd()) * 40))
        taken = arrived + work + 15 + int(-log(1.0 - rnd()) * 60)
        if path == DECLINED:  # quoted, declined, given back
            returned = taken + 120 + int(-log(1.0 - rnd()) * 900)
            return (r, product, path, (dispatched, arrived, taken, returned) + self.after_return(returned), work, kind,
                    reason)
        # a paid repair waits for the customer's answer to the quote
        start = taken + 30 + int(-log(1.0 - rnd()) * (700 if kind == PAID else 400))
        repaired = start + 60 + int(-log(1.0 - rnd()) * 700)
        inspected = repaired + 20 + int(-log(1.0 - rnd()) * 300)
        returned = inspected + 60 + int(-log(1.0 - rnd()) * 600)
        return (r, product, path, (dispatched, arrived, taken, start, repaired, inspected, returned)
                + self.after_return(returned), work, kind, reason)

    def after_return(self, returned: int) -> tuple[int, int, int]:
        """The customer signs for the goods, the receipt comes back (now and then weeks
        later) and is voided, the voucher is filed."""
        rnd = self.rng.random
        log = _log
        signed = returned + int(-log(1.0 - rnd()) * 10)
        late = rnd() >= 0.97
        voided = signed + (2000 + int(-log(1.0 - rnd()) * 4000) if late else int(-log(1.0 - rnd()) * 120))
        return signed, voided, voided + 5 + int(-log(1.0 - rnd()) * 120)

    def stage(self, plan: tuple) -> int:
        """How many of the plan's events have happened by ``now``."""
        return bisect_right(plan[3], self.limit)

    def fit(self, plan: tuple, j: int) -> tuple:
        """The plan squeezed so that exactly its first ``j`` events happened by ``now``."""
        r, product, path, times, work, kind, reason = plan
        times = list(times)
        if j and times[j - 1] > self.limit:
            f = (self.limit - r) * self.rng.uniform(0.6, 0.95) / (times[j - 1] - r)
            times = [r + int((t - r) * f) for t in times]
            if path == ON_SITE:
                work = times[2] - times[1]
            elif path in TAKEN_PATHS:
                work = min(work, times[2] - times[1])
        return (r, product, path, tuple(times[:j]) + (self.limit + 1,) * (len(times) - j), work, kind, reason)

    def _flush(self, rows: list[tuple]) -> Iterator[Chunk]:
        """The calls made so far, then their history and work (which refer to them)."""
        steps, works = self.steps, self.works
        self.steps, self.works = [], []
        yield ServiceCall.__table__, CALL_COLUMNS, rows, len(rows)
        yield CallStep.__table__, STEP_ROW, steps, 0
        yield WorkLog.__table__, WORK_COLUMNS, works, 0

    def make_calls(self) -> Iterator[Chunk]:
        """The calls in the order received. The last days' calls are planned before they are
        written: in a small run a stage may have no call, and then the call whose age suits
        that stage best is moved to it, taken from a stage with calls to spare."""
        self.call_id = self.existing.first_ids["service_call"]
        self.call_numbers = self.numbers[numbering.SERVICE_CALL]
        self.records = array("i")
        self.status_counts: Counter = Counter()
        self.first_day: date | None = None
        self.last_day: date | None = None
        rows: list[tuple] = []
        tail: list[tuple] = []
        tail_start = self.limit - TAIL_MINUTES
        for r in self.received_minutes():
            if r < tail_start:
                plan = self.plan(r)
                rows.append(self.call_row(plan, self.stage(plan)))
                if len(rows) >= CHUNK:
                    yield from self._flush(rows)
                    rows = []
            else:
                tail.append(self.plan(r))
        stages = [self.stage(p) for p in tail]
        counts = Counter(self.status_counts)
        for p, j in zip(tail, stages):
            counts[PATH_STATUS_VALUES[p[2]][j]] += 1
        moved: set[int] = set()
        for status, (age, path, j) in TARGETS.items():
            if counts[status.value] or not tail:
                continue
            order = sorted(range(len(tail)), key=lambda k: (abs(self.limit - tail[k][0] - age), k))
            for k in order:
                current = PATH_STATUS_VALUES[tail[k][2]][stages[k]]
                if k in moved or counts[current] < 2:
                    continue
                plan = tail[k]
                if path >= 0:
                    wanted = path
                else:
                    statuses = PATH_STATUSES[plan[2]]
                    wanted = plan[2] if j < len(statuses) and statuses[j] == status else ON_SITE
                if plan[2] != wanted:
                    plan = self.plan(plan[0], product=plan[1], path=wanted)
                assert PATH_STATUSES[wanted][j] == status
                tail[k] = self.fit(plan, j)
                stages[k] = j
                counts[current] -= 1
                counts[status.value] += 1
                moved.add(k)
                break
        for plan, j in zip(tail, stages):
            rows.append(self.call_row(plan, j))
            if len(rows) >= CHUNK:
                yield from self._flush(rows)
                rows = []
        yield from self._flush(rows)
        self.summary.calls = {s.value: self.status_counts[s.value] for s in CallStatus if self.status_counts[s.value]}
        self.summary.first_day = self.first_day
        self.summary.last_day = self.last_day

    def call_row(self, plan: tuple, j: int) -> tuple:
        """The register line of a call whose first ``j`` events have happened, and the
        history of its steps up to the goods being taken back (the rest comes with the
        repair card). (The hot path of a large run: times are turned into text inline.)"""
        rnd = self.rng.random
        cal = self.cal
        day_texts = cal.day_texts
        minute_texts = MINUTE_TEXTS
        limit = self.limit
        r, product, path, times, work, kind, reason = plan
        status = PATH_STATUS_VALUES[path][j]
        self.status_counts[status] += 1
        call_id = self.call_id
        self.call_id = call_id + 1
        day_index = r // DAY_MINUTES
        day = cal.days[day_index]
        if self.first_day is None:
            self.first_day = day
        self.last_day = day
        owner = self.p_owner[product]
        model = self.p_model[product]
        kind_name = PRODUCTS[model][4]
        district = self.c_district[owner]
        u = rnd()
        channel = PHONE if u < 0.85 else VISIT if u < 0.95 else LETTER
        faults = FAULT_INDEX[kind_name]
        fault_index = faults[int(rnd() * len(faults))]
        clerks = self.clerks
        clerk = clerks[int(rnd() * len(clerks))]
        steps = self.steps
        sid = self.step_id
        received = day_texts[day_index] + minute_texts[r % DAY_MINUTES]
        steps.append((call_id, K_REGISTER, received, clerk, None, None))
        sid += 1

        technician = dispatched_at = arrived_at = work_done = hours = fee = signed_by = signed_at = closed_at = None
        computed = fee_reason = method = collected = handed_at = handed_to = invoice_no = invoice_at = None
        invoice_by = cancel_reason = None
        if path == CANCEL:
            if j:
                t = times[0]
                closed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                cancel_reason = CANCEL_REASONS[int(rnd() * len(CANCEL_REASONS))]
                steps.append((call_id, K_CANCEL, closed_at, clerk, cancel_reason, None))
                sid += 1
        elif j:  # S3 dispatched by a supervisor
            techs = self.techs_by_district[district]
            technician = techs[int(rnd() * len(techs))]
            supervisors = self.supervisors
            supervisor = supervisors[technician % len(supervisors)]
            t = times[0]
            dispatched_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
            if rnd() < UNDO_SHARE or not self.undone:  # (the first one always, so that a small run has one)
                sid = self.undone_dispatch(sid, call_id, r, t, technician, supervisor)
                self.undone = True
            steps.append((call_id, K_DISPATCH, dispatched_at, supervisor, self.staff_name[technician], None))
            sid += 1
            if path == CANCEL_DISPATCHED:
                if j >= 2:
                    t = times[1]
                    closed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                    cancel_reason = CANCEL_REASONS[int(rnd() * len(CANCEL_REASONS))]
                    steps.append((call_id, K_CANCEL_DISPATCHED, closed_at, clerk, cancel_reason, None))
                    sid += 1
            else:
                if j >= 2:
                    t = times[1]
                    arrived_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                    steps.append((call_id, K_ARRIVE, arrived_at, technician, None, None))
                    sid += 1
                signer = 0 if rnd() < 0.8 else 1 + int(rnd() * SIGNER_POOL)
                if path == ON_SITE:
                    if j >= 3:  # S4 done on site; S5 a paid job's fee, collected there or invoiced
                        works = WORK_ON_SITE[kind_name]
                        work_done = works[int(rnd() * len(works))]
                        half = max(1, round(work / 30))
                        hours = half / 2
                        t = times[2]
                        done_day = t // DAY_MINUTES
                        done = day_texts[done_day] + minute_texts[t % DAY_MINUTES]
                        if kind == PAID:
                            computed, charged, fee_reason = self.fee_cents(MODE_ON_SITE, cal.ordinals[done_day], half)
                            if fee_reason is None and charged >= 10_000 and rnd() < 0.03:
                                charged -= FEE_DISCOUNT
                                fee_reason = FEE_DISCOUNT_REASON
                            fee = money(charged)
                            if computed is not None:
                                computed = money(computed)
                            if rnd() < 0.6:
                                method, collected = COLLECTED, fee
                            else:
                                method = INVOICE
                        steps.append((call_id, K_COMPLETE, done, technician, None, None))
                        self.works.append((self.work_id, call_id, None, technician, cal.day_isos[done_day], kind,
                                           MODE_ON_SITE, hours, sid))
                        self.work_id += 1
                        sid += 1
                    if j >= 4:  # S4: the customer signed the voucher
                        signed_by = self.c_signer[owner] if signer == 0 else self.signers[signer - 1]
                        t = times[3]
                        signed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                        steps.append((call_id, K_SIGN, signed_at, technician, signed_by, None))
                        sid += 1
                    if j >= 5:  # ... brought it back, and the clerk struck the call off
                        t = times[4]
                        closed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                        steps.append((call_id, K_STRIKE_OFF, closed_at, clerk, None, None))
                        sid += 1
                        if kind == PAID:  # S5: the money to the accountant, the invoice
                            accountants = self.accountants
                            accountant = accountants[call_id % len(accountants)]
                            invoiced = NEVER
                            if method == COLLECTED:
                                handed = t + int(-_log(1.0 - rnd()) * 120)
                                if handed <= limit:
                                    handed_at = cal.text(handed)
                                    handed_to = accountant
                                    steps.append((call_id, K_HAND_OVER, handed_at, technician,
                                                  self.staff_name[accountant], None))
                                    sid += 1
                                    invoiced = handed + 30 + int(-_log(1.0 - rnd()) * 900)
                            else:  # the voucher goes to the accountant the same day
                                invoiced = t + int(-_log(1.0 - rnd()) * 150)
                            if invoiced <= limit:
                                invoice_no = f"No.{self.next_invoice():08d}"
                                invoice_at = cal.text(invoiced)
                                invoice_by = accountant
                                steps.append((call_id, K_INVOICE, invoice_at, accountant, invoice_no, None))
                                sid += 1
                elif j >= 3:  # S6: taken back (its history goes on with the repair card)
                    (fee, computed, fee_reason, method, invoice_no, invoice_at, invoice_by, signed_by, signed_at,
                     closed_at) = self.take_back(call_id, owner, product, technician, clerk, path, times, fault_index,
                                                 kind, signer, kind_name)
        self.step_id = sid
        return (
            call_id,
            self.call_numbers.take(day),
            received,
            channel,
            self.customer_first_id + owner,
            self.product_first_id + product,
            self.c_name[owner],
            self.c_phone[owner],
            self.c_address[owner],
            PRODUCTS[model][0],
            self.p_serial[product],
            ALL_FAULTS[fault_index],
            district,
            kind,
            reason,
            status,
            technician,
            dispatched_at,
            arrived_at,
            work_done,
            hours,
            fee,
            signed_by,
            signed_at,
            closed_at,
            clerk,
            None,
            computed,
            fee_reason,
            method,
            collected,
            handed_at,
            handed_to,
            invoice_no,
            invoice_at,
            invoice_by,
            cancel_reason,
        )

    def undone_dispatch(self, sid: int, call_id: int, r: int, t: int, technician: int, supervisor: int) -> int:
        """A dispatch to the wrong technician, taken back by the supervisor (``undo``) just
        before the right one; returns the next step id."""
        others = [x for x in self.technicians if x != technician]
        if not others:
            return sid
        wrong = others[int(self.rng.random() * len(others))]
        text = self.cal.text
        given, taken = text(max(r, t - 2)), text(max(r, t - 1))
        self.steps.append((call_id, K_DISPATCH, given, supervisor, self.staff_name[wrong], None))
        self.steps.append((call_id, K_UNDO_DISPATCH, taken, supervisor, UNDO_DISPATCH_NOTE, sid))
        return sid + 2
