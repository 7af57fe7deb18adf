"""The customer list (客户一览表, I2) on paper: printed for the customer register's filters
(category, district, VIP level, status, responsible staff) and search, from the services and
from the command line, and read back with poppler.

What each filter should list is worked out here from the customers this module makes, not
through the register's query the program uses."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from crm_desktop import config as config_mod
from crm_desktop.db import open_database
from crm_desktop.models import CustomerStaff, Staff
from crm_desktop.models.name_keys import name_keys
from crm_desktop.printing import forms, load_layout, print_customer_list
from crm_desktop.services import branch, customers
from crm_desktop.translation import standalone_translate
from tests.conftest import FIXED_NOW

from ..cli_runner import run
from .test_forms import BRANCH, assert_font_embedded, pdf_text, rendered_pages, squeezed

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm")),
    reason="poppler-utils is installed by `python3 dev.py test`",
)

NOW = FIXED_NOW
TODAY = NOW.date()
HEADERS = ("编号", "名称", "类别", "区域", "VIP", "状态", "联系人", "电话", "地址", "负责人员")


@dataclass(frozen=True)
class Made:
    name: str
    category: str
    district: str
    vip_level: int
    status: str
    contact_person: str = ""
    phone: str = ""
    address: str = ""
    staff: tuple[str, ...] = ()  # responsible now
    staff_before: tuple[str, ...] = ()  # responsible until yesterday
    coded: bool = True


MADE = (
    Made("玄武医院设备科", "end_user", "urban", 2, "active", "王科长", "025-83304616", "南京市中山路321号", staff=("张三",)),
    Made("明达贸易有限公司", "distributor", "suburban", 0, "active", "陈经理", "13912345678", "江宁区天元中路8号", staff=("李四",)),
    Made("鼓楼口腔诊所", "end_user", "suburban", 0, "prospect", phone="025-86201111", address="鼓楼区湖南路16号",
         staff=("李四",), staff_before=("张三",)),
    Made("金陵商业银行", "special", "urban", 3, "inactive", "孙行长", "025-84550000", "秦淮区汉中路1号"),
    Made("江北精密仪器厂", "supplier", "urban", 1, "active", "赵厂长", "025-58880000", "浦口区江浦街道102号",
         staff=("张三", "李四")),
    Made("周晓燕", "end_user", "urban", 0, "active", phone="15850001234", address="建邺区梦都大街50号", coded=False),
)


def make_customers(database) -> tuple[dict[str, int], dict[str, str]]:
    """The customers of MADE with their responsible staff; (staff ids, codes by name)."""
    with database.Session.begin() as s:
        branch.save(s, *BRANCH)
        people = {name: Staff(name=name, role="clerk") for name in ("张三", "李四")}
        s.add_all(people.values())
        s.flush()
        codes = {}
        for m in MADE:
            c = customers.create_customer(
                s, assign_code=m.coded, name=m.name, category=m.category, district=m.district, vip_level=m.vip_level,
                status=m.status, contact_person=m.contact_person or None, phone=m.phone or None, address=m.address or None,
            )
            codes[m.name] = c.code or ""
            # rows rather than the archive's services: what is printed is under test, not how it was recorded
            since = TODAY - timedelta(days=30)
            s.add_all([CustomerStaff(customer_id=c.id, staff_id=people[name].id, since=since) for name in m.staff])
            s.add_all([CustomerStaff(customer_id=c.id, staff_id=people[name].id, since=since, until=TODAY - timedelta(days=1))
                       for name in m.staff_before])
        return {name: p.id for name, p in people.items()}, codes


def searched(m: Made, term: str) -> bool:
    """The register's search keys: code is left out, the terms here never look like one."""
    return any(term in value for value in (m.name, m.phone, m.address, m.contact_person))


