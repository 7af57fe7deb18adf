"""The audit log as a hash chain (X1, I7): each line carries the SHA-256 of its own content
and of the line before, so that a line changed, removed or slipped in afterwards breaks every
link after it.

What the database refuses by itself (migration 0008): UPDATE and DELETE (since 0005), and an
INSERT that does not come after the last line — ``INSERT OR REPLACE`` over an old line, an
old id reused — or comes without its hash.

What the chain proves: someone who edits the database file with a tool of his own (the
triggers dropped first) cannot change, remove or insert a line without the verification
finding the first line that no longer links up. What it cannot prove on its own: a chain
rewritten from the first line on is consistent again. That is why the newest link is also
written outside the database — into the log file after every commit (``log_anchor``) and
into every backup's manifest — and ``verify`` checks those anchors against the chain: a
rewritten chain no longer holds them. Someone holding the database, the log files and every
backup can still rewrite all of them; nothing kept on the same PC can prevent that.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import AuditEntry
from ..progress import Progress, report

log = logging.getLogger("crm_desktop.audit")

GENESIS = "0" * 64  # the link before the first line
ANCHOR_PREFIX = "audit chain:"
ANCHOR_PATTERN = re.compile(r"audit chain: (?:line (\d+) hash ([0-9a-f]{64})|(begins anew))")


def line_hash(previous: str, line_id: int, at: datetime, staff_id: int | None, login: str | None, action: str,
              target_type: str | None, target_id: str | None, detail: str | None) -> str:
    """The link of one line: SHA-256 over the previous link and the line's fields, written
    in one fixed form (JSON, no spaces) so that any reader computes the same."""
    content = json.dumps(
        [line_id, at.isoformat(sep=" "), staff_id, login, action, target_type, target_id, detail],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(f"{previous}\n{content}".encode()).hexdigest()


def hash_of(entry: AuditEntry, previous: str) -> str:
    return line_hash(previous, entry.id, entry.at, entry.staff_id, entry.login, entry.action, entry.target_type,
                     entry.target_id, entry.detail)


def last_link(session: Session) -> tuple[int, str]:
    """(the last line's id, its hash); (0, GENESIS) for an empty log."""
    row = session.execute(select(AuditEntry.id, AuditEntry.hash).order_by(AuditEntry.id.desc()).limit(1)).first()
    return (row.id, row.hash or "") if row is not None else (0, GENESIS)


def append(session: Session, entry: AuditEntry) -> AuditEntry:
    """Give ``entry`` the next id and its link, and add it (writes run in BEGIN IMMEDIATE
    transactions, db.py: nobody else appends between the read and the write)."""
    last_id, last_hash = last_link(session)
    entry.id = last_id + 1
    entry.hash = hash_of(entry, last_hash)
    session.add(entry)
    session.flush()
    pending = session.info.setdefault("audit_anchor", [])
    pending.append((entry.id, entry.hash))
    return entry


def linked(session: Session, rows: list[dict]) -> list[dict]:
    """Plain rows (at, staff_id, login, action, target_type, target_id, detail) given their
    ids and links after the last line, for one bulk insert of many lines."""
    last_id, previous = last_link(session)
    out = []
    for offset, row in enumerate(rows, start=1):
        line = {key: row.get(key) for key in ("at", "staff_id", "login", "action", "target_type", "target_id", "detail")}
        line["id"] = last_id + offset
        previous = line_hash(previous, line["id"], line["at"], line["staff_id"], line["login"], line["action"],
                             line["target_type"], line["target_id"], line["detail"])
        line["hash"] = previous
        out.append(line)
    return out


def log_anchor(session: Session) -> None:
    """After a commit: the newest link into the log file (see the module's docstring)."""
    pending = session.info.pop("audit_anchor", None)
    if pending:
        log_link(*pending[-1])


def log_link(line_id: int, link: str) -> None:
    """The link of line ``line_id`` into the log file, as an anchor ``verify`` holds the
    chain to."""
    log.info("%s line %d hash %s", ANCHOR_PREFIX, line_id, link)


def forget_anchor(session: Session) -> None:
    session.info.pop("audit_anchor", None)


@dataclass(frozen=True)
class ChainReport:
    lines: int
    broken_at: int | None = None  # the first line whose link does not hold
    broken_at_time: datetime | None = None
    anchor_missing: tuple[int, str] | None = None  # (line, hash) kept outside that the chain no longer holds
    newest: tuple[int, str] | None = None

    @property
    def intact(self) -> bool:
        return self.broken_at is None and self.anchor_missing is None


def verify(session: Session, anchors: Iterable[tuple[int, str]] = (), progress: Progress | None = None) -> ChainReport:
    """Walk the chain from the first line; the first line whose link does not hold, and
    the first anchor (kept in a log file or a backup's manifest) the chain does not hold."""
    previous = GENESIS
    count = 0
    total = session.scalar(select(func.count()).select_from(AuditEntry)) if progress is not None else 0
    links: dict[int, str] = {}
    wanted = {line_id: link for line_id, link in anchors}
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=2000)).scalars()
    for entry in rows:
        count += 1
        expected = hash_of(entry, previous)
        if entry.hash != expected:
            return ChainReport(count, broken_at=entry.id, broken_at_time=entry.at)
        if entry.id in wanted:
            links[entry.id] = entry.hash
        previous = entry.hash
        if progress is not None and count % 5000 == 0:
            report(progress, count, total)
    newest = None
    if count:
        newest = last_link(session)
    for line_id, link in sorted(wanted.items()):
        if links.get(line_id) != link:
            return ChainReport(count, anchor_missing=(line_id, link), newest=newest)
    return ChainReport(count, newest=newest)


def log_new_chain(why: str) -> None:
    """The database of this folder was replaced (a restore, a new demo): the links logged
    before belong to the old one and are not held against the new one."""
    log.info("%s begins anew (%s)", ANCHOR_PREFIX, why)


def anchors_in_logs(log_file: Path) -> list[tuple[int, str]]:
    """The links the program wrote into ``log_file`` and its rotated predecessors (.1 is
    the newest of those), oldest first, from the last time the chain began anew."""
    def age(path: Path) -> int:
        suffix = path.name[len(log_file.name):].lstrip(".")
        return int(suffix) if suffix.isdigit() else 0

    files = sorted((p for p in log_file.parent.glob(log_file.name + "*") if p == log_file or age(p)),
                   key=age, reverse=True)
    found: list[tuple[int, str]] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for match in ANCHOR_PATTERN.finditer(text):
            if match.group(3):
                found = []
            else:
                found.append((int(match.group(1)), match.group(2)))
    return found
