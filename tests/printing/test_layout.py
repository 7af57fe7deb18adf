"""Layouts are data (forms/*.toml): each shipped one is valid for its form, a branch's copy
in the data folder's forms/ overrides it, and a mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_desktop import paths
from crm_desktop.printing import LayoutError, forms, load_layout
from crm_desktop.printing.layout import PAGE_FIELDS

SHIPPED = paths.forms_dir()


@pytest.mark.parametrize("form", sorted(forms.FORMS))
def test_every_form_has_a_valid_shipped_layout_carrying_the_branch(form):
    layout = load_layout(form)
    assert Path(layout.file).parent == SHIPPED
    used = set().union(*(e.fields_used() for e in layout.elements))
    assert {"branch_name", "branch_address", "branch_phone"} <= used, "every form carries the branch"
    assert used <= forms.FORMS[form].all_fields | set(PAGE_FIELDS)


def test_a_layout_in_the_data_folder_overrides_the_shipped_one(tmp_path):
    own = tmp_path / "forms"
    own.mkdir()
    text = (SHIPPED / "repair_card.toml").read_text(encoding="utf-8").replace('text = "修 理 卡"', 'text = "维修标签"')
    (own / "repair_card.toml").write_text(text, encoding="utf-8")
    layout = load_layout("repair_card", own)
    assert layout.file == str(own / "repair_card.toml")
    assert any(e.text == "维修标签" for e in layout.elements)
    assert load_layout("goods_receipt", own).file == str(SHIPPED / "goods_receipt.toml")  # others stay shipped


def _broken(tmp_path: Path, old: str, new: str, form: str = "repair_card") -> LayoutError:
    own = tmp_path / "forms"
    own.mkdir(exist_ok=True)
    text = (SHIPPED / f"{form}.toml").read_text(encoding="utf-8")
    assert old in text
    (own / f"{form}.toml").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(LayoutError) as caught:
        load_layout(form, own)
    assert caught.value.file == str(own / f"{form}.toml")
    return caught.value


def test_a_toml_syntax_error_names_the_file_and_the_line(tmp_path):
    error = _broken(tmp_path, "[form]", "[form")
    assert error.key is None
    assert "repair_card.toml" in str(error) and "line" in str(error)


def test_a_misspelt_key_is_named(tmp_path):
    error = _broken(tmp_path, 'label_width = 10\nfield = "card_no"', 'label_widht = 10\nfield = "card_no"')
    assert error.key == "elements[6].label_widht"
    assert "unknown key" in str(error)


def test_a_word_where_a_number_belongs_is_named(tmp_path):
    error = _broken(tmp_path, "y = 18\nsize = 19", 'y = "18mm"\nsize = 19')
    assert error.key == "elements[5].y" and "'18mm'" in str(error)


def test_a_field_the_form_does_not_have_is_named(tmp_path):
    error = _broken(tmp_path, 'field = "serial_no"', 'field = "serial_number"')
    assert error.key.startswith("elements[") and "'serial_number'" in str(error)


def test_a_box_off_the_page_is_named(tmp_path):
    error = _broken(tmp_path, "x = 45\ny = 43\nw = 45", "x = 45\ny = 43\nw = 55")
    assert error.key.endswith(".w") and "printable width" in str(error)


def test_columns_wider_than_their_table_are_refused(tmp_path):
    error = _broken(tmp_path, 'header = "零件名称", width = 32', 'header = "零件名称", width = 62')
    assert error.key.endswith(".columns") and "wider" in str(error)


def test_an_unbalanced_brace_in_a_text_is_named(tmp_path):
    error = _broken(tmp_path, 'text = "{branch_address}"', 'text = "{branch_address"')
    assert error.key.endswith(".text")


def test_a_missing_layout_file_is_reported(tmp_path, monkeypatch):
    empty = tmp_path / "shipped"
    empty.mkdir()
    monkeypatch.setattr(paths, "forms_dir", lambda: empty)
    with pytest.raises(LayoutError) as caught:
        load_layout("repair_card", tmp_path / "none")
    assert "does not exist" in str(caught.value)


def test_the_message_is_in_chinese_for_the_clerk(tmp_path, qapp):
    from PySide6.QtCore import QCoreApplication

    from crm_desktop.app import install_translations

    translators = install_translations(qapp)  # kept: the translators must stay alive
    error = _broken(tmp_path, "y = 18\nsize = 19", 'y = "18mm"\nsize = 19')
    text = error.render(QCoreApplication.translate)
    assert "版式" in text and "elements[5].y" in text and "数字" in text, text
    assert translators  # held until here: a collected translator translates nothing
