"""X2: what a clerk types is checked and tidied field by field; Chinese phone numbers of
every form are accepted in one canonical text, anything else is refused at the field."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from crm_desktop.errors import UserError, ValidationError
from crm_desktop.i18n import QT_TRANSLATE_NOOP
from crm_desktop.models import District, Staff
from crm_desktop.services import validation as v
from crm_desktop.services.validation import (
    PHONE_BAD_CHARACTERS,
    PHONE_MOBILE_EXTENSION,
    PHONE_NEEDS_AREA_CODE,
    PHONE_NOT_CHINESE,
    Problems,
    normalize_phone,
)

# --------------------------------------------------------------------------- phones


@pytest.mark.parametrize(
    ("typed", "tidy"),
    [
        # mobile
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("(+86) 138-1234-5678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full-width digits from a Chinese IME
        ("19912345678", "19912345678"),
        # landline with area code
        ("021-62345678", "021-62345678"),
        ("021 62345678", "021-62345678"),
        ("(021) 6234 5678", "021-62345678"),
        ("（021）62345678", "021-62345678"),
        ("02162345678", "021-62345678"),
        ("010-62345678", "010-62345678"),
        ("0755-12345678", "0755-12345678"),
        ("075588881234", "0755-88881234"),
        ("0571-8765432", "0571-8765432"),  # seven-digit local number
        ("+86 21 6234 5678", "021-62345678"),
        ("+86 (0)21 62345678", "021-62345678"),
        ("0086 755 88881234", "0755-88881234"),
        # 400 / 800 numbers
        ("400-123-4567", "400-123-4567"),
        ("4001234567", "400-123-4567"),
        ("400 123 4567", "400-123-4567"),
        ("800-810-8888", "800-810-8888"),
        # extensions
        ("021-62345678-123", "021-62345678 转 123"),
        ("021-62345678转123", "021-62345678 转 123"),
        ("021-62345678 转 123", "021-62345678 转 123"),
        ("021-62345678 ext 123", "021-62345678 转 123"),
        ("021-62345678 ext. 123", "021-62345678 转 123"),
        ("021-62345678 EXT123", "021-62345678 转 123"),
        ("021-62345678 分机123", "021-62345678 转 123"),
        ("021-62345678 分机号 123", "021-62345678 转 123"),
        ("021-62345678 x123", "021-62345678 转 123"),
        ("(0755) 8888 1234 转 8001", "0755-88881234 转 8001"),
        ("400-123-4567 转 8", "400-123-4567 转 8"),
    ],
)
def test_x2_every_chinese_phone_form_is_accepted_in_a_tidy_form(typed, tidy):
    assert normalize_phone(typed) == tidy


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1381234567a", PHONE_BAD_CHARACTERS),  # letters
        ("abc", PHONE_BAD_CHARACTERS),
        ("phone 13812345678", PHONE_BAD_CHARACTERS),
        ("138.1234.5678", PHONE_BAD_CHARACTERS),
        ("021-62345678 转", PHONE_BAD_CHARACTERS),  # an extension word without its number
        ("1381234567", PHONE_NOT_CHINESE),  # a mobile one digit short
        ("138123456789", PHONE_NOT_CHINESE),  # one digit long
        ("12345678901", PHONE_NOT_CHINESE),  # eleven digits but no mobile prefix
        ("021-123456", PHONE_NOT_CHINESE),  # local number too short
        ("021-623456789", PHONE_NOT_CHINESE),  # local number too long
        ("021-02345678", PHONE_NOT_CHINESE),  # local numbers never begin with 0
        ("+1 212 555 1234", PHONE_NOT_CHINESE),
        ("12", PHONE_NOT_CHINESE),
        ("---", PHONE_NOT_CHINESE),
        ("62345678", PHONE_NEEDS_AREA_CODE),
        ("6234567", PHONE_NEEDS_AREA_CODE),
        ("13812345678 转 12", PHONE_MOBILE_EXTENSION),
    ],
)
def test_x2_anything_else_is_refused_at_the_field(typed, message):
    with pytest.raises(UserError) as info:
        normalize_phone(typed)
    assert info.value.field == "phone"
    assert info.value.message == message


def test_x2_the_phone_error_names_the_field_it_was_given():
    with pytest.raises(UserError) as info:
        normalize_phone("fax me", field="fax")
    assert info.value.field == "fax"


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_an_empty_phone_is_no_phone(empty):
    assert normalize_phone(empty) is None


def test_the_phone_message_quotes_what_was_typed():
    with pytest.raises(UserError) as info:
        normalize_phone("021-123")
    assert "021-123" in str(info.value)
    assert info.value.args_for_message["phone"] == "021-123"


# --------------------------------------------------------------------------- text and choices


def test_x2_require_text_strips_and_refuses_empty_with_the_given_message():
    msg = QT_TRANSLATE_NOOP("Test", "Enter the name.")
    assert v.require_text("  张伟 ", "name", msg) == "张伟"
    for empty in (None, "", "  \t"):
        with pytest.raises(UserError) as info:
            v.require_text(empty, "name", msg)
        assert info.value.field == "name"
        assert info.value.message == msg


def test_x2_text_longer_than_its_column_is_refused():
    with pytest.raises(UserError) as info:
        v.optional_text("x" * 7, "postcode", max_length=6)
    assert info.value.field == "postcode"
    assert v.optional_text("x" * 6, "postcode", max_length=6) == "x" * 6
    assert v.optional_text("  ", "remarks") is None


def test_check_choice_takes_codes_and_members_and_refuses_the_rest():
    msg = QT_TRANSLATE_NOOP("Test", "Choose a district, not {value}.")
    assert v.check_choice("suburban", District, "district", msg) == "suburban"
    assert v.check_choice(District.URBAN, District, "district", msg) == "urban"
    with pytest.raises(UserError) as info:
        v.check_choice("rural", District, "district", msg)
    assert info.value.field == "district"
    assert "rural" in str(info.value)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("12.5", Decimal("12.50")),
        ("1,200.50", Decimal("1200.50")),
        ("¥30", Decimal("30.00")),
        ("１２", Decimal("12.00")),
        (3, Decimal("3.00")),
        (2.5, Decimal("2.50")),
        (Decimal("0.1"), Decimal("0.10")),
        ("", None),
        (None, None),
    ],
)
def test_x2_parse_decimal_accepts_what_a_clerk_types(typed, value):
    assert v.parse_decimal(typed, "fee") == value


@pytest.mark.parametrize(
    ("typed", "kwargs"),
    [
        ("abc", {}),
        ("12,5x", {}),
        ("1.234", {}),  # more decimal places than money has
        ("NaN", {}),
        ("-1", {"minimum": 0}),
        ("0", {"greater_than": 0}),
        ("-0.5", {"greater_than": 0}),
        ("10000", {"maximum": 9999}),
        ("1e400", {}),
    ],
)
def test_x2_parse_decimal_refuses_bad_numbers_at_the_field(typed, kwargs):
    with pytest.raises(UserError) as info:
        v.parse_decimal(typed, "labour_fee", **kwargs)
    assert info.value.field == "labour_fee"


def test_parse_decimal_keeps_to_its_number_of_places():
    assert v.parse_decimal("3", "quantity", places=0) == Decimal("3")
    with pytest.raises(UserError):
        v.parse_decimal("1.5", "quantity", places=0)
    assert v.parse_decimal("1.125", "rate", places=3) == Decimal("1.125")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        (date(2026, 11, 28), date(2026, 11, 28)),
        (datetime(2026, 11, 28, 9, 30), date(2026, 11, 28)),
        ("2026-11-28", date(2026, 11, 28)),
        ("2026/1/5", date(2026, 1, 5)),
        ("2026年11月28日", date(2026, 11, 28)),
        ("2026-11-28T09:30:00", date(2026, 11, 28)),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_accepts_objects_and_iso_text(typed, day):
    assert v.parse_date(typed, "purchase_date") == day


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-13-01", "tomorrow", "28.11.2026", "2026-11-28 soon"])
def test_x2_parse_date_refuses_what_is_not_a_date(typed):
    with pytest.raises(UserError) as info:
        v.parse_date(typed, "purchase_date")
    assert info.value.field == "purchase_date"


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        (datetime(2026, 11, 28, 9, 30), datetime(2026, 11, 28, 9, 30)),
        (date(2026, 11, 28), datetime(2026, 11, 28)),
        ("2026-11-28 09:30", datetime(2026, 11, 28, 9, 30)),
        ("2026-11-28T09:30:15", datetime(2026, 11, 28, 9, 30, 15)),
        ("2026/11/28 9:05", datetime(2026, 11, 28, 9, 5)),
        ("2026年11月28日 9时30分", datetime(2026, 11, 28, 9, 30)),
        ("2026-11-28", datetime(2026, 11, 28)),
        ("", None),
    ],
)
def test_parse_datetime_accepts_objects_and_iso_text(typed, moment):
    assert v.parse_datetime(typed, "received_at") == moment


@pytest.mark.parametrize("typed", ["2026-11-28 25:00", "2026-11-31 09:00", "noon", "09:30"])
def test_x2_parse_datetime_refuses_what_is_not_a_moment(typed):
    with pytest.raises(UserError) as info:
        v.parse_datetime(typed, "received_at")
    assert info.value.field == "received_at"


# --------------------------------------------------------------------------- postcodes


@pytest.mark.parametrize(("typed", "code"), [("200040", "200040"), (" 200 040 ", "200040"), ("２０００４０", "200040"), ("", None)])
def test_i3_postcode_is_six_digits(typed, code):
    assert v.check_postcode(typed) == code


@pytest.mark.parametrize("typed", ["20004", "2000400", "20004a", "SW1A 1AA"])
def test_x2_a_postcode_that_is_not_six_digits_is_refused(typed):
    with pytest.raises(UserError) as info:
        v.check_postcode(typed)
    assert info.value.field == "postcode"


# --------------------------------------------------------------------------- collecting


def test_x2_problems_raise_one_error_alone_and_several_together():
    none = Problems()
    assert none.check(v.check_postcode, "200040") == "200040"
    none.raise_if_any()  # nothing to report

    one = Problems()
    assert one.check(v.check_postcode, "1") is None
    with pytest.raises(UserError) as info:
        one.raise_if_any()
    assert not isinstance(info.value, ValidationError)
    assert info.value.field == "postcode"

    several = Problems()
    several.check(v.check_postcode, "1")
    several.check(normalize_phone, "abc", "phone")
    with several.collect():
        v.parse_decimal("-1", "registered_capital", minimum=0)
    with pytest.raises(ValidationError) as info:
        several.raise_if_any()
    assert [p.field for p in info.value.problems] == ["postcode", "phone", "registered_capital"]
    assert len(info.value.render().splitlines()) == 3


def test_problems_flatten_a_validation_error_into_its_fields():
    inner = ValidationError([UserError(QT_TRANSLATE_NOOP("T", "a"), field="a"), UserError(QT_TRANSLATE_NOOP("T", "b"), field="b")])
    problems = Problems()
    problems.add(inner)
    assert problems.fields == ["a", "b"]
    assert problems.has("b") and not problems.has("c")


# --------------------------------------------------------------------------- staff


def test_s3_check_technician_wants_an_active_technician(session):
    session.add_all(
        [
            Staff(id=1, name="王师傅", role="technician"),
            Staff(id=2, name="老李", role="technician", active=False),
            Staff(id=3, name="钱文员", role="clerk"),
        ]
    )
    session.flush()
    assert v.check_technician(session, 1).name == "王师傅"
    assert v.check_technician(session, "1").id == 1  # an id from a combo box's text
    for bad in (2, 3, 99, "x"):
        with pytest.raises(UserError) as info:
            v.check_technician(session, bad)
        assert info.value.field == "technician_id"
    with pytest.raises(UserError) as info:
        v.check_technician(session, 99)
    assert str(info.value) == "This technician cannot be found any more: choose again."
    assert v.check_staff(session, 3, "taken_in_by_id").name == "钱文员"
    with pytest.raises(UserError) as info:
        v.check_staff(session, 42, "taken_in_by_id")
    assert info.value.field == "taken_in_by_id"
