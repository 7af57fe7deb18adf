"""Names in pinyin order and found by initials or pinyin (issue 17, items 1 and 2): the keys
pypinyin gives (surnames read as surnames), kept on every path that writes a name, used by
every register, list and picker that orders by a name, and searched next to the words the
registers already find (I2: the customer list)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from crm_desktop.exports import customer_import as ci
from crm_desktop.models import Customer, ServiceCall, Staff
from crm_desktop.models.name_keys import name_keys
from crm_desktop.services import customers, form_data, name_search, registers
from crm_desktop.services.registers import RegisterQuery
from crm_desktop.services.staff import active_staff

from ..factories import make_registers

# in pinyin order (曾 zeng before 张 zhang, 张伟 before 张伟明); code point order differs
IN_PINYIN_ORDER = ["安娜", "陈晨", "李娜", "南京宏达科技有限公司", "王芳", "曾伟", "张伟", "张伟明", "赵文"]


def names_of(query: RegisterQuery, limit: int = 100) -> list[str]:
    column = 1 + query.spec.index_of("name")
    return [row[column] for row in query.window(0, limit)]


@pytest.fixture
def people(database):
    with database.Session.begin() as s:
        for i, name in enumerate(reversed(IN_PINYIN_ORDER)):
            customers.create_customer(s, name=name, phone=f"1380000{i:04d}", address=f"南京市玄武区中山路{i + 1}号")
    return database


# -- the keys -----------------------------------------------------------------------------------


def test_keys_give_tones_initials_and_full_pinyin():
    keys = name_keys("张伟")
    assert (keys.sort, keys.initials, keys.full) == ("zhang1wei3 张伟", "zw", "zhangwei")
    assert name_keys("南京宏达科技有限公司").initials == "njhdkjyxgs"
    assert name_keys("重庆银行").full == "chongqingyinhang"  # pypinyin's phrases


@pytest.mark.parametrize("name, initials, full", [
    ("曾伟", "zw", "zengwei"), ("单田芳", "stf", "shantianfang"), ("解晓东", "xxd", "xiexiaodong"),
    ("仇英", "qy", "qiuying"), ("区家明", "ojm", "oujiaming"), ("查良镛", "zly", "zhaliangyong"),
    ("朴树", "ps", "piaoshu"),
    ("单于飞", "cyf", "chanyufei"), ("尉迟恭", "ycg", "yuchigong"),  # compound surnames: pypinyin's phrases
    ("解放饭店", "jffd", "jiefangfandian"),  # a phrase, not a surname: 解放 stays jie
    ("曾经", "cj", "cengjing"),
])
def test_heteronym_surnames_read_as_surnames_at_the_start_of_a_personal_name(name, initials, full):
    keys = name_keys(name)
    assert (keys.initials, keys.full) == (initials, full)


def test_a_name_of_latin_letters_or_digits_keeps_them_lower_cased():
    """Bad input: no Chinese at all. The name sorts by its letters among the pinyin."""
    assert name_keys("IBM").columns() == {"name_key": "ibm IBM", "name_initials": "ibm", "name_pinyin": "ibm"}
    assert name_keys("3M 公司").initials == "3mgs"
    assert name_keys("HP-1020").full == "hp1020"
    assert sorted(["张伟", "IBM", "安娜", "3M"], key=lambda n: name_keys(n).sort) == ["3M", "安娜", "IBM", "张伟"]


def test_a_rare_character_pypinyin_does_not_know_stays_itself():
    """Bad input: 嗧 is not in pypinyin's dictionary. The rest of the name still reads; the
    character sorts after every letter at its place and no Latin word reaches past it."""
    keys = name_keys("张嗧")
    assert keys.columns() == {"name_key": "zhang1嗧 张嗧", "name_initials": "z嗧", "name_pinyin": "zhang嗧"}
    assert name_keys("张伟").sort < keys.sort < name_keys("赵文").sort


# -- order --------------------------------------------------------------------------------------


def test_i2_the_customer_register_sorts_names_in_pinyin_order(people):
    query = RegisterQuery(people, registers.CUSTOMERS)
    assert query.sort_key == "name"
    assert names_of(query) == IN_PINYIN_ORDER
    query.set_sort("name", descending=True)
    assert names_of(query) == IN_PINYIN_ORDER[::-1]
    with people.Session() as s:
        zhang = s.scalar(select(Customer.id).where(Customer.name == "张伟"))
    query.set_sort("name", descending=False)
    assert query.position_of(zhang) == IN_PINYIN_ORDER.index("张伟")


def test_i2_the_printed_customer_list_orders_by_code_then_pinyin(people):
    with people.Session.begin() as s:
        for c in s.scalars(select(Customer)):
            c.code = None
    lines = form_data.customer_list(people, {}, "", date(2026, 12, 1)).lines
    assert [line.name for line in lines] == IN_PINYIN_ORDER


def test_a_rename_by_dialog_or_in_place_edit_keeps_the_key(people):
    with people.Session.begin() as s:
        anna = s.scalar(select(Customer).where(Customer.name == "安娜"))
        customers.update_customer(s, anna.id, {"name": "朱莉"})  # what the dialog and the register's edit call
    with people.Session() as s:
        assert s.scalar(select(Customer.name_initials).where(Customer.name == "朱莉")) == "zl"
    assert names_of(RegisterQuery(people, registers.CUSTOMERS))[-1] == "朱莉"


def test_an_imported_customer_has_its_keys(database, tmp_path):
    wb = Workbook()
    ws = wb.active
    for row in (["客户名称", "电话", "型号"], ["曾伟", "13812345678", "X1"], ["IBM", "02584561234", "X2"]):
        ws.append(row)
    wb.save(tmp_path / "c.xlsx")
    ci.import_file(database, tmp_path / "c.xlsx")
    with database.Session() as s:
        keys = dict(s.execute(select(Customer.name, Customer.name_key)).all())
    assert keys == {"曾伟": name_keys("曾伟").sort, "IBM": name_keys("IBM").sort}


def test_staff_pickers_list_people_in_pinyin_order(session):
    for name in ("赵技师", "曾师傅", "安工", "张工"):
        session.add(Staff(name=name, role="technician"))
    session.flush()
    assert [p.name for p in active_staff(session, ("technician",))] == ["安工", "曾师傅", "张工", "赵技师"]
    renamed = session.scalar(select(Staff).where(Staff.name == "安工"))
    renamed.name = "朱工"
    session.flush()
    assert [p.name for p in active_staff(session, ("technician",))][-1] == "朱工"


# -- search -------------------------------------------------------------------------------------


@pytest.mark.parametrize("typed, first", [("zw", "张伟"), ("ZW", "张伟"), ("zhangwei", "张伟"), ("njhd", "南京宏达科技有限公司"),
                                          ("zengw", "曾伟")])
def test_i2_initials_and_full_pinyin_find_the_name(people, typed, first):
    query = RegisterQuery(people, registers.CUSTOMERS)
    query.set_search(typed)
    found = names_of(query)
    assert first in found
    assert query.notice is None
    with people.Session() as s:
        assert first in [c.name for c in customers.find_customers(s, typed)]


def test_i2_zw_finds_every_name_its_initials_begin_in_pinyin_order_and_nothing_else(people):
    query = RegisterQuery(people, registers.CUSTOMERS)
    query.set_search("zw")
    assert names_of(query) == ["曾伟", "张伟", "张伟明", "赵文"]
    assert query.count() == 4
    with people.Session() as s:  # the finder: the names whose initials are the word first
        assert [c.name for c in customers.find_customers(s, "zw")] == ["曾伟", "张伟", "赵文", "张伟明"]


def test_i2_pinyin_mixes_with_other_words_and_every_word_must_match(people):
    query = RegisterQuery(people, registers.CUSTOMERS)
    with people.Session() as s:
        zhang_address = s.scalar(select(Customer.address).where(Customer.name == "张伟"))
    query.set_search(f"zw {zhang_address}")
    assert names_of(query) == ["张伟"]
    query.set_search("zw 中山路")
    assert names_of(query) == ["曾伟", "张伟", "张伟明", "赵文"]
    query.set_search("zw 王芳")
    assert names_of(query) == []
    with people.Session() as s:  # the finder looks in names, phones, codes and contacts
        zhang_phone = s.scalar(select(Customer.phone).where(Customer.name == "张伟"))
        assert [c.name for c in customers.find_customers(s, f"zw {zhang_phone}")] == ["张伟"]
        assert [c.name for c in customers.find_customers(s, f"{zhang_phone} zhangw")] == ["张伟"]


def test_numbers_and_latin_model_names_match_what_they_matched_before(database):
    with database.Session.begin() as s:
        make_registers(s, calls=40)
        customers.create_customer(s, name="惠普", phone="13900000000")  # hui pu: hp
    for spec in (registers.SERVICE_CALLS, registers.CUSTOMERS, registers.REPAIR_CARDS, registers.GOODS_ENTRIES):
        text_only = replace(spec, pinyin_ids=None)
        for term in ("138", "1020", "lp1020", "SN000012", "laserjet", "漕溪北路1", "张伟"):
            now, before = RegisterQuery(database, spec), RegisterQuery(database, text_only)
            now.set_search(term)
            before.set_search(term)
            assert {r[0] for r in now.window(0, 500)} == {r[0] for r in before.window(0, 500)}, (spec.name, term)
    # a word of letters matches as text OR by pinyin: hp is in the models and 惠普's initials
    query = RegisterQuery(database, registers.CUSTOMERS)
    query.set_search("hp")
    assert names_of(query) == ["惠普"]


def test_a_pinyin_query_of_one_letter_is_too_broad_and_says_so(people):
    """Bad input: z begins a tenth of all names. It finds what it found as text (nothing
    here) and the register and the finder say why."""
    query = RegisterQuery(people, registers.CUSTOMERS)
    query.set_search("z")
    assert query.count() == 0
    assert query.notice == name_search.TOO_BROAD
    query.set_search("z 张伟")
    assert query.notice == name_search.TOO_BROAD
    with people.Session() as s:
        assert customers.find_customers(s, "z") == []
    assert name_search.notice("zw") is None and name_search.notice("138") is None and name_search.notice("张") is None


def test_latin_and_rare_character_names_are_found(database):
    with database.Session.begin() as s:
        for name in ("IBM", "3M", "张嗧", "张伟"):
            customers.create_customer(s, name=name)
    query = RegisterQuery(database, registers.CUSTOMERS)
    for typed, expected in (("ibm", ["IBM"]), ("3m", ["3M"]), ("zhang", ["张伟", "张嗧"]), ("嗧", ["张嗧"])):
        query.set_search(typed)
        assert names_of(query) == expected, typed
    assert names_of(RegisterQuery(database, registers.CUSTOMERS)) == ["3M", "IBM", "张伟", "张嗧"]


def test_the_call_register_finds_calls_by_their_customers_initials(database):
    with database.Session.begin() as s:
        make_registers(s, calls=16)
    query = RegisterQuery(database, registers.SERVICE_CALLS)
    query.set_search("zw")
    with database.Session() as s:
        want = {c.id for c in s.scalars(select(ServiceCall)) if c.customer_name.startswith("张伟")}
    assert {r[0] for r in query.window(0, 100)} == want and want
    query.set_search("zwq")
    with database.Session() as s:
        want = {c.id for c in s.scalars(select(ServiceCall)) if c.customer_name == "张伟强"}
    assert {r[0] for r in query.window(0, 100)} == want and want


# -- every path that writes names ---------------------------------------------------------------


@pytest.mark.demo_data(calls=60, seed=5)
def test_the_demo_writes_the_keys_of_every_customer_and_staff_member(demo_database):
    with demo_database.Session() as s:
        for model in (Customer, Staff):
            rows = s.execute(select(model.name, model.name_key, model.name_initials, model.name_pinyin)).all()
            assert rows and all(tuple(keys) == tuple(name_keys(name).columns().values()) for name, *keys in rows)


def test_migration_0010_fills_the_keys_of_every_existing_name(cfg):
    from sqlalchemy.orm import Session

    from crm_desktop.db import make_engine, upgrade

    engine = make_engine(cfg.database_url)
    upgrade(engine, "0009")
    with engine.begin() as conn:
        for n, name in enumerate(("张伟", "曾伟", "IBM", "张嗧"), start=1):
            conn.exec_driver_sql(f"INSERT INTO customer (id, name, category, district) VALUES ({n}, '{name}', 'end_user', 'urban')")
        conn.exec_driver_sql("INSERT INTO staff (id, name, role, active) VALUES (1, '单田芳', 'technician', 1)")
    upgrade(engine, "head")
    with Session(engine) as s:
        assert {c.name: c.name_initials for c in s.scalars(select(Customer))} == {"张伟": "zw", "曾伟": "zw", "IBM": "ibm",
                                                                               "张嗧": "z嗧"}
        assert s.scalar(select(Staff.name_pinyin)) == "shantianfang"
        assert [c.name for c in s.scalars(select(Customer).order_by(Customer.name_key))] == ["IBM", "曾伟", "张伟", "张嗧"]
    with engine.connect() as conn:  # the order walks the index, no sort of every row
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM customer ORDER BY name_key, id LIMIT 50"))
        assert "ix_customer_name_key" in plan, plan
    engine.dispose()


def test_the_program_loads_without_pypinyin_until_a_name_is_written():
    """pypinyin reads 3 MB of dictionaries as it loads (about 0.4 s): not at start-up."""
    import subprocess
    import sys

    code = ("import sys; import crm_desktop.models, crm_desktop.services.registers, crm_desktop.services.customers, "
            "crm_desktop.services.monthly_report, crm_desktop.db; assert 'pypinyin' not in sys.modules; "
            "from crm_desktop.models.name_keys import name_keys; name_keys('张伟'); assert 'pypinyin' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
