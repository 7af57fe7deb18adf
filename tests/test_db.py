"""The database file: created by migrations, refused when foreign or newer, backed up
before an upgrade, opened without Alembic when current."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop import config as config_mod
from crm_desktop import paths
from crm_desktop.db import open_database
from crm_desktop.errors import DatabaseRefused
from crm_desktop.migrations.revisions import HEAD, KNOWN_REVISIONS


def test_new_database_is_created_at_head_with_pragmas(cfg):
    db = open_database(cfg)
    try:
        assert db.is_empty_on_open
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL: a commit survives a power cut
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
    finally:
        db.dispose()
    again = open_database(cfg)
    assert not again.is_empty_on_open
    again.dispose()


def test_known_revisions_match_the_migration_scripts():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(paths.migrations_dir()))
    assert scripts.get_heads() == [HEAD]
    chain = [s.revision for s in scripts.walk_revisions()][::-1]
    assert tuple(chain) == KNOWN_REVISIONS


def test_start_up_on_a_current_database_does_not_import_alembic(cfg):
    open_database(cfg).dispose()
    code = (
        "import sys; from crm_desktop import config, db; "
        f"d = db.open_database(config.resolve({str(cfg.data_dir)!r})); d.dispose(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _snapshot(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_sqlite_is_refused_untouched(cfg):
    path = cfg.sqlite_path
    path.write_bytes("客户资料，不是数据库".encode() * 100)
    before = _snapshot(path)
    with pytest.raises(DatabaseRefused) as info:
        open_database(cfg)
    assert "not a SQLite file" in str(info.value)
    assert _snapshot(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_another_programs_sqlite_file_is_refused_untouched(cfg):
    path = cfg.sqlite_path
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    con.commit()
    con.close()
    before = _snapshot(path)
    with pytest.raises(DatabaseRefused) as info:
        open_database(cfg)
    assert "another program" in str(info.value)
    assert _snapshot(path) == before
    with open(path, "rb") as f:  # still rollback-journal mode: no pragma wrote to it
        header = f.read(20)
    assert header[18:20] == b"\x01\x01"


def test_a_database_from_a_newer_version_is_refused_untouched(cfg):
    open_database(cfg).dispose()
    path = cfg.sqlite_path
    con = sqlite3.connect(path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    before = _snapshot(path)
    with pytest.raises(DatabaseRefused) as info:
        open_database(cfg)
    assert "newer version" in str(info.value)
    assert "9999" in info.value.render()
    assert _snapshot(path) == before


def test_an_older_database_is_backed_up_then_upgraded(cfg):
    """A database at the first revision, as an older program left it, with a call in it."""
    from crm_desktop.db import make_engine, upgrade

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO staff (name, role, active) VALUES ('赵技师', 'technician', 1)")
    engine.dispose()
    db = open_database(cfg)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == HEAD
            assert conn.exec_driver_sql("SELECT name FROM staff").scalar() == "赵技师"
            assert conn.exec_driver_sql("SELECT count(*) FROM holiday WHERE year = 2026").scalar() > 20
    finally:
        db.dispose()
    backups = list(cfg.backups_dir.glob("*.sqlite3"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert con.execute("SELECT name FROM staff").fetchone() == ("赵技师",)
    con.close()


def test_a_new_database_is_not_backed_up(cfg):
    open_database(cfg).dispose()
    assert not cfg.backups_dir.exists() or not list(cfg.backups_dir.glob("*.sqlite3"))


def test_database_url_environment_variable_wins(data_dir, monkeypatch, tmp_path):
    other = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv(config_mod.DATABASE_URL_ENV, config_mod.sqlite_url(other))
    cfg = config_mod.resolve()
    assert cfg.data_dir == data_dir.resolve()
    open_database(cfg).dispose()
    assert other.exists()
    assert not (data_dir / config_mod.DATABASE_FILENAME).exists()


def test_the_models_and_the_migrations_describe_the_same_schema(cfg):
    """A model changed without a migration (or the reverse) is caught here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from crm_desktop.migrations.env_filters import include_name
    from crm_desktop.models import Base

    db = open_database(cfg)
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True, "include_name": include_name})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.dispose()