# (filters as the register's filter bar gives them, with the staff by name; search; who is listed)
CASES = {
    "everyone": ({}, "", lambda m: True),
    "category": ({"category": "end_user"}, "", lambda m: m.category == "end_user"),
    "district": ({"district": "suburban"}, "", lambda m: m.district == "suburban"),
    "vip level": ({"vip_level": "3"}, "", lambda m: m.vip_level == 3),
    "status": ({"status": "prospect"}, "", lambda m: m.status == "prospect"),
    "responsible staff": ({"staff_id": "张三"}, "", lambda m: "张三" in m.staff),
    "search": ({}, "医院", lambda m: searched(m, "医院")),
    "everything at once": (
        {"category": "end_user", "district": "urban", "staff_id": "张三"}, "中山路",
        lambda m: m.category == "end_user" and m.district == "urban" and "张三" in m.staff and searched(m, "中山路"),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_the_list_has_every_customer_of_its_filter_and_no_other(database, tmp_path, case):
    """I2: the customer list printed for a filter lists exactly the customers the filter
    chooses, says which filter it was printed for, and is in Chinese with the embedded font."""
    staff_ids, _codes = make_customers(database)
    wanted, search, chosen = CASES[case]
    filters = {k: staff_ids[v] if k == "staff_id" else v for k, v in wanted.items()}
    expected = [m for m in MADE if chosen(m)]
    assert expected, case
    translate = standalone_translate()
    out = tmp_path / "list.pdf"
    _pdf, report = print_customer_list(database, filters, search, out, translate=translate, now=NOW)
    assert report.pages == 1 and report.truncated == []
    assert_font_embedded(out)
    text = squeezed(pdf_text(out))
    for m in MADE:
        assert (m.name in text) == (m in expected), (case, m.name)
    for m in expected:
        for value in (m.phone, m.address, m.contact_person):
            assert squeezed(value) in text, (case, value)
    assert "客户一览表" in text and all(h in text for h in HEADERS) and BRANCH[0] in text
    assert f"共{len(expected)}户" in text
    record = forms.customer_list(database, filters, search, translate, NOW)
    assert squeezed(record.fields["filter"]) in text
    assert f"打印时间：{NOW:%Y-%m-%d%H:%M}" in text
    # the filter line names each chosen value as the register shows it, in Chinese
    shown = {"end_user": "最终用户", "urban": "市区", "suburban": "郊区", "3": "VIP三级", "prospect": "潜在客户"}
    for key, value in wanted.items():
        assert squeezed(shown.get(value, value)) in squeezed(record.fields["filter"]), (key, value)
    if search:
        assert search in record.fields["filter"]
    if not wanted and not search:
        assert record.fields["filter"] == forms.ALL_CUSTOMERS.tr(translate)


def test_each_row_shows_the_codes_as_words_and_only_the_staff_responsible_today(database):
    """I2, I10: category, district, VIP level and status in Chinese as on screen; the staff
    whose responsibility ended yesterday is no longer named."""
    _staff, codes = make_customers(database)
    record = forms.customer_list(database, {}, "", standalone_translate(), NOW)
    rows = {row["name"]: row for row in record.tables["customers"]}
    assert set(rows) == {m.name for m in MADE}
    bank = rows["金陵商业银行"]
    assert (bank["category"], bank["district"], bank["vip_level"], bank["status"]) == ("特殊类（顾问、银行、保险等）", "市区", "VIP 三级", "停止往来")
    assert rows["明达贸易有限公司"]["category"] == "经销商" and rows["明达贸易有限公司"]["district"] == "郊区"
    assert rows["周晓燕"]["vip_level"] == "无" and rows["周晓燕"]["code"] == ""
    for m in MADE:
        named = {n for n in re.split(r"[、,]\s*", rows[m.name]["responsible_staff"]) if n}
        assert named == set(m.staff), m.name
        assert rows[m.name]["code"] == codes[m.name]
    assert record.fields["count"] == str(len(MADE))


def test_the_list_runs_by_code_then_name_with_uncoded_customers_last(database, tmp_path):
    """I2: a list to look customers up in is in the order of their codes."""
    _staff, codes = make_customers(database)
    with database.Session.begin() as s:
        customers.create_customer(s, assign_code=False, name="艾玲")  # no code, before 周 in pinyin order (ai, zhou)
    out = tmp_path / "ordered.pdf"
    print_customer_list(database, {}, "", out, now=NOW)
    text = squeezed(pdf_text(out))
    names = [m.name for m in MADE] + ["艾玲"]
    codes["艾玲"] = ""
    expected = sorted(names, key=lambda n: (codes[n] == "", codes[n], name_keys(n).sort))
    assert expected[-2:] == ["艾玲", "周晓燕"]
    positions = [text.index(n) for n in expected]
    assert positions == sorted(positions), expected


def test_a_long_list_breaks_into_pages_with_the_head_repeated_and_the_count_at_the_end(database, tmp_path):
    """I2: 130 customers, some with addresses long enough to wrap, make several A4 landscape
    pages; every page has the title, the filter, the column headers and its number; the
    count closes the last page only."""
    long_address = "江苏省南京市鼓楼区中山北路二百八十一号虹桥中心大厦东塔楼二十七层二七零八室（近地铁四号线鼓楼站三号出口）"
    with database.Session.begin() as s:
        branch.save(s, *BRANCH)
        for i in range(130):
            customers.create_customer(
                s, name=f"长列表客户{i:03d}号", category="distributor" if i % 2 else "end_user",
                phone=f"025-8{i:07d}", address=long_address if i % 10 == 0 else f"玄武区珠江路{i + 1}号",
            )
        customers.create_customer(s, name="不在此类的供应商", category="supplier")
    out = tmp_path / "long.pdf"
    _pdf, report = print_customer_list(database, {}, "", out, now=NOW)
    assert report.pages >= 4 and report.truncated == []
    assert_font_embedded(out)
    everything = squeezed(pdf_text(out))
    assert all(f"长列表客户{i:03d}号" in everything for i in range(130))
    for page in range(1, report.pages + 1):
        text = squeezed(pdf_text(out, "-f", str(page), "-l", str(page)))
        assert "客户一览表" in text and "筛选条件：" in text and all(h in text for h in HEADERS), page
        assert f"第{page}页共{report.pages}页" in text, page
        assert ("共131户" in text) == (page == report.pages), page
        assert ("（接下页）" in text) == (page < report.pages), page
    images = rendered_pages(out, tmp_path)
    assert len(images) == report.pages
    from PIL import Image

    layout = load_layout("customer_list")
    width, height = Image.open(images[0]).size
    assert width > height and abs(width - layout.page_width / 25.4 * 60) <= 2


def test_typed_filter_values_become_the_registers_codes_and_bad_ones_are_refused(database):
    """I2: the command line takes a code or its name, in English or Chinese; anything else is
    refused naming the values that would do."""
    from crm_desktop.errors import UserError

    staff_ids, _codes = make_customers(database)
    translate = standalone_translate()
    with database.read_session() as s:
        chosen = forms.customer_list_filters(
            s, category="最终用户", district="Suburban", vip_level="VIP 三级", status="prospect", staff=" 李四 ",
            translate=translate)
        assert chosen == {"category": "end_user", "district": "suburban", "vip_level": "3", "status": "prospect",
                          "staff_id": staff_ids["李四"]}
        assert forms.customer_list_filters(s, vip_level="0", category="", translate=translate) == {"vip_level": "0"}
        for typed, field_, shown in (
            ({"category": "农民"}, "category", "最终用户"), ({"vip_level": "4"}, "vip_level", "VIP 三级"),
            ({"district": "city"}, "district", "郊区"), ({"status": "closed"}, "status", "往来中"),
        ):
            with pytest.raises(UserError) as caught:
                forms.customer_list_filters(s, **typed, translate=translate)
            message = caught.value.render(translate)
            assert caught.value.field == field_ and next(iter(typed.values())) in message and shown in message
        with pytest.raises(UserError) as caught:
            forms.customer_list_filters(s, staff="王五", translate=translate)
        assert caught.value.field == "staff" and "王五" in caught.value.render(translate)


# -- the command line -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    """The demo data (its administrator logs in) plus the customers of MADE."""
    folder = tmp_path_factory.mktemp("customer_list") / "demo"
    assert run("demo", "--calls", "60", "--quiet", "--data-dir", str(folder)).returncode == 0
    database = open_database(config_mod.resolve(folder))
    try:
        make_customers(database)
    finally:
        database.dispose()
    return folder


def test_the_print_command_prints_the_list_for_its_filters_and_audits_it(demo_folder, tmp_path):
    """I2 from the command line: only the customers of the filters given, logged in the audit."""
    out = tmp_path / "list.pdf"
    result = run("print", "customer-list", "--category", "最终用户", "--district", "suburban", "--staff", "李四",
                 "--data-dir", str(demo_folder), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = squeezed(pdf_text(out))
    assert "鼓楼口腔诊所" in text and "共1户" in text
    assert not any(m.name in text for m in MADE if m.name != "鼓楼口腔诊所")
    assert "最终用户" in text and "郊区" in text and "李四" in text
    con = sqlite3.connect(demo_folder / "crm_desktop.sqlite3")
    action, target, detail = con.execute(
        "SELECT action, target_type, detail FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    demo_names = [row[0] for row in con.execute("SELECT name FROM customer WHERE vip_level = 3")]
    con.close()
    assert (action, target) == ("print", "customer_list")
    assert json.loads(detail) == {"category": "最终用户", "district": "suburban", "staff": "李四"}
    vip = tmp_path / "vip.pdf"
    assert run("print", "customer-list", "--vip", "3", "--data-dir", str(demo_folder), "-o", str(vip)).returncode == 0
    text = squeezed(pdf_text(vip))
    assert demo_names == ["金陵商业银行"] and "金陵商业银行" in text and "共1户" in text


@pytest.mark.parametrize("arguments, named", [
    (("customer-list", "--category", "农民"), ("农民", "end_user", "最终用户")),
    (("customer-list", "--district", "city"), ("city", "urban", "市区")),
    (("customer-list", "--vip", "5"), ("5", "VIP 三级")),
    (("customer-list", "--status", "closed"), ("closed", "prospect", "往来中")),
    (("customer-list", "--staff", "王五"), ("王五",)),
    (("customer-list", "YH00001"), ("--category", "--search")),
    (("call-register", "--from", "2026-11-01", "--to", "2026-11-30", "--category", "end_user"), ("--category", "叫修登记簿")),
])
def test_a_bad_value_is_named_and_no_file_is_written(demo_folder, tmp_path, arguments, named):
    """I2: a value the customer list does not know stops the print with exit code 2, a message
    naming it (and the values that would do) and no file."""
    out = tmp_path / "bad.pdf"
    result = run("print", *arguments, "--data-dir", str(demo_folder), "-o", str(out))
    assert result.returncode == 2, result.stdout
    assert all(part in result.stderr for part in named), result.stderr
    assert "Traceback" not in result.stderr and not out.exists()
