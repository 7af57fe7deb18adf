"""Small, explicit fixture rows for tests that need a few register lines (ORM, no services,
so that register and view tests do not depend on the rules under test elsewhere)."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import count as _counter

import pytest
from sqlalchemy import func, select

from crm_desktop.errors import UserError
from crm_desktop.models import Customer, CustomerProduct, GoodsEntry, RepairCard, ServiceCall, Staff

_numbers = _counter(1)

NAMES = ["张伟", "张伟强", "王芳", "李娜", "刘德华", "陈堃", "上海精工复印设备有限公司", "南京喆达办公用品商行"]
MODELS = ["理光 MP 2014", "佳能 iR 2206", "惠普 LaserJet 1020", "爱普生 EB-X05"]


def make_registers(session, calls: int = 40, start: datetime = datetime(2026, 11, 2, 9, 0)) -> list[ServiceCall]:
    tech = Staff(name="赵技师", role="technician")
    session.add(tech)
    made = []
    for i in range(calls):
        name = NAMES[i % len(NAMES)]
        customer = Customer(
            name=name,
            district="suburban" if i % 3 == 0 else "urban",
            phone=f"1381234{i:04d}",
            address=f"上海市徐汇区漕溪北路{i + 1}号",
        )
        product = CustomerProduct(customer=customer, model=MODELS[i % len(MODELS)], serial_no=f"SN{i:06d}")
        received = start + timedelta(hours=5 * i)
        call = ServiceCall(
            call_no=f"JX{received:%Y%m%d}-{next(_numbers):03d}",
            received_at=received,
            customer=customer,
            product=product,
            customer_name=name,
            phone=customer.phone,
            address=customer.address,
            product_model=product.model,
            serial_no=product.serial_no,
            fault="开机后卡纸" if i % 2 else "不能打印",
            district=customer.district,
            service_kind="ABC"[i % 3],
            status="dispatched" if i % 4 == 0 else "registered",
            technician_id=None,
        )
        if i % 4 == 0:
            call.technician = tech
            call.dispatched_at = received + timedelta(minutes=30)
        session.add(call)
        made.append(call)
        if i % 5 == 0:
            session.flush()
            goods = GoodsEntry(
                receipt_no=f"SJ{received:%Y%m}-{next(_numbers):04d}",
                call=call,
                customer_id=customer.id,
                customer_name=name,
                phone=customer.phone,
                product_model=product.model,
                serial_no=product.serial_no,
                taken_in_at=received + timedelta(hours=2),
            )
            session.add(goods)
            session.add(
                RepairCard(
                    card_no=f"XK{received:%Y%m}-{next(_numbers):04d}",
                    goods_entry=goods,
                    call=call,
                    customer_name=name,
                    product_model=product.model,
                    serial_no=product.serial_no,
                    fault=call.fault,
                    opened_at=received + timedelta(hours=3),
                    technician=tech,
                )
            )
    session.flush()
    return made


def count(database, model) -> int:
    """Rows of ``model`` now: a refused save must leave it unchanged (X2)."""
    with database.Session() as s:
        return s.scalar(select(func.count()).select_from(model))


def refused(database, func_, *args, **kwargs) -> UserError:
    """Run a service in its own transaction and return the UserError it must raise."""
    with pytest.raises(UserError) as info:
        with database.Session.begin() as s:
            func_(s, *args, **kwargs)
    return info.value
