"""X1, X3: restore (issue 15, item 3). A backup put back: the database in use set aside and
intact, the backup's rows in place, the later records listed to be entered again, no number
issued twice, audited; a damaged, foreign or newer backup refused with nothing changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from crm_desktop import backups, clock, config
from crm_desktop.db import make_engine, open_database, upgrade
from crm_desktop.errors import UserError
from crm_desktop.migrations.revisions import HEAD, KNOWN_REVISIONS
from crm_desktop.models import AuditEntry, Customer, GoodsEntry, RepairCard, ServiceCall
from crm_desktop.progress import Cancelled
from crm_desktop.services import audit_log, auth, calls, contracts, customers, goods, repairs, restore

from .cli_runner import run
from .conftest import FIXED_NOW

LATER = FIXED_NOW + timedelta(hours=2)  # the work done after the backup


@pytest.fixture(scope="module")
def demo_made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo's rows and its administrator (admin / admin123)."""
    folder = tmp_path_factory.mktemp("restore") / "demo"
    result = run("demo", "--calls", "20", "--quiet", "--data-dir", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture
def folder(demo_made_once: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(demo_made_once, tmp_path / "data"))


@pytest.fixture
def cfg_of(folder: Path) -> config.Config:
    return config.resolve(folder)


def db_path(folder: Path) -> Path:
    return folder / config.DATABASE_FILENAME


def query(path: Path, sql: str, *args) -> list[tuple]:
    con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def backup_of(folder: Path, at: datetime = FIXED_NOW) -> backups.Backup:
    return backups.make_backup(db_path(folder), folder / "backups", now=at)


def work_after_the_backup(cfg: config.Config) -> dict[str, str]:
    """A customer, a call, goods taken in, a repair card, a contract, a hand-typed customer
    code, and a change to a call the backup has: what a day's work after the backup adds."""
    clock.freeze(LATER)
    database = open_database(cfg)
    try:
        with database.Session.begin() as s:
            customer = customers.create_customer(s, name="晚来客户")
            product = customers.add_product(s, customer.id, model="理光 MP 2014", serial_no="SN-LATER")
            call = calls.register_call(s, customer_id=customer.id, product_id=product.id, received_at=LATER, fault="卡纸")
            entry = goods.take_in(s, customer_id=customer.id, product_id=product.id, taken_in_at=LATER)
            card = repairs.open_card(s, opened_at=LATER, goods_entry_id=entry.id)
            contract = contracts.create_contract(s, customer_id=customer.id, product_ids=[product.id],
                                                 start_date=LATER.date(), end_date=LATER.date() + timedelta(days=364),
                                                 fee="1200")
            typed = customers.create_customer(s, name="手填编号客户", code="YH00090")
            changed = s.scalars(select(ServiceCall).where(ServiceCall.status == "registered").order_by(ServiceCall.id)).first()
            calls.update_call(s, changed.id, {"phone": "13900000000"})
            made = {"customer": customer.code, "call": call.call_no, "receipt": entry.receipt_no, "card": card.card_no,
                    "contract": contract.contract_no, "typed": typed.code, "changed": changed.call_no}
    finally:
        database.dispose()
    return made


def unchanged(folder: Path):
    """A fingerprint of the data folder: every file's name and content."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != config.LOG_FILENAME}


def test_restore_puts_the_backup_back_and_lists_and_counts_past_what_came_after(folder, cfg_of):
    made = backup_of(folder)
    later = work_after_the_backup(cfg_of)
    before = query(db_path(folder), "SELECT count(*) FROM service_call")[0][0]

    result = restore.restore(cfg_of, made.path, by=auth.LoggedIn(1, "管理员", "admin", "admin", False))

    # the backup's rows are back; the later ones are not, and are listed
    live = db_path(folder)
    assert query(live, "SELECT count(*) FROM service_call")[0][0] == made.counts["service_call"] == before - 1
    for table, column, number in (("service_call", "call_no", later["call"]), ("goods_entry", "receipt_no", later["receipt"]),
                                  ("repair_card", "card_no", later["card"]), ("customer", "code", later["customer"])):
        assert query(live, f"SELECT count(*) FROM {table} WHERE {column} = ?", number)[0][0] == 0
    listed = {(m.kind, m.number) for m in result.absent}
    assert {("service_call", later["call"]), ("goods_entry", later["receipt"]), ("repair_card", later["card"]),
            ("maintenance_contract", later["contract"]), ("customer", later["customer"]),
            ("customer", later["typed"])} <= listed
    assert [m.number for m in result.changed] == [later["changed"]]
    # the set-aside database is whole and holds the later work
    assert result.set_aside.parent == folder / "backups" / "replaced" and result.compared
    assert query(result.set_aside, "PRAGMA integrity_check") == [("ok",)]
    assert query(result.set_aside, "SELECT count(*) FROM service_call WHERE call_no = ?", later["call"]) == [(1,)]
    assert not list(folder.glob(".restore-*")) and not list(folder.glob("*-wal"))
    text = result.missing_file.read_text(encoding="utf-8-sig")
    assert all(later[key] in text for key in ("call", "receipt", "card", "contract", "customer", "changed"))
    assert "\n".join(result.missing_lines()) in result.describe()

    # numbers already issued are never issued again
    clock.freeze(LATER + timedelta(minutes=5))
    database = open_database(cfg_of)
    try:
        with database.Session.begin() as s:
            customer = s.scalars(select(Customer).order_by(Customer.id)).first()
            call = calls.register_call(s, customer_id=customer.id, received_at=LATER, fault="不能打印")
            entry = goods.take_in(s, customer_id=customer.id, taken_in_at=LATER)
            card = repairs.open_card(s, opened_at=LATER, goods_entry_id=entry.id)
            code = customers.create_customer(s, name="恢复后客户").code
            numbers = (call.call_no, entry.receipt_no, card.card_no, code)
        # audited, and the chain verifies
        with database.read_session() as s:
            line = s.scalars(select(AuditEntry).where(AuditEntry.action == "restore")).one()
            assert line.login == "admin" and line.target_type == "database"
            detail = json.loads(line.detail)
            assert detail["backup"] == str(made.path) and detail["set_aside"] == str(result.set_aside)
            assert detail["missing"] == len(result.missing)
            assert s.scalar(select(ServiceCall.call_no).where(ServiceCall.call_no == later["call"])) is None
            assert s.scalar(select(GoodsEntry.id).where(GoodsEntry.receipt_no == later["receipt"])) is None
            assert s.scalar(select(RepairCard.id).where(RepairCard.card_no == later["card"])) is None
    finally:
        database.dispose()
    assert numbers[0] > later["call"] and numbers[1] > later["receipt"] and numbers[2] > later["card"]
    assert numbers[3] == "YH00091"  # past the hand-typed code too, which no counter had counted
    raised = {c.rule for c in result.counters}
    assert {"service_call", "goods_receipt", "repair_card", "maintenance_contract", "customer_code.end_user"} <= raised

    # undone by restoring the set-aside database: the work after the restore is listed in turn
    undone = restore.restore(cfg_of, result.set_aside)
    assert query(live, "SELECT count(*) FROM service_call WHERE call_no = ?", later["call"]) == [(1,)]
    assert ("service_call", numbers[0]) in {(m.kind, m.number) for m in undone.absent}


def test_a_damaged_or_changed_backup_is_refused_and_nothing_changes(folder, cfg_of):
    made = backup_of(folder)
    work_after_the_backup(cfg_of)
    manifest = json.loads(made.manifest_path.read_text(encoding="utf-8"))
    # a backup whose bytes are no longer its manifest's
    changed = folder / "backups" / made.path.name.replace(".sqlite3", "-1.sqlite3")  # not a backup's name: no manifest
    manifest["sha256"] = "0" * 64
    made.manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    fingerprint = unchanged(folder)
    with pytest.raises(UserError) as mismatch:
        restore.restore(cfg_of, made.path)
    assert "SHA-256" in mismatch.value.render() and unchanged(folder) == fingerprint
    # a damaged one without manifest
    shutil.copyfile(made.path, changed)
    with open(changed, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        for offset in range(8192, size, 4096):
            f.seek(offset)
            f.write(os.urandom(512))
    fingerprint = unchanged(folder)
    with pytest.raises(UserError) as damaged:
        restore.restore(cfg_of, changed)
    assert "damaged" in damaged.value.render() and unchanged(folder) == fingerprint
    assert not (folder / "backups" / "replaced").exists()
    # cancelled while copying
    made.manifest_path.unlink()
    fingerprint = unchanged(folder)
    with pytest.raises(Cancelled):
        restore.restore(cfg_of, made.path, progress=lambda done, total: False)
    assert unchanged(folder) == fingerprint


def test_the_command_restores_in_chinese_and_refuses_with_exit_2(folder, cfg_of, tmp_path):
    made = backup_of(folder)
    later = work_after_the_backup(cfg_of)
    not_sqlite = tmp_path / "照片.sqlite3"
    not_sqlite.write_bytes(b"\xff\xd8\xff\xe0 not a database" * 100)
    newer = tmp_path / "newer.sqlite3"
    shutil.copyfile(made.path, newer)
    con = sqlite3.connect(newer)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    fingerprint = unchanged(folder)
    for refused_file, words in ((not_sqlite, "SQLite"), (newer, "新版本"), (tmp_path / "nothing.sqlite3", "没有")):
        refused = run("restore", str(refused_file), "--data-dir", str(folder))
        assert refused.returncode == 2, refused.stderr
        assert words in refused.stderr and "Traceback" not in refused.stderr
        assert unchanged(folder) == fingerprint
    wrong = run("restore", str(made.path), "--data-dir", str(folder), env={"CRM_DESKTOP_PASSWORD": "wrong-password"})
    assert wrong.returncode == 2 and "密码" in wrong.stderr and unchanged(folder) == fingerprint

    done = run("restore", str(made.path), "--data-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert "已从备份" in done.stdout and "另存" in done.stdout and later["call"] in done.stdout
    assert "重新录入" in done.stdout and done.stderr == ""
    log = (folder / config.LOG_FILENAME).read_text(encoding="utf-8")
    assert "audit chain: begins anew" in log
    verify = run("audit", "verify", "--data-dir", str(folder))
    assert verify.returncode == 0, verify.stderr
    assert query(db_path(folder), "SELECT login FROM audit_log WHERE action = 'restore'") == [("admin",)]


def test_a_damaged_or_missing_database_is_set_aside_as_it_is_with_a_warning(folder, cfg_of):
    made = backup_of(folder)
    live = db_path(folder)
    with open(live, "r+b") as f:
        size = f.seek(0, os.SEEK_END)
        for offset in range(8192, size, 4096):
            f.seek(offset)
            f.write(os.urandom(512))
    damaged = hashlib.sha256(live.read_bytes()).hexdigest()
    result = restore.restore(cfg_of, made.path)
    assert not result.compared and result.missing_file is None and result.counters == []
    assert hashlib.sha256(result.set_aside.read_bytes()).hexdigest() == damaged  # as it was, byte for byte
    assert result.warnings() and "WARNING" in result.describe()
    assert query(live, "PRAGMA integrity_check") == [("ok",)]

    live.unlink()
    result = restore.restore(cfg_of, made.path)
    assert result.set_aside is None and not result.warnings() and live.exists()


def test_a_database_open_in_another_program_is_not_replaced(folder, cfg_of):
    made = backup_of(folder)
    database = open_database(cfg_of)
    try:
        with database.read_session() as s:  # another window reading
            s.scalar(select(Customer.id).limit(1))
            with pytest.raises(UserError) as refused:
                restore.restore(cfg_of, made.path)
    finally:
        database.dispose()
    assert "close it" in refused.value.render() and not (folder / "backups" / "replaced").exists()


def test_a_backup_of_an_older_schema_is_upgraded(tmp_path):
    old_revision = KNOWN_REVISIONS[-2]
    old = tmp_path / "old" / "crm_desktop-2026-01-05-180000.sqlite3"
    old.parent.mkdir()
    engine = make_engine(config.sqlite_url(old))
    upgrade(engine, old_revision)
    engine.dispose()
    cfg = config.resolve(tmp_path / "data")
    result = restore.restore(cfg, old)
    assert result.schema_before == old_revision and result.schema == HEAD and result.set_aside is None
    assert query(cfg.sqlite_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    database = open_database(cfg)
    try:
        with database.read_session() as s:
            assert s.scalar(select(AuditEntry.action).order_by(AuditEntry.id.desc())) == "restore"
    finally:
        database.dispose()


def test_audit_verify_holds_after_restoring_an_older_backup_than_the_newest(folder, cfg_of):
    """The newer backup's manifest holds a link of the chain the restore replaced: once the
    restored chain is longer than that, ``audit verify`` must not call it rewritten."""
    database = open_database(cfg_of)
    try:
        with database.Session.begin() as s:
            auth.audit(s, "print", login="admin")
    finally:
        database.dispose()
    older = backup_of(folder)
    database = open_database(cfg_of)
    try:
        for _ in range(3):
            with database.Session.begin() as s:
                auth.audit(s, "export", login="admin")
    finally:
        database.dispose()
    newer = backup_of(folder, FIXED_NOW + timedelta(minutes=1))
    clock.freeze(FIXED_NOW + timedelta(minutes=2))
    restore.restore(cfg_of, older.path)
    database = open_database(cfg_of)
    try:
        for _ in range(6):  # the restored chain grows past the newer backup's newest line
            with database.Session.begin() as s:
                auth.audit(s, "print", login="admin")
        with database.read_session() as s:
            assert audit_chain_length(s) > newer.audit_newest[0]
        user = auth.log_in(database, "admin", "admin123")
        found = audit_log.check_chain(database, user, None, backups_dir=folder / "backups")
    finally:
        database.dispose()
    assert found.intact, found


def audit_chain_length(session) -> int:
    from crm_desktop.services import audit_chain

    return audit_chain.last_link(session)[0]