def test_the_log_file_is_rotated_at_start_when_large(tmp_path):
    log = tmp_path / "crm_desktop.log"
    for generation in range(5):
        log.write_bytes(b"x" * 50 + bytes([48 + generation]))
        config_mod.rotate_log(log, max_bytes=10, keep=3)
    kept = sorted(p.name for p in tmp_path.iterdir())
    assert kept == ["crm_desktop.log.1", "crm_desktop.log.2", "crm_desktop.log.3"]
    assert (tmp_path / "crm_desktop.log.1").read_bytes().endswith(b"4")
    log.write_bytes(b"small")
    config_mod.rotate_log(log, max_bytes=10, keep=3)
    assert log.exists()


def test_a_database_with_calls_keeps_its_search_and_gains_the_process_tables_on_upgrade(cfg):
    """0002 → 0003 adds columns in place: the registers' search triggers must survive, and
    a call registered before the upgrade goes on through the process."""
    from datetime import datetime

    from crm_desktop.db import make_engine, upgrade
    from crm_desktop.services import calls, process
    from crm_desktop.services.registers import REGISTERS, RegisterQuery

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0002")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO staff (id, name, role, active) VALUES (1, '孙主任', 'supervisor', 1), (2, '赵技师', 'technician', 1)")
        conn.exec_driver_sql("INSERT INTO customer (id, name, category, district) VALUES (1, '鼓楼医院', 'end_user', 'urban')")
        conn.exec_driver_sql(
            "INSERT INTO service_call (id, call_no, received_at, channel, customer_id, customer_name, fault, district,"
            " service_kind, status) VALUES (1, 'JX20261116-901', '2026-11-16 09:00:00.000000', 'phone', 1, '鼓楼医院',"
            " '卡纸', 'urban', 'A', 'registered')"
        )
    engine.dispose()
    db = open_database(cfg)
    try:
        def found(term: str) -> int:
            return RegisterQuery(db, REGISTERS["service_call"], search=term).count()

        assert found("鼓楼医院") == 1
        with db.Session.begin() as s:
            call = calls.register_call(s, customer_id=1, received_at=datetime(2026, 11, 16, 10), fault="不能复印")
            process.dispatch(s, 1, 2, datetime(2026, 11, 16, 9, 30), 1)
        assert found("鼓楼医院") == 2 and found("鼓楼") == 2  # trigram and bigram indexes still fed
        with db.Session() as s:
            assert [h.step for h in process.history(s, 1)] == ["dispatch"]  # older calls have no registration line
            assert [h.step for h in process.history(s, call.id)] == ["register"]
    finally:
        db.dispose()


def test_upgrade_to_0007_keeps_the_contracts_and_their_products(cfg):
    """0007 recreates maintenance_contract (batch mode) to add its responsible staff: the
    contract_product rows hang on it with ON DELETE CASCADE and must survive."""
    from crm_desktop.db import make_engine, upgrade

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0006")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO customer (id, name, category, district) VALUES (1, '明达', 'end_user', 'urban')")
        conn.exec_driver_sql("INSERT INTO customer_product (id, customer_id, model) VALUES (1, 1, 'X-200')")
        conn.exec_driver_sql(
            "INSERT INTO maintenance_contract (id, contract_no, customer_id, start_date, end_date, fee) "
            "VALUES (1, 'BY2026-0001', 1, '2026-01-01', '2026-12-31', 1200)")
        conn.exec_driver_sql("INSERT INTO contract_product (contract_id, product_id) VALUES (1, 1)")
    upgrade(engine, "0007")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT contract_id, product_id FROM contract_product").fetchall() == [(1, 1)]
        assert conn.exec_driver_sql("SELECT contract_no, staff_id FROM maintenance_contract").fetchall() == [
            ("BY2026-0001", None)]
    engine.dispose()


