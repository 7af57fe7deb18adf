"""Headless commands on a console or file that cannot write Chinese (issue 14 item 5):
``crm-desktop demo > out.txt`` on a Western Windows (code page cp1252) wrote its data and then
crashed with UnicodeEncodeError on its Chinese summary. crm_desktop/console.py says what each
kind of output gets instead."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crm_desktop import cli, console

from .cli_runner import AS_ADMIN, _close_the_commands_log


class Cp1252Output(io.TextIOWrapper):
    """sys.stdout as Python makes it for a redirected file on a Western Windows."""

    def __init__(self, terminal: bool = False) -> None:
        self.raw_bytes = io.BytesIO()
        super().__init__(self.raw_bytes, encoding="cp1252", errors="strict", line_buffering=True)
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal

    def written(self) -> bytes:
        self.flush()
        return self.raw_bytes.getvalue()


def run_on(out: Cp1252Output, err: Cp1252Output, *args: str) -> int:
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return cli.main(list(args))
        finally:
            _close_the_commands_log()


@pytest.fixture
def no_io_encoding(monkeypatch):
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    for name, value in AS_ADMIN.items():
        monkeypatch.setenv(name, value)


def test_demo_redirected_to_a_cp1252_file_writes_its_data_and_its_summary_in_utf8(tmp_path, no_io_encoding):
    out, err = Cp1252Output(), Cp1252Output()
    code = run_on(out, err, "demo", "--calls", "3", "--data-dir", str(tmp_path / "d"))
    assert code == 0, err.written()
    assert (tmp_path / "d" / "crm_desktop.sqlite3").stat().st_size > 0
    summary = out.written().decode("utf-8")  # the file keeps the Chinese text
    assert "演示数据" in summary, summary
    assert out.encoding == "utf-8" and err.encoding == "utf-8"


def test_a_console_that_cannot_show_chinese_gets_question_marks_not_a_crash(tmp_path, no_io_encoding):
    out, err = Cp1252Output(terminal=True), Cp1252Output(terminal=True)
    code = run_on(out, err, "demo", "--calls", "3", "--data-dir", str(tmp_path / "d"))
    assert code == 0, err.written()
    assert out.encoding == "cp1252"  # the console's own code page: UTF-8 bytes would show as garbage
    text = out.written().decode("cp1252")
    assert "?" in text and "3" in text


def test_an_encoding_asked_for_with_pythonioencoding_is_kept_and_replaced(tmp_path, no_io_encoding, monkeypatch):
    monkeypatch.setenv("PYTHONIOENCODING", "cp1252")
    out, err = Cp1252Output(), Cp1252Output()
    code = run_on(out, err, "backup", "--data-dir", str(tmp_path / "数据 文件夹"))
    assert code == 0, err.written()
    assert out.encoding == "cp1252"
    assert "?? ???" in out.written().decode("cp1252")  # the folder's name, replaced


def test_a_refusal_on_stderr_does_not_crash_either(tmp_path, no_io_encoding):
    out, err = Cp1252Output(terminal=True), Cp1252Output(terminal=True)
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "crm_desktop.sqlite3").write_text("不是数据库\n" * 20, encoding="utf-8")
    assert run_on(out, err, "backup", "--data-dir", str(folder)) == 2
    assert err.written()


def test_what_is_left_alone():
    utf8 = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    gbk = io.TextIOWrapper(io.BytesIO(), encoding="gbk")
    assert console.make_safe(utf8) == "utf-8" and utf8.errors == "strict"
    assert console.make_safe(gbk) == "gbk" and gbk.errors == "replace"  # a character GBK lacks: ?
    assert console.make_safe(None) is None  # the windowed Windows build has no sys.stdout
    assert console.make_safe(io.StringIO()) is None


@pytest.mark.slow  # a real process
def test_a_real_process_with_a_cp1252_output_exits_0(tmp_path):
    folder = tmp_path / "用户 数据"
    env = {**os.environ, **AS_ADMIN, "PYTHONIOENCODING": "cp1252", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "crm_desktop", "demo", "--calls", "3", "--data-dir", str(folder)],
                            capture_output=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr.decode("cp1252", "replace")
    assert Path(folder, "crm_desktop.sqlite3").stat().st_size > 0
    assert b"?" in result.stdout and b"Traceback" not in result.stderr
