"""Numbers the program issues (X3): call numbers, goods-receipt numbers, repair-card numbers.

A rule has a pattern such as ``JX{yyyyMMdd}-{seq:03}``: date tokens (``yyyy``, ``yy``,
``MM``, ``dd`` in any run, e.g. ``{yyyyMM}``) and exactly one ``{seq}`` or ``{seq:0N}``,
where N is a minimum width (the 1,000th call of a day is ``JX20261128-1000``). The date
tokens make the period: the counter starts again at 1 in each new period.

The counter lives in the ``sequences`` table and is incremented by an ``UPDATE … RETURNING``
inside the caller's transaction, the same one that inserts the row taking the number. So a
save that fails gives the number back (gapless), a committed one keeps it (never reused),
and two programs on one database cannot both take a number: the UPDATE takes the write lock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP
from ..models import Sequence, Setting

SERVICE_CALL = "service_call"
GOODS_RECEIPT = "goods_receipt"
REPAIR_CARD = "repair_card"
CONTRACT = "maintenance_contract"
HANDOVER = "staff_handover"

DEFAULT_PATTERNS: dict[str, str] = {
    SERVICE_CALL: "JX{yyyyMMdd}-{seq:03}",
    GOODS_RECEIPT: "SJ{yyyyMM}-{seq:04}",
    REPAIR_CARD: "XK{yyyyMM}-{seq:04}",
    CONTRACT: "BY{yyyy}-{seq:04}",
    HANDOVER: "JJ{yyyy}-{seq:04}",  # 交接: a leaving employee's hand-over (I6)
    # customer codes (D5, I1): one rule per category, never reused
    "customer_code.supplier": "GY{seq:05}",  # 供应商
    "customer_code.distributor": "FX{seq:05}",  # 分销商
    "customer_code.special": "TB{seq:05}",  # 特别类 (I1)
    "customer_code.end_user": "YH{seq:05}",  # 用户
}

_TOKEN = re.compile(r"\{([^{}]*)\}")
_DATE_PART = re.compile(r"yyyy|yy|MM|dd")
_SEQ = re.compile(r"seq(?::0?(\d{1,2}))?")


def setting_key(rule: str) -> str:
    return f"numbering.{rule}"


@dataclass(frozen=True)
class NumberPattern:
    text: str

    def __post_init__(self) -> None:
        seqs = 0
        for token in _TOKEN.findall(self.text):
            if _SEQ.fullmatch(token):
                seqs += 1
            elif not token or _DATE_PART.sub("", token):
                raise UserError(
                    QT_TRANSLATE_NOOP("Numbering", "Unknown part {{{token}}} in the number pattern {pattern}."),
                    field="pattern",
                    token=token,
                    pattern=self.text,
                )
        if seqs != 1:
            raise UserError(
                QT_TRANSLATE_NOOP("Numbering", "A number pattern needs exactly one {{seq}} part: {pattern}"),
                field="pattern",
                pattern=self.text,
            )

    @staticmethod
    def _date_text(token: str, when: date) -> str:
        parts = {"yyyy": f"{when.year:04d}", "yy": f"{when.year % 100:02d}", "MM": f"{when.month:02d}", "dd": f"{when.day:02d}"}
        return _DATE_PART.sub(lambda m: parts[m.group(0)], token)

    def period(self, when: date) -> str:
        """The period a number belongs to: the date parts of the pattern, filled in."""
        return "".join(self._date_text(t, when) for t in _TOKEN.findall(self.text) if not _SEQ.fullmatch(t))

    def format(self, when: date, value: int) -> str:
        def fill(m: re.Match[str]) -> str:
            token = m.group(1)
            seq = _SEQ.fullmatch(token)
            if seq:
                width = int(seq.group(1) or 1)
                return f"{value:0{width}d}"
            return self._date_text(token, when)

        return _TOKEN.sub(fill, self.text)

    def parse(self, number: str) -> tuple[str, int] | None:
        """(period, value) of a number this pattern would have made; None for another
        number. A restore uses it to move the counters past numbers in a database it set
        aside, hand-typed customer codes included."""
        match = self._regex().fullmatch(number or "")
        if match is None:
            return None
        groups = match.groupdict()
        value = int(groups.pop("seq"))
        return "".join(groups[key] for key in sorted(groups, key=lambda k: int(k[1:]))), value

    def _regex(self) -> re.Pattern[str]:
        parts, at, dates = [], 0, 0
        widths = {"yyyy": 4, "yy": 2, "MM": 2, "dd": 2}
        for match in _TOKEN.finditer(self.text):
            parts.append(re.escape(self.text[at:match.start()]))
            token = match.group(1)
            if _SEQ.fullmatch(token):
                parts.append(r"(?P<seq>\d+)")
            else:
                width = sum(widths[p] for p in _DATE_PART.findall(token))
                parts.append(rf"(?P<d{dates}>\d{{{width}}})")
                dates += 1
            at = match.end()
        parts.append(re.escape(self.text[at:]))
        return re.compile("".join(parts))


def pattern_for(session: Session, rule: str) -> NumberPattern:
    stored = session.get(Setting, setting_key(rule))
    if stored is not None and stored.value:
        return NumberPattern(stored.value)
    return NumberPattern(DEFAULT_PATTERNS[rule])


def set_pattern(session: Session, rule: str, pattern: str) -> None:
    if rule not in DEFAULT_PATTERNS:
        raise KeyError(rule)
    NumberPattern(pattern)  # validates
    row = session.get(Setting, setting_key(rule))
    if row is None:
        session.add(Setting(key=setting_key(rule), value=pattern))
    else:
        row.value = pattern
    session.flush()


def next_number(session: Session, rule: str, when: date | datetime) -> str:
    """Take the next number of ``rule`` for the period of ``when``, inside the caller's
    transaction; the caller inserts the row that carries it before committing."""
    day = when.date() if isinstance(when, datetime) else when
    pattern = pattern_for(session, rule)
    period = pattern.period(day)
    value = _increment(session, rule, period)
    if value is None:
        try:
            with session.begin_nested():
                session.add(Sequence(rule=rule, period=period, last_value=1))
            value = 1
        except IntegrityError:  # another program opened the period between our two statements
            value = _increment(session, rule, period)
    assert value is not None
    return pattern.format(day, value)


def next_numbers(session: Session, rule: str, when: date | datetime, count: int) -> list[str]:
    """``count`` consecutive numbers of ``rule`` taken at once (one statement, not one per
    number): for a bulk import. Same guarantees as ``next_number``."""
    if count <= 0:
        return []
    day = when.date() if isinstance(when, datetime) else when
    pattern = pattern_for(session, rule)
    period = pattern.period(day)
    last = _increment(session, rule, period, count)
    if last is None:
        try:
            with session.begin_nested():
                session.add(Sequence(rule=rule, period=period, last_value=count))
            last = count
        except IntegrityError:
            last = _increment(session, rule, period, count)
    assert last is not None
    return [pattern.format(day, value) for value in range(last - count + 1, last + 1)]


def _increment(session: Session, rule: str, period: str, by: int = 1) -> int | None:
    return session.execute(
        update(Sequence)
        .where(Sequence.rule == rule, Sequence.period == period)
        .values(last_value=Sequence.last_value + by)
        .returning(Sequence.last_value)
    ).scalar()


def last_issued(session: Session, rule: str, when: date) -> int:
    period = pattern_for(session, rule).period(when)
    return session.scalar(select(Sequence.last_value).where(Sequence.rule == rule, Sequence.period == period)) or 0