def test_upgrade_to_0008_chains_the_existing_audit_lines_and_guards_the_table(cfg):
    """Issue 15, item 7: lines written before the chain get their links, oldest first, and
    from then on the database refuses an insert over an old line."""
    import pytest
    import sqlalchemy
    from sqlalchemy.orm import Session

    from crm_desktop.db import make_engine, upgrade
    from crm_desktop.services import audit_chain

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0007")
    with engine.begin() as conn:
        for n in range(1, 4):
            conn.exec_driver_sql(
                f"INSERT INTO audit_log (id, at, login, action, detail) VALUES ({n}, '2026-11-0{n} 09:00:00.000000', "
                f"'qian', 'print', '{{\"copies\": {n}}}')")
    upgrade(engine, "head")
    with Session(engine) as session:
        report = audit_chain.verify(session)
        assert report.intact and report.lines == 3 and report.newest[0] == 3
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
        with engine.begin() as conn:
            conn.exec_driver_sql("INSERT OR REPLACE INTO audit_log (id, at, action, hash) "
                                 "VALUES (1, '2020-01-01 00:00:00', 'forged', 'x')")
    with pytest.raises(sqlalchemy.exc.DatabaseError, match="append-only"):
        with engine.begin() as conn:
            conn.exec_driver_sql("UPDATE audit_log SET login = 'nobody' WHERE id = 2")
    engine.dispose()


def test_upgrade_to_0011_moves_the_customer_history_into_the_one_change_table(cfg):
    """Issue 17, item 3: the rows of customer_change move into record_change with their ids,
    the archive's history reads them, and customer_change stays as a view for SQLite tools."""
    from sqlalchemy.orm import Session

    from crm_desktop.db import make_engine, upgrade
    from crm_desktop.services import archive

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0009")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO staff (id, name, role, active, created_at, updated_at) "
                             "VALUES (1, '钱文员', 'clerk', 1, '2026-11-01 09:00:00', '2026-11-01 09:00:00')")
        conn.exec_driver_sql("INSERT INTO customer (id, name, category, district, created_at, updated_at) "
                             "VALUES (1, '明达', 'end_user', 'urban', '2026-11-01 09:00:00', '2026-11-01 09:00:00')")
        conn.exec_driver_sql("INSERT INTO customer_change (id, customer_id, field, old_value, new_value, changed_by_id, "
                             "changed_at) VALUES (5, 1, 'phone', '021-1', '021-2', 1, '2026-11-02 10:00:00.000000'), "
                             "(9, 1, 'responsible_staff', NULL, '钱文员', 1, '2026-11-03 10:00:00.000000')")
    upgrade(engine, "head")
    with engine.connect() as conn:
        assert conn.exec_driver_sql(
            "SELECT id, record_type, record_id, field, old_value, new_value, changed_by_id, undoes_id "
            "FROM record_change ORDER BY id").fetchall() == [
            (5, "customer", 1, "phone", "021-1", "021-2", 1, None),
            (9, "customer", 1, "responsible_staff", None, "钱文员", 1, None)]
        assert conn.exec_driver_sql("SELECT id, customer_id, field FROM customer_change ORDER BY id").fetchall() == [
            (5, 1, "phone"), (9, 1, "responsible_staff")]
        assert conn.exec_driver_sql("SELECT type FROM sqlite_master WHERE name = 'customer_change'").scalar() == "view"
    with Session(engine) as session:
        assert [line.id for line in archive.history(session, 1)] == [9, 5]

    from alembic import command
    from alembic.config import Config as AlembicConfig

    from crm_desktop import paths

    alembic_cfg = AlembicConfig()
    alembic_cfg.set_main_option("script_location", str(paths.migrations_dir()))
    with engine.begin() as conn:  # and back: the customers' lines return to their own table
        conn.exec_driver_sql("INSERT INTO record_change (record_type, record_id, field, old_value, new_value, "
                             "changed_at) VALUES ('service_call', 7, 'address', 'a', 'b', '2026-11-04 10:00:00')")
        alembic_cfg.attributes["connection"] = conn
        command.downgrade(alembic_cfg, "0009")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT id, customer_id, field FROM customer_change ORDER BY id").fetchall() == [
            (5, 1, "phone"), (9, 1, "responsible_staff")]
        assert conn.exec_driver_sql("SELECT type FROM sqlite_master WHERE name = 'customer_change'").scalar() == "table"
    engine.dispose()


