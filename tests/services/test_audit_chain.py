"""X1, I7: the audit log cannot be rewritten unseen (issue 15, item 7). The database refuses
INSERT OR REPLACE and a reused id; every line carries a SHA-256 linked to the line before;
a line edited with sqlite3 (its triggers dropped first) is found as the first broken link; a
chain rewritten from scratch is caught against the links kept in the log file."""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime

import pytest
import sqlalchemy
from sqlalchemy import select

from crm_desktop.models import AuditEntry
from crm_desktop.services import audit_chain, auth
from crm_desktop.services.audit_chain import GENESIS, hash_of


def write_lines(database, count: int, first_minute: int = 0) -> None:
    for n in range(count):
        with database.Session.begin() as s:
            auth.audit(s, "print", login="qian", target_type="repair_card", target_id=f"XK202612-{n:04d}",
                       detail={"copies": n}, now=datetime(2026, 12, 7, 9, first_minute + n))


def verify(database, anchors=()):
    with database.read_session() as s:
        return audit_chain.verify(s, anchors)


def rewrite_the_chain(database, change: str) -> None:
    """What someone with the file, sqlite3 and this program's source can do: drop the guard,
    make ``change``, and compute every link again from the first line on."""
    path = database.engine.url.database
    database.dispose()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute(change)
        previous = GENESIS
        for line_id, at, *rest in raw.execute("SELECT id, at, staff_id, login, action, target_type, target_id, detail "
                                              "FROM audit_log ORDER BY id").fetchall():
            previous = audit_chain.line_hash(previous, line_id, datetime.fromisoformat(at), *rest)
            raw.execute("UPDATE audit_log SET hash = ? WHERE id = ?", (previous, line_id))
    raw.close()


def test_every_line_links_to_the_line_before(database):
    write_lines(database, 5)
    with database.read_session() as s:
        lines = list(s.scalars(select(AuditEntry).order_by(AuditEntry.id)))
    assert [line.id for line in lines] == [1, 2, 3, 4, 5]
    previous = GENESIS
    for line in lines:
        assert line.hash == hash_of(line, previous) and len(line.hash) == 64
        previous = line.hash
    report = verify(database)
    assert report.intact and report.lines == 5 and report.newest == (5, lines[-1].hash)


@pytest.mark.parametrize("statement", [
    "INSERT OR REPLACE INTO audit_log (id, at, action, hash) VALUES (1, '2020-01-01 00:00:00', 'forged', 'x')",
    "INSERT OR REPLACE INTO audit_log (id, at, action) VALUES (1, '2020-01-01 00:00:00', 'forged')",
    "INSERT INTO audit_log (id, at, action, hash) VALUES (2, '2020-01-01 00:00:00', 'forged', 'x')",
    "INSERT INTO audit_log (at, action, hash) VALUES ('2020-01-01 00:00:00', 'forged', 'x')",
    "INSERT INTO audit_log (id, at, action) VALUES (99, '2020-01-01 00:00:00', 'no link')",
])
def test_the_database_refuses_an_insert_that_rewrites_or_skips_the_chain(database, statement):
    write_lines(database, 3)
    before = verify(database)
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
        with database.Session.begin() as s:
            s.execute(sqlalchemy.text(statement))
    after = verify(database)
    assert after.intact and after.newest == before.newest


def test_a_line_edited_with_sqlite3_is_found_as_the_first_broken_link(database):
    write_lines(database, 6)
    assert verify(database).intact
    path = database.engine.url.database
    database.dispose()
    raw = sqlite3.connect(path)
    with raw:  # what someone with the file and sqlite3 can do: drop the guard, change a line
        raw.execute("DROP TRIGGER audit_log_no_update")
        raw.execute("UPDATE audit_log SET detail = '{\"copies\": 0}' WHERE id = 4")
    raw.close()
    report = verify(database)
    assert not report.intact and report.broken_at == 4 and report.broken_at_time == datetime(2026, 12, 7, 9, 3)


def test_a_removed_line_breaks_the_link_of_the_next(database):
    write_lines(database, 4)
    path = database.engine.url.database
    database.dispose()
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("DROP TRIGGER audit_log_no_delete")
        raw.execute("DELETE FROM audit_log WHERE id = 2")
    raw.close()
    assert verify(database).broken_at == 3


def test_a_chain_rewritten_from_the_start_is_caught_against_the_log(database, data_dir):
    from crm_desktop import config

    cfg = config.resolve(str(data_dir), None)
    config.setup_logging(cfg)
    write_lines(database, 4)
    for handler in logging.getLogger().handlers:
        handler.flush()
    anchors = audit_chain.anchors_in_logs(cfg.log_file)
    assert anchors and anchors[-1][0] == 4  # each commit's newest link went into the log
    assert verify(database, anchors).intact

    # the whole log rewritten, every hash computed again: consistent in itself …
    rewrite_the_chain(database, "UPDATE audit_log SET detail = '{\"copies\": 9}' WHERE id = 2")
    assert verify(database).intact
    # … but it no longer holds the links kept outside
    report = verify(database, audit_chain.anchors_in_logs(cfg.log_file))
    assert not report.intact and report.anchor_missing is not None and report.anchor_missing[0] >= 2


def test_links_logged_for_a_database_that_was_replaced_are_not_held_against_the_new_one(tmp_path):
    log_file = tmp_path / "crm_desktop.log"
    old, new = "a" * 64, "b" * 64
    (tmp_path / "crm_desktop.log.1").write_text(f"x INFO crm_desktop.audit: audit chain: line 7 hash {old}\n")
    log_file.write_text("x INFO crm_desktop.audit: audit chain: begins anew (restored)\n"
                        f"x INFO crm_desktop.audit: audit chain: line 2 hash {new}\n")
    assert audit_chain.anchors_in_logs(log_file) == [(2, new)]


def test_a_rolled_back_line_leaves_no_link_in_the_log(database, data_dir, caplog):
    caplog.set_level(logging.INFO, logger="crm_desktop.audit")
    with pytest.raises(RuntimeError):
        with database.Session.begin() as s:
            auth.audit(s, "print", login="qian")
            raise RuntimeError("the rest of the step failed")
    assert "audit chain" not in caplog.text
    write_lines(database, 1)
    assert "audit chain: line 1 hash" in caplog.text


def test_a_rewritten_chain_is_caught_against_a_backups_manifest_when_the_log_is_gone(database, cfg):
    """Issue 15, items 2 and 7: every backup's manifest keeps the newest link."""
    from crm_desktop import backups
    from crm_desktop.services import audit_log

    write_lines(database, 3)
    from crm_desktop.models import Staff

    with database.Session.begin() as s:
        staff = Staff(name="系统管理员", role="admin")
        s.add(staff)
        s.flush()
        admin = auth.LoggedIn(staff.id, staff.name, "admin", "admin", False)
    backups.make_backup(cfg.sqlite_path, cfg.backups_dir)
    rewrite_the_chain(database, "UPDATE audit_log SET login = 'nobody'")
    assert verify(database).intact  # consistent in itself, and no log file to hold it against
    found = audit_log.check_chain(database, admin, None, backups_dir=cfg.backups_dir)
    assert not found.intact and found.anchor_missing[0] == 3
