"""A week of a branch's after-sales work, built through the services (for the screenshots of
the charges, contracts and work-list pages): staff, customers and their products, the
labour rates and a copier parts price list, maintenance contracts, paid calls whose
invoices are due, and repairs near or past their promised dates. Every step happens in the
past (the services refuse future times); "today" is Friday 2026-11-27."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

from crm_desktop.models import ServiceCall, Staff
from crm_desktop.services import calls, contracts, customers, pricing, process, repairs

TODAY = date(2026, 11, 27)

PARTS = [
    ("DR-01", "感光鼓", "320.00"), ("FB-02", "搓纸轮", "35.50"), ("FB-03", "分页器", "12.00"),
    ("FU-11", "定影上辊", "260.00"), ("FU-12", "定影下辊", "180.00"), ("TN-05", "墨粉盒（黑）", "180.00"),
    ("DV-20", "显影单元", "540.00"), ("TB-30", "转印带", "690.00"), ("CB-07", "清洁刮板", "48.00"),
    ("LS-40", "激光器组件", "880.00"), ("MB-2014", "主板（MP 2014）", "1,250.00"), ("PS-220", "电源板 220V", "420.00"),
    ("CS-01", "纸盒组件", "150.00"), ("CL-09", "进纸离合器", "95.00"),
]
RETIRED_PARTS = [("TH-03", "热敏电阻（旧款）", "25.00")]


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


def build(database) -> SimpleNamespace:
    with database.Session.begin() as s:
        people = {
            "clerk": Staff(name="钱文员", role="clerk"),
            "wang": Staff(name="王技师", role="technician"),
            "zhao": Staff(name="赵技师", role="technician"),
            "chen": Staff(name="陈技师", role="technician"),
            "boss": Staff(name="孙主任", role="supervisor"),
            "accountant": Staff(name="李会计", role="accountant"),
        }
        s.add_all(people.values())
        s.flush()
        ids = {k: v.id for k, v in people.items()}

        for mode, day, rate, minimum in (
            ("on_site", "2025-01-01", "70", "70"), ("repair", "2025-01-01", "50", "40"),
            ("on_site", "2026-01-01", "80", "80"), ("repair", "2026-01-01", "60", "50"),
            ("on_site", "2027-01-01", "90", "90"),
        ):
            pricing.set_rate(s, mode=mode, valid_from=day, hourly_rate=rate, minimum_fee=minimum)
        for number, name, price in PARTS:
            pricing.save_part(s, part_no=number, name=name, unit_price=price)
        for number, name, price in RETIRED_PARTS:
            pricing.save_part(s, part_no=number, name=name, unit_price=price, active=False)

        def customer(name, phone, address, *products, district="urban"):
            c = customers.create_customer(s, name=name, phone=phone, address=address, district=district)
            made = [
                customers.add_product(s, c.id, model=model, serial_no=serial, warranty_end=warranty)
                for model, serial, warranty in products
            ]
            return c.id, [p.id for p in made]

        zheda, zheda_products = customer(
            "南京喆达办公用品商行", "025-84561234", "南京市秦淮区太平南路8号",
            ("理光 MP 2014", "RC-778899", date(2025, 6, 30)), ("惠普 LaserJet 1020", "HP-1020-77", date(2024, 1, 31)),
            ("佳能 iR 2206", "CN-2206-12", date(2025, 9, 30)),
        )
        jinggong, jinggong_products = customer(
            "上海精工复印设备有限公司", "021-62345678", "上海市徐汇区漕溪北路88号",
            ("理光 MP 2555", "RC-255501", date(2025, 3, 31)), ("理光 MP 2555", "RC-255502", date(2025, 3, 31)),
        )
        hospital, hospital_products = customer(
            "江苏省人民医院设备科", "025-83718836", "南京市鼓楼区广州路300号",
            ("爱普生 EB-X05", "EP-X05-331", date(2025, 12, 31)),
        )
        zhang, zhang_products = customer(
            "张伟", "13812345678", "南京市玄武区中山路1号", ("佳能 iR 2206", "CN-2206-88", date(2025, 5, 1)),
            district="suburban",
        )
        wangfang, wangfang_products = customer(
            "王芳", "13912345678", "南京市建邺区江东中路5号", ("惠普 LaserJet 1020", "HP-1020-15", date(2025, 2, 1)),
        )
        liu, liu_products = customer(
            "刘德华律师事务所", "025-86661234", "南京市鼓楼区汉中路2号金陵大厦", ("理光 MP 2014", "RC-201433", date(2025, 8, 1)),
        )
        chen, chen_products = customer(
            "陈堃", "13705150123", "南京市江宁区天元东路18号", ("爱普生 EB-X05", "EP-X05-902", date(2025, 10, 1)),
            district="suburban",
        )

        contract_ids = [
            contracts.create_contract(s, customer_id=jinggong, product_ids=jinggong_products, start_date="2025-12-20",
                                      end_date="2026-12-19", fee="3600", remarks="每月上门保养一次，含感光鼓以外的易损件").id,
            contracts.create_contract(s, customer_id=hospital, product_ids=hospital_products, start_date="2026-03-01",
                                      end_date="2027-02-28", fee="1200").id,
            contracts.create_contract(s, customer_id=zheda, product_ids=zheda_products[:2], start_date="2026-07-01",
                                      end_date="2027-06-30", fee="2400", remarks="复印机与打印机各一台").id,
            contracts.create_contract(s, customer_id=liu, product_ids=liu_products, start_date="2025-01-01",
                                      end_date="2025-12-31", fee="1500", remarks="客户未续约").id,
            contracts.create_contract(s, customer_id=jinggong, product_ids=jinggong_products[:1], start_date="2024-12-20",
                                      end_date="2025-12-19", fee="1800").id,
            contracts.create_contract(s, customer_id=chen, product_ids=chen_products, start_date="2026-12-01",
                                      end_date="2027-11-30", fee="800").id,
        ]

        def call(customer_id, product_id, received, fault):
            return calls.register_call(
                s, customer_id=customer_id, product_id=product_id, received_at=received, fault=fault,
                registered_by_id=ids["clerk"],
            ).id

        def on_site(call_id, day, tech, hours, payment, signer, fee=None, reason=None):
            process.dispatch(s, call_id, ids[tech], at(day, 9, 40), ids["boss"])
            process.arrive(s, call_id, at(day, 10, 30), ids[tech])
            process.complete_on_site(
                s, call_id, when=at(day, 11, 45), work_done="清洁搓纸轮，调整分页器", hours_spent=hours, by_id=ids[tech],
                payment_method=payment, fee=fee, fee_override_reason=reason,
            )
            process.sign(s, call_id, signed_by=signer, when=at(day, 11, 50), by_id=ids[tech])

        # paid on-site jobs whose invoices are due (S5)
        on_site(call(zhang, zhang_products[0], at(23, 8, 50), "卡纸，纸盒二进纸有异响"), 23, "wang", "1.5", "collected", "张伟")
        on_site(call(wangfang, wangfang_products[0], at(25, 9, 5), "打印颜色偏淡"), 25, "zhao", "1", "invoice", "王芳")
        on_site(call(liu, liu_products[0], at(26, 9, 0), "开机显示错误代码 SC542"), 26, "chen", "2", "invoice", "刘律师",
                fee="150", reason="老客户优惠")
        on_site(call(zheda, zheda_products[2], at(27, 8, 35), "复印件有黑线"), 27, "wang", "1", "collected", "赵经理")

        # a paid repair that went back today (S8)
        returned = call(wangfang, wangfang_products[0], at(20, 9, 0), "通电无反应")
        process.dispatch(s, returned, ids["zhao"], at(20, 9, 30), ids["boss"])
        process.arrive(s, returned, at(20, 10, 30), ids["zhao"])
        process.take_back(s, returned, when=at(20, 11, 0), by_id=ids["zhao"], condition="外壳完好", no_accessories=True,
                          promised_date="2026-11-26")
        process.record_quote(s, returned, amount="500", when=at(20, 14), by_id=ids["clerk"])
        process.record_consent(s, returned, given=True, consent_by="王芳", channel="phone", when=at(20, 15), by_id=ids["clerk"])
        process.start_repair(s, returned, at(23, 9), ids["zhao"])
        card = process.repair_card_of(s, returned)
        repairs.set_parts(s, card.id, [{"part_no": "PS-220", "quantity": "1"}, {"part_no": "FB-03", "quantity": "2"}])
        process.finish_repair(s, returned, when=at(24, 11), repair_hours="1.5", by_id=ids["zhao"], work_done="更换电源板")
        process.inspect(s, returned, passed=True, when=at(25, 14), by_id=ids["boss"])
        process.return_goods(s, returned, at(27, 10), ids["clerk"])
        process.sign(s, returned, signed_by="王芳", when=at(27, 10, 5), by_id=ids["clerk"])

        # repairs in the workshop, some late (S9)
        def in_workshop(customer_id, product_id, day, tech, promised, fault, note=None, start=True):
            call_id = call(customer_id, product_id, at(day, 8, 40), fault)
            process.dispatch(s, call_id, ids[tech], at(day, 9, 0), ids["boss"])
            process.arrive(s, call_id, at(day, 10, 0), ids[tech])
            process.take_back(s, call_id, when=at(day, 10, 30), by_id=ids[tech], condition="外壳有划痕", accessories="电源线",
                              promised_date=promised)
            if start and s.get(ServiceCall, call_id).service_kind == "A":  # a paid repair waits for consent
                process.record_quote(s, call_id, amount="600", when=at(day, 14), by_id=ids["clerk"])
                process.record_consent(s, call_id, given=True, consent_by="客户", channel="phone", when=at(day, 15),
                                       by_id=ids["clerk"])
            if start:
                process.start_repair(s, call_id, at(day, 16), ids[tech])
            if note:
                process.escalate(s, call_id, note=note, when=at(26, 16, 30), by_id=ids[tech])
            return call_id

        at_risk = [
            in_workshop(zhang, zhang_products[0], 18, "wang", "2026-11-25", "不能复印，扫描灯不亮",
                        note="主板故障，厂家缺货，预计12月2日到货"),
            in_workshop(chen, chen_products[0], 19, "chen", "2026-11-26", "投影画面偏色"),
            in_workshop(zheda, zheda_products[1], 23, "zhao", "2026-11-27", "打印有重影"),
            in_workshop(liu, liu_products[0], 24, "wang", "2026-11-30", "进纸时有异响", start=False),
            in_workshop(jinggong, jinggong_products[1], 25, "chen", "2026-12-04", "定影不良，字迹可擦掉",
                        note="需更换定影组件，等客户确认报价"),
            in_workshop(hospital, hospital_products[0], 26, "zhao", "2026-12-10", "灯泡不亮"),
        ]
        return SimpleNamespace(**ids, zheda=zheda, zheda_products=zheda_products, contracts=contract_ids,
                               repair_call=returned, repair_card=card.id, at_risk=at_risk)


def with_manager(database, ids: SimpleNamespace) -> SimpleNamespace:
    """The branch with its manager, who signs the daily reports (S12): ``ids.manager``."""
    with database.Session.begin() as s:
        manager = Staff(name="周经理", role="manager")
        s.add(manager)
        s.flush()
        ids.manager = manager.id
    return ids