def test_upgrade_to_0012_keeps_a_longer_old_remark_whole_and_flags_it(cfg):
    """Issue 17, item 4: a database made at 0009 with a 5,000-character remark; after the
    upgrade the remark is whole, flagged, its column has a length, and the search triggers and
    indexes the upgrade never recreated still work."""
    from datetime import datetime

    from crm_desktop.db import make_engine, upgrade
    from crm_desktop.models import ServiceCall
    from crm_desktop.services import calls, lengths
    from crm_desktop.services.registers import REGISTERS, RegisterQuery

    long_remarks = "客户反映机器经常卡纸" * 500
    engine = make_engine(cfg.database_url)
    upgrade(engine, "0009")
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO customer (id, name, category, district, business_scope) "
                             "VALUES (1, '鼓楼医院', 'end_user', 'urban', '医疗')")
        conn.exec_driver_sql(
            "INSERT INTO service_call (id, call_no, received_at, channel, customer_id, customer_name, fault, district,"
            " service_kind, status, remarks) VALUES (1, 'JX20261116-901', '2026-11-16 09:00:00.000000', 'phone', 1,"
            " '鼓楼医院', '卡纸', 'urban', 'A', 'registered', ?)", (long_remarks,))
        triggers_before = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') "
                                               "ORDER BY name").fetchall()
    upgrade(engine, "head")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT remarks FROM service_call").scalar_one() == long_remarks
        assert conn.exec_driver_sql("SELECT table_name, row_id, field, length, max_length FROM text_over_length").fetchall() == [
            ("service_call", 1, "remarks", 5000, 90)]
        declared = {row[1]: row[2] for row in conn.exec_driver_sql("PRAGMA table_info(service_call)")}
        assert declared["remarks"] == "VARCHAR(90)" and declared["fault"] == "VARCHAR(180)"
        after = set(conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'index')").fetchall())
        # every trigger and index there was is there as it was (the later migrations add their own;
        # customer_change's went with its table, which 0011 made a view)
        assert {t for t in triggers_before if t not in after and "customer_change" not in t[0]} == set()
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
    engine.dispose()
    db = open_database(cfg)
    try:
        assert RegisterQuery(db, REGISTERS["service_call"], search="鼓楼医院").count() == 1
        with db.Session.begin() as s:
            calls.register_call(s, customer_id=1, received_at=datetime(2026, 11, 16, 10), fault="不能复印")
        assert RegisterQuery(db, REGISTERS["service_call"], search="鼓楼医院").count() == 2  # triggers still feed the index
        assert RegisterQuery(db, REGISTERS["service_call"], search="鼓楼").count() == 2
        with db.Session() as s:
            assert [(f.field, f.length) for f in lengths.over_length(s, ServiceCall, 1)] == [("remarks", 5000)]
    finally:
        db.dispose()


def test_downgrade_from_0012_gives_the_texts_back_their_unbounded_type(cfg):
    from crm_desktop.db import make_engine, upgrade

    engine = make_engine(cfg.database_url)
    upgrade(engine, "head")
    from alembic import command
    from alembic.config import Config as AlembicConfig

    from crm_desktop import paths

    alembic_cfg = AlembicConfig()
    alembic_cfg.set_main_option("script_location", str(paths.migrations_dir()))
    with engine.begin() as conn:
        alembic_cfg.attributes["connection"] = conn
        command.downgrade(alembic_cfg, "0009")
    with engine.connect() as conn:
        declared = {row[1]: row[2] for row in conn.exec_driver_sql("PRAGMA table_info(service_call)")}
        assert declared["remarks"] == "TEXT" and declared["fault"] == "TEXT"
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'text_over_length'").scalar_one() == 0
    engine.dispose()
