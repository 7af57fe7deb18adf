"""The one save dialog (views/save_dialog): the folder used last, a folder that vanished,
the suffix the clerk left out, a name Windows would refuse. The settings are the tests'
own (tests/conftest.py), never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from crm_desktop.views import save_dialog
from crm_desktop.views.save_dialog import EXPORT_FOLDER_KEY, PDF_FOLDER_KEY, ask_save_path

EXCEL = "Excel 工作簿 (*.xlsx)"


class Answers:
    """QFileDialog.getSaveFileName's stand-in: answers in turn, remembers where it opened."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.opened_at: list[Path] = []

    def __call__(self, parent, caption, start, file_filter, *args, **kwargs):
        self.opened_at.append(Path(start))
        return self.answers.pop(0), file_filter


@pytest.fixture(autouse=True)
def _no_folder_remembered():
    for key in (EXPORT_FOLDER_KEY, PDF_FOLDER_KEY):
        QSettings().remove(key)
    yield
    for key in (EXPORT_FOLDER_KEY, PDF_FOLDER_KEY):
        QSettings().remove(key)


def answer(monkeypatch, *answers: str) -> Answers:
    dialog = Answers(*answers)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    return dialog


def test_the_folder_chosen_is_offered_next_time(app, tmp_path, monkeypatch):
    folder = tmp_path / "月报"
    folder.mkdir()
    dialog = answer(monkeypatch, str(folder / "十月.xlsx"), str(folder / "十一月.xlsx"))
    assert ask_save_path(None, "保存", "十月.xlsx", EXCEL) == folder / "十月.xlsx"
    assert QSettings().value(EXPORT_FOLDER_KEY) == str(folder)
    ask_save_path(None, "保存", "十一月.xlsx", EXCEL)
    assert dialog.opened_at[1] == folder / "十一月.xlsx"


def test_the_first_time_and_after_the_folder_vanished_it_opens_in_documents(app, tmp_path, monkeypatch):
    documents = save_dialog.documents_folder()
    program = Path(save_dialog.__file__).resolve().parents[2]
    dialog = answer(monkeypatch, "", "")
    assert ask_save_path(None, "保存", "a.xlsx", EXCEL) is None  # the clerk cancelled: nothing remembered
    assert dialog.opened_at[0] == documents / "a.xlsx"
    assert QSettings().value(EXPORT_FOLDER_KEY) is None
    gone = tmp_path / "U盘"  # a USB stick taken out since
    QSettings().setValue(EXPORT_FOLDER_KEY, str(gone))
    ask_save_path(None, "保存", "a.xlsx", EXCEL)
    assert dialog.opened_at[1] == documents / "a.xlsx"
    assert program not in dialog.opened_at[1].parents  # never the program's own folder


def test_the_suffix_is_added_when_the_clerk_left_it_out(app, tmp_path, monkeypatch):
    answer(monkeypatch, str(tmp_path / "报表"), str(tmp_path / "报表.XLSX"), str(tmp_path / "修理卡.pdf"))
    assert ask_save_path(None, "保存", "报表.xlsx", EXCEL) == tmp_path / "报表.xlsx"
    assert ask_save_path(None, "保存", "报表.xlsx", EXCEL) == tmp_path / "报表.XLSX"  # already there, any case
    assert ask_save_path(None, "保存", "修理卡.pdf", "PDF 文件 (*.pdf)", key=PDF_FOLDER_KEY) == tmp_path / "修理卡.pdf"
    assert QSettings().value(PDF_FOLDER_KEY) == str(tmp_path)  # each kind of file keeps its own folder


def test_a_folder_typed_that_does_not_exist_is_not_remembered(app, tmp_path, monkeypatch):
    answer(monkeypatch, str(tmp_path / "missing" / "a.xlsx"))
    assert ask_save_path(None, "保存", "a.xlsx", EXCEL) == tmp_path / "missing" / "a.xlsx"
    assert QSettings().value(EXPORT_FOLDER_KEY) is None


def test_a_given_folder_comes_first_and_the_suggested_name_is_made_valid(app, tmp_path, monkeypatch):
    sheet_folder = tmp_path / "客户名单"
    sheet_folder.mkdir()
    QSettings().setValue(EXPORT_FOLDER_KEY, str(tmp_path))
    dialog = answer(monkeypatch, "")
    ask_save_path(None, "保存", 'JX/001: "卡纸"?.xlsx', EXCEL, folder=sheet_folder)
    assert dialog.opened_at[0] == sheet_folder / "JX_001_ _卡纸__.xlsx"
