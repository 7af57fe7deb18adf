"""I2, I3: the customer archive and the products customers own; X2: bad input is refused at
its field and nothing is saved."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.models import Customer, CustomerProduct, ServiceCall
from crm_desktop.services import calls, customers

from ..factories import count


@pytest.fixture
def zhang(database) -> int:
    with database.Session.begin() as s:
        return customers.create_customer(
            s, name="张伟", phone="13812345678", address="上海市静安区南京西路1号", district="suburban"
        ).id


# --------------------------------------------------------------------------- customers


def test_i3_a_customer_keeps_every_archive_field_tidied(database):
    with database.Session.begin() as s:
        c = customers.create_customer(
            s,
            code=" KH-0001 ",
            name=" 上海明达贸易有限公司 ",
            category="distributor",
            district="urban",
            legal_representative="李明",
            address="上海市徐汇区漕溪北路88号",
            postcode="200030",
            phone="(021) 6234 5678 转 801",
            fax="021 62345679",
            business_scope="家用电器批发",
            registered_capital="1,000,000",
            contact_person="王芳",
            remarks="VIP",
        )
        cid = c.id
    with database.Session() as s:
        c = s.get(Customer, cid)
        assert (c.code, c.name, c.category, c.district) == ("KH-0001", "上海明达贸易有限公司", "distributor", "urban")
        assert (c.phone, c.fax, c.postcode) == ("021-62345678 转 801", "021-62345679", "200030")
        assert c.registered_capital == Decimal("1000000.00")
        assert (c.legal_representative, c.contact_person, c.business_scope) == ("李明", "王芳", "家用电器批发")


def test_i1_a_new_customer_is_an_end_user_in_the_city_unless_told(session):
    c = customers.create_customer(session, name="刘洋")
    assert (c.category, c.district) == ("end_user", "urban")
    c = customers.create_customer(session, name="陈静", category="special", district="suburban")
    assert (c.category, c.district) == ("special", "suburban")


@pytest.mark.parametrize("name", [None, "", "   "])
def test_x2_a_customer_without_a_name_is_refused_and_nothing_saved(database, name):
    before = count(database, Customer)
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.create_customer(s, name=name, phone="13812345678")
    assert info.value.field == "name"
    assert count(database, Customer) == before


def test_x2_a_phone_number_with_letters_is_refused_and_nothing_saved(database):
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.create_customer(s, name="张伟", phone="138abc45678")
    assert info.value.field == "phone"
    assert count(database, Customer) == 0


def test_x2_a_bad_fax_is_marked_on_the_fax_field(database):
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.create_customer(s, name="张伟", fax="fax")
    assert info.value.field == "fax"
    assert count(database, Customer) == 0


def test_x2_every_bad_field_of_the_form_is_reported_at_once(database):
    with pytest.raises(ValidationError) as info:
        with database.Session.begin() as s:
            customers.create_customer(
                s, name="", postcode="2000", registered_capital="-5", category="vip", district="rural", phone="12"
            )
    fields = {p.field for p in info.value.problems}
    assert fields == {"name", "postcode", "registered_capital", "category", "district", "phone"}
    assert count(database, Customer) == 0


def test_create_customer_refuses_an_unknown_field_as_a_programming_error(session):
    with pytest.raises(TypeError):
        customers.create_customer(session, name="张伟", vip=True)


def test_i3_customer_code_is_unique(database):
    with database.Session.begin() as s:
        a = customers.create_customer(s, name="甲公司", code="KH-1").id
        b = customers.create_customer(s, name="乙公司", code="KH-2").id
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.create_customer(s, name="丙公司", code="KH-1")
    assert info.value.field == "code"
    assert "甲公司" in str(info.value)
    assert count(database, Customer) == 2
    with database.Session.begin() as s:
        customers.update_customer(s, a, {"code": "KH-1", "name": "甲公司（新）"})  # its own code is fine
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.update_customer(s, b, {"code": "KH-1"})
    assert info.value.field == "code"
    with database.Session() as s:
        assert s.get(Customer, b).code == "KH-2"
        assert s.get(Customer, a).name == "甲公司（新）"


def test_i4_update_customer_changes_only_what_is_given(database, zhang):
    with database.Session.begin() as s:
        customers.update_customer(s, zhang, {"phone": "021 6234 5678", "postcode": "200040"})
    with database.Session() as s:
        c = s.get(Customer, zhang)
        assert (c.phone, c.postcode, c.name, c.district) == ("021-62345678", "200040", "张伟", "suburban")


def test_x2_a_refused_update_leaves_the_customer_as_it_was(database, zhang):
    with pytest.raises(ValidationError) as info:
        with database.Session.begin() as s:
            customers.update_customer(s, zhang, {"name": "张伟明", "phone": "call me", "postcode": "12"})
    assert {p.field for p in info.value.problems} == {"phone", "postcode"}
    with database.Session() as s:
        c = s.get(Customer, zhang)
        assert (c.name, c.phone, c.postcode) == ("张伟", "13812345678", None)


def test_update_customer_refuses_unknown_fields_and_unknown_customers(database, zhang):
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.update_customer(s, zhang, {"id": 5})
    assert info.value.field == "id"
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.update_customer(s, 999, {"name": "x"})
    assert info.value.field == "customer_id"
    assert str(info.value) == "The customer cannot be found any more (it may have been removed meanwhile): look it up again."


def test_i3_the_registers_keep_what_was_said_when_the_archive_changes(database, zhang):
    with database.Session.begin() as s:
        call_id = calls.register_call(s, customer_id=zhang, received_at=datetime(2026, 11, 28, 9), fault="不制冷").id
    with database.Session.begin() as s:
        customers.update_customer(s, zhang, {"phone": "13900001111", "district": "urban"})
    with database.Session() as s:
        call = s.get(ServiceCall, call_id)
        assert (call.phone, call.district) == ("13812345678", "suburban")


# --------------------------------------------------------------------------- finding


@pytest.fixture
def many(database) -> dict[str, int]:
    names = {
        "张伟国际贸易有限公司": "021-62345678",
        "李张伟": "13900000001",
        "张伟明": "13900000002",
        "王伟": "13900000003",
        "张伟": "13900000004",
        "50%折扣店": None,
    }
    with database.Session.begin() as s:
        return {n: customers.create_customer(s, name=n, phone=p).id for n, p in names.items()}


def test_i2_find_customers_finds_a_two_character_name_among_longer_ones(session, many):
    found = [c.name for c in customers.find_customers(session, "张伟")]
    assert found[0] == "张伟"  # the exact name first
    assert found[1] == "张伟明"  # then the names that begin with it, shortest first
    assert set(found) == {"张伟", "张伟明", "张伟国际贸易有限公司", "李张伟"}
    assert "王伟" not in found


def test_i2_find_customers_by_part_of_the_phone_with_or_without_separators(session, many):
    assert [c.name for c in customers.find_customers(session, "6234567")] == ["张伟国际贸易有限公司"]
    assert [c.name for c in customers.find_customers(session, "02162345678")] == ["张伟国际贸易有限公司"]
    assert [c.name for c in customers.find_customers(session, "00000003")] == ["王伟"]


def test_find_customers_takes_wildcards_literally_and_keeps_to_the_limit(session, many):
    assert [c.name for c in customers.find_customers(session, "%")] == ["50%折扣店"]
    assert customers.find_customers(session, "_") == []
    assert len(customers.find_customers(session, "伟", limit=2)) == 2
    assert len(customers.find_customers(session, "伟")) == 5
    assert customers.find_customers(session, "  ") == []


# --------------------------------------------------------------------------- products


def test_s1_a_product_keeps_its_dates(database, zhang):
    with database.Session.begin() as s:
        p = customers.add_product(
            s, zhang, model=" KFR-35GW ", serial_no="SN-0001", purchase_date="2026-01-10", warranty_end=date(2027, 1, 9)
        )
        pid = p.id
    with database.Session() as s:
        p = s.get(CustomerProduct, pid)
        assert (p.customer_id, p.model, p.serial_no) == (zhang, "KFR-35GW", "SN-0001")
        assert (p.purchase_date, p.warranty_end) == (date(2026, 1, 10), date(2027, 1, 9))


def test_x2_a_warranty_end_before_the_purchase_date_is_refused_and_nothing_saved(database, zhang):
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.add_product(s, zhang, model="KFR-35GW", purchase_date="2026-05-01", warranty_end="2026-04-30")
    assert info.value.field == "warranty_end"
    assert str(info.value) == "The warranty end (2026-04-30) is before the purchase date (2026-05-01)."
    assert count(database, CustomerProduct) == 0
    with database.Session.begin() as s:  # the same day is allowed
        customers.add_product(s, zhang, model="KFR-35GW", purchase_date="2026-05-01", warranty_end="2026-05-01")
    assert count(database, CustomerProduct) == 1


def test_x2_a_product_without_a_model_or_with_a_bad_date_is_refused(database, zhang):
    with pytest.raises(ValidationError) as info:
        with database.Session.begin() as s:
            customers.add_product(s, zhang, model=" ", purchase_date="2026-13-01")
    assert {p.field for p in info.value.problems} == {"model", "purchase_date"}
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.add_product(s, 999, model="KFR-35GW")
    assert info.value.field == "customer_id"
    assert count(database, CustomerProduct) == 0


def test_x2_update_product_checks_the_warranty_against_the_stored_purchase_date(database, zhang):
    with database.Session.begin() as s:
        pid = customers.add_product(s, zhang, model="KFR-35GW", purchase_date="2026-05-01", warranty_end="2027-04-30").id
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.update_product(s, pid, {"warranty_end": "2026-01-01"})
    assert info.value.field == "warranty_end"
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.update_product(s, pid, {"customer_id": 2})
    assert info.value.field == "customer_id"
    with database.Session.begin() as s:
        customers.update_product(s, pid, {"warranty_end": "2028-04-30", "serial_no": "SN-9"})
    with database.Session() as s:
        p = s.get(CustomerProduct, pid)
        assert (p.warranty_end, p.serial_no, p.purchase_date) == (date(2028, 4, 30), "SN-9", date(2026, 5, 1))


def test_find_products_by_serial_number_or_model(database, zhang):
    with database.Session.begin() as s:
        other = customers.create_customer(s, name="王伟").id
        customers.add_product(s, zhang, model="KFR-35GW", serial_no="A1001")
        customers.add_product(s, zhang, model="BCD-215", serial_no="A100")
        customers.add_product(s, other, model="KFR-26GW", serial_no="B2001")
    with database.Session() as s:
        assert [p.serial_no for p in customers.find_products(s, "A100")] == ["A100", "A1001"]  # exact first
        assert {p.serial_no for p in customers.find_products(s, "KFR")} == {"A1001", "B2001"}
        assert [p.serial_no for p in customers.find_products(s, "KFR", customer_id=other)] == ["B2001"]
        assert customers.find_products(s, "") == []


# --------------------------------------------------------------------------- history


@pytest.fixture
def product(database, zhang) -> int:
    with database.Session.begin() as s:
        return customers.add_product(s, zhang, model="KFR-35GW", serial_no="SN-1", warranty_end="2027-01-01").id


def _call(database, customer_id, product_id, when) -> int:
    with database.Session.begin() as s:
        return calls.register_call(s, customer_id=customer_id, product_id=product_id, received_at=when, fault="漏水").id


def test_i4_product_history_is_newest_first(database, zhang, product):
    older = _call(database, zhang, product, datetime(2026, 3, 1, 9))
    newer = _call(database, zhang, product, datetime(2026, 11, 1, 9))
    middle = _call(database, zhang, product, datetime(2026, 6, 1, 9))
    _call(database, zhang, None, datetime(2026, 7, 1, 9))  # another call of the customer, no product
    with database.Session() as s:
        assert [c.id for c in customers.product_history(s, product)] == [newer, middle, older]


def test_s2_recent_call_finds_a_call_on_the_same_product_within_30_days(database, zhang, product):
    first = _call(database, zhang, product, datetime(2026, 11, 1, 9))
    with database.Session() as s:
        assert customers.recent_call(s, product, datetime(2026, 11, 28, 10)).id == first
        assert customers.recent_call(s, product, datetime(2026, 12, 1, 10)) is None  # 30 days and an hour
        assert customers.recent_call(s, product, datetime(2026, 12, 1, 8)).id == first
        assert customers.recent_call(s, product, datetime(2026, 10, 31, 9)) is None  # not a later call
        assert customers.recent_call(s, product, datetime(2026, 11, 28, 10), days=7) is None
        assert customers.recent_call(s, None, datetime(2026, 11, 28, 10)) is None
    second = _call(database, zhang, product, datetime(2026, 11, 20, 9))
    with database.Session() as s:
        assert customers.recent_call(s, product, datetime(2026, 11, 28, 10)).id == second  # the latest
        assert customers.recent_call(s, product, datetime(2026, 11, 28, 10), exclude_call_id=second).id == first
    with database.Session.begin() as s:
        s.get(ServiceCall, second).status = "cancelled"
    with database.Session() as s:
        assert customers.recent_call(s, product, datetime(2026, 11, 28, 10)).id == first


def test_i1_every_category_of_customer_including_the_special_one(database):
    """I1: suppliers, distributors, the special category (lawyers, advisers, agencies,
    banks, insurers, financing bodies) and the end users who own the products; each keeps
    its own code series (D5), anything else is refused at the category field."""
    from crm_desktop.models import CustomerCategory
    from crm_desktop.services import labels

    assert {c.value for c in CustomerCategory} == {"supplier", "distributor", "special", "end_user"}
    assert set(labels.CUSTOMER_CATEGORY) == {c.value for c in CustomerCategory}
    with database.Session.begin() as s:
        made = {c.value: customers.create_customer(s, name=f"{c.value}客户", category=c.value) for c in CustomerCategory}
        codes = {category: customer.code[:2] for category, customer in made.items()}
    assert codes == {"supplier": "GY", "distributor": "FX", "special": "TB", "end_user": "YH"}
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            customers.create_customer(s, name="律师事务所", category="lawyer")
    assert info.value.field == "category"
