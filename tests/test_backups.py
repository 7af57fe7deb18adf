"""X1: backups that can be trusted (issue 15, item 2): a checked copy with its manifest,
never a damaged copy in place of a good one, 30 days and 12 month-ends kept, a second
folder, nothing partial left behind."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from crm_desktop import backups
from crm_desktop.errors import UserError
from crm_desktop.migrations.revisions import HEAD
from crm_desktop.progress import Cancelled
from crm_desktop.services import auth

NOW = datetime(2026, 12, 7, 10, 30, 5)


def only_backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_backup_is_checked_and_described_in_its_manifest(database, cfg):
    with database.Session.begin() as s:
        auth.audit(s, "print", login="qian")
    database.dispose()
    made = backups.make_backup(cfg.sqlite_path, cfg.backups_dir, now=NOW)
    assert made.path.name == "crm_desktop-2026-12-07-103005.sqlite3" and made.verified
    assert only_backups(cfg.backups_dir) == [made.path.name, made.path.name + ".json"]
    manifest = json.loads(made.manifest_path.read_text(encoding="utf-8"))
    assert manifest["check"] == "integrity_check" and manifest["result"] == "ok" and manifest["schema"] == HEAD
    assert manifest["counts"]["audit_log"] == 1 and manifest["counts"]["service_call"] == 0
    assert manifest["audit_newest"][0] == 1 and len(manifest["audit_newest"][1]) == 64
    assert len(manifest["sha256"]) == 64 and manifest["size"] == made.path.stat().st_size
    con = sqlite3.connect(made.path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    again = backups.read(made.path)
    assert again.verified and again.counts == made.counts and backups.audit_anchors(cfg.backups_dir) == [
        tuple(manifest["audit_newest"])]


def test_a_damaged_database_never_replaces_nor_pushes_out_a_good_backup(database, cfg):
    database.dispose()
    good = backups.make_backup(cfg.sqlite_path, cfg.backups_dir, now=NOW)
    with open(cfg.sqlite_path, "r+b") as f:  # random bytes over the pages after the first
        size = f.seek(0, os.SEEK_END)
        for offset in range(8192, size, 4096):
            f.seek(offset)
            f.write(os.urandom(512))
    with pytest.raises(UserError) as refused:
        backups.make_backup(cfg.sqlite_path, cfg.backups_dir, now=NOW + timedelta(days=1))
    text = refused.value.render()
    assert "FAILED" in text and good.path.name in text  # loud, and it names the backup to restore
    assert only_backups(cfg.backups_dir) == [good.path.name, good.path.name + ".json"]
    assert backups.latest_good(cfg.backups_dir).path == good.path


def test_thirty_days_and_twelve_month_ends_are_kept(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    today = date(2026, 12, 7)
    for days_ago in range(0, 500, 1):
        made = datetime.combine(today - timedelta(days=days_ago), datetime.min.time()) + timedelta(hours=18)
        path = folder / f"crm_desktop-{made:%Y-%m-%d-%H%M%S}.sqlite3"
        path.write_bytes(b"x")
        backups.manifest_of(path).write_text(json.dumps({"check": "integrity_check", "result": "ok"}))
    backups.prune(folder, "crm_desktop", today)
    kept = sorted(b.made_at.date() for b in backups.list_backups(folder))
    recent = [d for d in kept if d >= today - timedelta(days=29)]
    older = [d for d in kept if d < today - timedelta(days=29)]
    assert len(recent) == 30
    assert older == sorted({date(y, m, 1) + timedelta(days=32) - timedelta(days=(date(y, m, 1) + timedelta(days=32)).day)
                            for y, m in [(2026, 1), (2026, 2), (2026, 3), (2026, 4), (2026, 5), (2026, 6), (2026, 7),
                                         (2026, 8), (2026, 9), (2026, 10)]})  # the month-ends before the 30 days
    assert len({(d.year, d.month) for d in kept}) == 12
    assert not [p for p in folder.glob("*.json") if not p.with_name(p.name[:-5]).exists()]  # manifests go with them


def test_a_killed_backups_leftovers_are_removed_by_the_next_one_but_not_a_running_ones(database, cfg):
    database.dispose()
    cfg.backups_dir.mkdir(parents=True, exist_ok=True)
    stale = cfg.backups_dir / ".crm_desktop-2026-12-06-180000.sqlite3.partial"
    running = cfg.backups_dir / ".crm_desktop-2026-12-07-103000.sqlite3.partial"
    stale.write_bytes(b"half")
    running.write_bytes(b"half")
    old = time.time() - 7 * 3600
    os.utime(stale, (old, old))
    made = backups.make_backup(cfg.sqlite_path, cfg.backups_dir, now=NOW)
    assert not stale.exists() and running.exists() and made.verified


def test_cancelled_leaves_nothing(database, cfg):
    database.dispose()
    with pytest.raises(Cancelled):
        backups.make_backup(cfg.sqlite_path, cfg.backups_dir, now=NOW, progress=lambda done, total: False)
    assert only_backups(cfg.backups_dir) == []


def test_the_verified_copy_also_goes_to_a_second_folder(database, cfg, tmp_path):
    database.dispose()
    usb = tmp_path / "U盘 备份"
    made = backups.make_backup(cfg.sqlite_path, cfg.backups_dir, now=NOW, second_folder=usb)
    assert only_backups(usb) == [made.path.name, made.path.name + ".json"]
    assert backups.read(usb / made.path.name).verified


def test_the_copy_is_one_snapshot_while_the_window_saves(database, cfg, monkeypatch):
    """The backup runs in the background while the window saves. SQLite's backup API starts
    its copy again from the first page whenever another connection commits between two of
    its steps — on the 1M-call database with a save every 2 s it did 24 times over
    (benchmarks/bench_backup.py) — unless its source holds one read transaction throughout
    (under WAL no writer waits for it). So the copy is the database as it was when the
    backup began, and its progress never goes back."""
    from crm_desktop.models import Staff

    with database.Session.begin() as s:
        s.add_all(Staff(name=f"员工{i}", role="clerk") for i in range(200))
    monkeypatch.setattr(backups, "PAGES_A_STEP", 1)
    done: list[int] = []

    def saving(copied: int, total: int) -> None:
        done.append(copied)
        if len(done) <= 3:  # the clerk saves meanwhile
            with database.Session.begin() as s:
                s.add(Staff(name=f"新员工{len(done)}", role="clerk"))

    con = sqlite3.connect(cfg.sqlite_path)
    before = con.execute("SELECT count(*) FROM staff").fetchone()[0]
    con.close()
    made = backups.make_backup(cfg.sqlite_path, cfg.backups_dir, now=NOW, progress=saving)
    assert len(done) > 3 and done == sorted(done)
    assert made.verified and made.counts["staff"] == before
