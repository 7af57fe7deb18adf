"""What a column of the clerk's sheet can fill: the archive's fields, the Chinese names clerks
give them, and how a name is compared.

Shared by the steps: ``reading`` finds the header row by these names, ``mapping`` matches
the columns to the fields by them, ``checking`` and ``writing`` put each value where its
field says. The header names are data, in Chinese, because they are what the clerk's sheets
contain; the field labels are English source strings marked for translation. No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ...i18n import QT_TRANSLATE_NOOP, Msg

# every step reports progress; a cancel anywhere says the same
IMPORT_CANCELLED = QT_TRANSLATE_NOOP("CustomerImport", "The import was cancelled: nothing was imported.")


@dataclass(frozen=True)
class ImportField:
    """One archive field a column can fill."""

    key: str  # the model attribute
    table: str  # "customer" or "product"
    label: Msg
    headers: tuple[str, ...]  # header names a clerk's sheet uses, best first
    required: bool = False


# The Chinese column names and their synonyms (data, not translated strings): the first
# name of each field is the one the program itself would write.
FIELDS: tuple[ImportField, ...] = (
    ImportField("name", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Customer name"),
                ("客户名称", "单位名称", "名称", "客户", "客户名", "客户全称", "公司名称", "企业名称", "单位",
                 "用户名称", "用户", "客户姓名", "姓名"), required=True),
    ImportField("code", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Customer code"),
                ("客户编号", "客户代码", "客户编码", "客户号")),
    ImportField("category", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Category"),
                ("类别", "客户类别", "客户类型", "类型", "客户分类", "分类")),
    ImportField("district", "customer", QT_TRANSLATE_NOOP("CustomerImport", "District"),
                ("区域", "市区郊区", "市区/郊区", "市区或郊区", "地区", "所在区域", "城郊")),
    ImportField("legal_representative", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Legal representative"),
                ("法人代表", "法定代表人", "法人")),
    ImportField("address", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Address"),
                ("地址", "通讯地址", "联系地址", "详细地址", "单位地址", "公司地址", "客户地址", "住址")),
    ImportField("postcode", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Postcode"), ("邮编", "邮政编码")),
    ImportField("phone", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Phone"),
                ("电话", "联系电话", "手机", "电话号码", "手机号", "手机号码", "联系方式", "固定电话", "座机",
                 "办公电话", "联系人电话", "客户电话")),
    ImportField("fax", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Fax"), ("传真", "传真号码", "传真号")),
    ImportField("business_scope", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Business scope"),
                ("经营范围", "主营业务", "主营范围", "业务范围")),
    ImportField("registered_capital", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Registered capital (yuan)"),
                ("注册资金", "注册资本")),
    ImportField("contact_person", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Contact person"),
                ("联系人", "联系人姓名", "负责人", "经办人")),
    ImportField("remarks", "customer", QT_TRANSLATE_NOOP("CustomerImport", "Remarks"), ("备注", "说明", "附注")),
    ImportField("model", "product", QT_TRANSLATE_NOOP("CustomerImport", "Product model"),
                ("型号", "产品型号", "机型", "设备型号", "规格型号", "机器型号", "产品", "产品名称", "设备名称")),
    ImportField("serial_no", "product", QT_TRANSLATE_NOOP("CustomerImport", "Serial no."),
                ("序列号", "机身编号", "出厂编号", "机身号", "机号", "产品序列号", "机身序列号", "sn", "s/n")),
    ImportField("purchase_date", "product", QT_TRANSLATE_NOOP("CustomerImport", "Purchase date"),
                ("购买日期", "购机日期", "购买时间", "购机时间", "购置日期", "购入日期", "销售日期")),
    ImportField("warranty_end", "product", QT_TRANSLATE_NOOP("CustomerImport", "Warranty end"),
                ("保修期至", "保修截止", "保修截止日期", "保修到期", "保修到期日", "保修到期日期", "保修期限",
                 "保修期", "保修至")),
)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
CUSTOMER_KEYS = tuple(f.key for f in FIELDS if f.table == "customer")
PRODUCT_KEYS = tuple(f.key for f in FIELDS if f.table == "product")


def normalized(text: object) -> str:
    """How names and words are compared: NFKC (full-width to plain), no spaces or stars,
    lower case."""
    t = unicodedata.normalize("NFKC", str(text)).strip().lower()
    return re.sub(r"[\s*:]", "", t)


BRACKET = re.compile(r"[(\[【〔].*?[)\]】〕]")


def header_candidates(header: str) -> list[str]:
    """``"联系电话/手机（必填）"`` → the whole, without the bracket, and each part."""
    whole = normalized(header)
    if not whole:
        return []
    found = [whole]
    bare = BRACKET.sub("", whole)
    if bare and bare != whole:
        found.append(bare)
    for part in re.split(r"[/、,，|;；]", bare):
        if part and part not in found:
            found.append(part)
    return found


# a compared header name → (its rank among the field's names, the field) for every field
# that uses it: the mapping prefers a field's first names
SYNONYM_RANK: dict[str, list[tuple[int, str]]] = {}
for _f in FIELDS:
    for _rank, _name in enumerate(_f.headers):
        SYNONYM_RANK.setdefault(normalized(_name), []).append((_rank, _f.key))


def known_header_count(values: tuple[object, ...]) -> int:
    """How many of a row's values are names of fields: the header row has at least two."""
    return sum(1 for v in values if isinstance(v, str) and any(c in SYNONYM_RANK for c in header_candidates(v)))
