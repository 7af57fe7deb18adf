"""Demo data: one branch office in Nanjing (南京) with its staff, customers, their products,
maintenance contracts, the labour rates and parts price list, and service calls that went
through the steps of ``services.process`` (S2–S9), each with its history, written in bulk.

What the rows obey (``tests/services/test_demo.py`` checks each):

- S1: a call is kind C while the product is within its warranty on the day received, B
  while one of the customer's maintenance contracts (``maintenance_contract``, numbered
  ``BY2026-0001``…) covers the product on that day, otherwise A — the program's own
  proposal; the few kinds against it (damage outside the warranty) carry a reason.
- S2: the register's copies (customer name, phone, address, product model, serial number,
  district) equal the customer's and the product's values.
- The process (``services.process``): every call has its history in ``call_step``, one row
  a step in the order taken, from registration (``"" → registered``, by a clerk) through
  dispatch (by a supervisor) to where the call stands now, each step allowed by
  ``process.ALLOWED_FROM`` from the status the previous one left; a few dispatches to the
  wrong technician are taken back (``undo``) and given again. Statuses and fields follow
  the steps: on site registered → dispatched → arrived → completed_on_site →
  signed_on_site → struck_off; taken back … → taken_back → in_repair → repaired →
  inspected (by a supervisor) → returned → return_signed → receipt_voided → closed; a few
  paid repairs go back unrepaired (the customer declined the quote); cancelled from
  registered or dispatched with the reason; a few customers lost their goods receipt and
  were identified instead; a few repairs that would miss their promised date were
  escalated (S9). ``changes`` is NULL in demo history: there is nothing to restore.
- S5/S8: a paid job (A) carries the fee computed from the labour rates (``labour_rate``)
  and the parts price list (``part_price``, which the parts lines use), collected on site
  and mostly handed to the accountant, or invoiced; the accountant's invoice (``No.`` and
  eight digits) for most finished paid jobs, the latest still waiting. A paid repair
  starts after the customer agreed to its quote. Kinds B and C carry no fee.
- S10–S12: ``work_log`` has a line for every completion on site (the call's hours) and
  every finished repair (the card's hours), with the job's kind and the technician.
- Times only move forward (received ≤ dispatched ≤ arrived ≤ … ≤ closed), fall within the
  branch's working hours (08:30–12:00, 13:00–17:30, Monday to Friday; New Year, May Day and
  National Day off; movable holidays such as the Spring Festival are not modelled, the demo
  needs no holiday calendar) and never after ``now``; old calls are finished, the open stages
  are the last days' calls. Every status is present even in a run of a few hundred calls.
- X3: call, receipt, card and contract numbers come from the configured patterns
  (``numbering``), gapless per period in time order, and the ``sequences`` table ends
  holding the last value of each period, so the program's next number continues the series.

How it is fast (1,000,000 calls, 8 million steps of history, in about two minutes,
DESIGN.md): times are counted in *working minutes* from the first day (480 a day), so a
stage is a sum of durations and always lands in working hours, and a time becomes the text
SQLAlchemy stores by two list lookups; the rows are plain tuples, made in a worker thread
(with their values flattened, and the two-character search pieces cut) while the caller's
thread writes the previous ones (SQLite with multi-row ``INSERT`` statements of a few
thousand values through the DBAPI, other databases with SQLAlchemy Core); meanwhile the
interpreter switches threads every 0.2 ms, so that the writing thread gets the GIL back as
soon as a statement is done. A history row carries the index of its (step, from, to) in
``STEP_KINDS``, which a ``CASE`` in the ``INSERT`` turns into the three texts, and no id
(SQLite numbers the rows in order, as the generator counts them). For large runs on
SQLite the full-text triggers and the secondary indexes are dropped for the duration of the
load and rebuilt once at the end from the SQL stored in ``sqlite_master`` (the
two-character indexes are filled during the load, from the pieces cut in the worker), and
foreign keys are not checked row by row (SQLite can switch that only outside the
transaction; the rows refer only to rows written before them, which the tests check with
the checks on). Memory stays flat: rows go out in chunks, and what later rows need (names,
products, the goods taken back) is kept in compact lists and arrays. The history of a call
is made with its register line (and, for goods taken back, with its repair card), so it
costs tuples, not queries.

Everything happens in one transaction: if anything fails the database is as it was,
triggers and indexes included.
"""

from __future__ import annotations

import queue
import random
import re
import sys
import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate, chain
from math import log as _log
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, Connection, Date, DateTime, Numeric, Table, func, select
from sqlalchemy.orm import Session

from .. import clock
from ..errors import UserError
from ..i18n import QT_TRANSLATE_NOOP, Translate
from ..models import (
    CallChannel,
    CallStatus,
    CallStep,
    ConsentChannel,
    Customer,
    CustomerCategory,
    CustomerProduct,
    District,
    GoodsEntry,
    LabourRate,
    MaintenanceContract,
    PartPrice,
    PaymentMethod,
    RepairCard,
    RepairCardStatus,
    RepairPart,
    ReturnOutcome,
    Role,
    ServiceCall,
    ServiceKind,
    Staff,
    WorkLog,
    WorkMode,
    contract_product,
)
from ..models import (
    Sequence as SequenceRow,
)
from . import numbering
from .process import Step

if TYPE_CHECKING:
    from ..db import Database

Progress = Callable[[int, int], None]

DATABASE_NOT_EMPTY = QT_TRANSLATE_NOOP(
    "Demo", "The database already holds service calls; demo data goes only into an empty register."
)
NEGATIVE_CALLS = QT_TRANSLATE_NOOP("Demo", "The number of demo calls cannot be negative ({calls}).")

# On SQLite, runs of at least this many calls drop the full-text triggers and secondary
# indexes while loading and rebuild them at the end; smaller runs keep them (cheaper than a
# rebuild when the database already holds many customers).
FAST_PATH_MIN_CALLS = 20_000
CHUNK = 20_000  # rows the worker thread hands over at a time
STATEMENT_PARAMETERS = 2500  # per INSERT (SQLite allows 32766; huge statements cost more a row)
LOAD_CACHE_SIZE = -65536  # SQLite page cache while loading (KiB): index builds need it
LOADED_TABLES = ("customer", "customer_product", "maintenance_contract", "contract_product", "service_call", "call_step",
                 "work_log", "goods_entry", "repair_card", "repair_part")
# FTS5 merges segments less eagerly while rebuilding (8 s of 25 on a million calls; searches
# stay within a millisecond or two), then goes back to the value it had.
REBUILD_AUTOMERGE = 16
SWITCH_INTERVAL = 0.0002  # seconds, while rows are made in the background (see _in_background)
TAIL_MINUTES = 10 * 480  # the last ten working days: their calls are planned before writing

# ---------------------------------------------------------------------------------------
# The branch's working time: minutes counted from the first day's 08:30, 480 a day.

DAY_MINUTES = 480
MORNING_MINUTES = 210  # 08:30–12:00, then 13:00–17:30
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (5, 3), (10, 1), (10, 2), (10, 3), (10, 4), (10, 5), (10, 6), (10, 7)}


def _clock_texts() -> list[str]:
    texts = []
    for m in range(DAY_MINUTES):
        since_midnight = 510 + m if m < MORNING_MINUTES else 780 + (m - MORNING_MINUTES)
        texts.append(f"{since_midnight // 60:02d}:{since_midnight % 60:02d}:00.000000")
    return texts


_CLOCK = _clock_texts()


class _Calendar:
    """Working days from ``first`` to ``last`` and the text SQLAlchemy stores for a
    working minute (``2026-11-28 09:30:00.000000``)."""

    def __init__(self, first: date, last: date) -> None:
        days = []
        d = first
        while d <= last:
            if d.weekday() < 5 and (d.month, d.day) not in FIXED_HOLIDAYS:
                days.append(d)
            d += timedelta(days=1)
        self.days = days
        self.day_isos = [day.isoformat() for day in days]
        self.day_texts = [iso + " " for iso in self.day_isos]
        self.ordinals = [day.toordinal() for day in days]

    def minute_of(self, moment: datetime) -> int:
        """Working minutes from the first day's start to ``moment`` (the end of the last
        working period when ``moment`` falls outside working hours)."""
        i = bisect_left(self.days, moment.date())
        if i < len(self.days) and self.days[i] == moment.date():
            t = moment.hour * 60 + moment.minute
            if t < 510:
                elapsed = 0
            elif t < 720:
                elapsed = t - 510
            elif t < 780:
                elapsed = MORNING_MINUTES
            elif t < 1050:
                elapsed = MORNING_MINUTES + t - 780
            else:
                elapsed = DAY_MINUTES
            return i * DAY_MINUTES + elapsed
        return i * DAY_MINUTES

    def text(self, w: int) -> str:
        return self.day_texts[w // DAY_MINUTES] + _CLOCK[w % DAY_MINUTES]

    def date_of(self, w: int) -> date:
        return self.days[w // DAY_MINUTES]


# ---------------------------------------------------------------------------------------
# Names, places and products.

CITY = "南京"
AREA_CODE = "025"
# district: (urban?, postcodes, streets)
DISTRICTS: dict[str, tuple[bool, tuple[str, ...], tuple[str, ...]]] = {
    "玄武区": (True, ("210008", "210018", "210042"), ("中山路", "北京东路", "珠江路", "龙蟠路", "太平北路", "中山东路", "玄武大道", "长江路")),
    "秦淮区": (True, ("210001", "210006", "210022"), ("中华路", "太平南路", "建康路", "长乐路", "白下路", "瑞金路", "光华路", "龙蟠中路")),
    "建邺区": (True, ("210019", "210017", "210041"), ("江东中路", "应天大街", "集庆门大街", "庐山路", "嘉陵江东街", "黄山路")),
    "鼓楼区": (True, ("210009", "210024", "210036"), ("中山北路", "湖南路", "广州路", "北京西路", "汉中路", "虎踞路", "草场门大街", "清凉门大街")),
    "栖霞区": (True, ("210046", "210023", "210038"), ("仙林大道", "和燕路", "栖霞大道", "文苑路", "学海路", "燕子矶路")),
    "雨花台区": (True, ("210012", "210039"), ("雨花大道", "软件大道", "宁南大道", "凤台南路", "安德门大街", "花神大道")),
    "江宁区": (False, ("211100", "211106", "211102"), ("天元中路", "双龙大道", "胜太路", "竹山路", "将军大道", "上元大街")),
    "浦口区": (False, ("211800", "211816"), ("浦珠北路", "大桥北路", "浦口大道", "浦滨路", "文德路", "雨山路")),
    "六合区": (False, ("211500", "211511"), ("雄州南路", "龙津路", "延安北路", "园林路", "泰山路")),
    "溧水区": (False, ("211200",), ("珍珠南路", "交通路", "通济街", "天生桥大道")),
    "高淳区": (False, ("211300",), ("宝塔路", "北岭路", "天河路", "镇兴路", "淳溪路")),
}
URBAN_NAMES = [d for d, (urban, _, _) in DISTRICTS.items() if urban]
SUBURBAN_NAMES = [d for d, (urban, _, _) in DISTRICTS.items() if not urban]
ESTATES = ("月牙湖花园", "龙江小区", "南湖新村", "仙林湖花园", "百家湖花园", "翠屏山庄", "金陵世纪花园", "清江花苑",
           "银城东苑", "万达华府", "朗诗国际街区", "汇景家园", "苜蓿园小区", "御道家园", "凤凰花园城", "天润城")

SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
            "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
SURNAME_WEIGHTS = [1.0 / (i + 6) for i in range(len(SURNAMES))]
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "慕容", "司徒")
GIVEN_SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚华玲飞鹏辉斌宇浩凯健俊帆帅旭宁颖婷雪琳晨阳鑫丹萍红燕波峰亮林欣慧倩琴云莉蕾佳"
GIVEN_DOUBLE = ("建华", "建国", "志强", "志明", "秀英", "秀兰", "桂英", "桂兰", "玉兰", "海燕", "晓东", "晓明", "晓燕", "丽娟",
                "国强", "国华", "德明", "文博", "子涵", "子轩", "浩然", "欣怡", "雨轩", "梓萱", "一诺", "思远", "宇航", "佳怡",
                "俊杰", "明轩", "诗涵", "嘉怡", "晨曦", "天佑", "若曦", "昊天", "雅琪", "家豪", "振华", "春梅", "冬梅", "红梅",
                "永强", "立新", "卫东", "小红", "小燕", "婷婷", "丹丹", "静怡", "思琪", "博文", "文静", "海涛", "金凤", "凤英")
# Rarer characters, which a GB2312-only font or index would lose (DESIGN.md).
RARE = "堃喆玥珺赟犇淼垚燚彧祎翀昉暐琤甡昇琰璟骞"
# Everyday names that must be in any demo: two-character names are the hard case of search.
FIRST_PERSONS = ("张伟", "王芳", "李娜", "刘洋", "王秀英", "陈喆", "张堃", "欧阳思堃")

TRADE_NAMES = ("恒达", "华信", "宏图", "鑫源", "瑞丰", "天成", "博远", "汇通", "中联", "东方", "紫金", "金陵", "秦淮", "龙腾",
               "安泰", "锦程", "明德", "嘉禾", "永盛", "宁通", "华泰", "新港", "钟山", "扬子", "康达", "佳和", "德润", "信诚",
               "盛世", "润泽", "众成", "同创", "远航", "卓越", "凯旋", "银河", "星辰", "合力", "德信", "聚源", "弘毅", "万方",
               "伟业", "亿达", "丰泽", "喆达", "堃元", "致远", "启明", "天工")
INDUSTRIES = (("科技", "计算机软硬件开发、技术服务"), ("贸易", "日用百货、五金交电、建筑材料销售"),
              ("建筑工程", "房屋建筑工程施工、装饰装修"), ("物流", "普通货运、仓储服务"), ("医药", "中西成药、医疗器械批发"),
              ("服装", "服装、鞋帽的生产与销售"), ("文化传媒", "文化艺术交流策划、广告设计制作"),
              ("餐饮管理", "餐饮服务、餐饮企业管理"), ("房地产开发", "房地产开发经营、物业管理"),
              ("电子", "电子产品、通讯器材研发与销售"), ("机械制造", "通用机械设备制造、销售"),
              ("教育咨询", "教育信息咨询、培训服务"), ("印务", "包装装潢印刷品、其他印刷品印刷"),
              ("装饰工程", "室内外装饰工程设计、施工"), ("物业管理", "物业管理、停车场服务"))
FIRM_SUFFIXES = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司")
INSTITUTIONS = ("人民医院", "社区卫生服务中心", "街道办事处", "实验小学", "第一中学", "图书馆", "税务分局", "公证处")
BANKS = ("中国工商银行", "中国建设银行", "中国银行", "中国农业银行", "交通银行", "招商银行", "南京银行", "江苏银行")
BANK_BRANCHES = ("新街口", "中山北路", "河西", "仙林", "江宁开发区", "鼓楼", "珠江路", "城南", "浦口", "迈皋桥")
INSURERS = ("中国人寿保险股份有限公司", "中国平安财产保险股份有限公司", "中国太平洋保险股份有限公司", "中华联合财产保险股份有限公司")
SPECIAL_FIRMS = (("江苏{t}律师事务所", "法律咨询、诉讼代理"), ("南京{t}会计师事务所", "审计、验资、财务咨询"),
                 ("江苏{t}税务师事务所", "税务代理、税务咨询"), ("南京{t}广告有限公司", "广告设计、制作、代理、发布"),
                 ("南京{t}公关顾问有限公司", "公共关系策划、企业形象策划"), ("南京{t}融资担保有限公司", "贷款担保、融资咨询"),
                 ("南京{t}融资租赁有限公司", "融资租赁业务"), ("南京{t}投资咨询有限公司", "投资咨询、财务顾问"))
SUPPLIER_FIRMS = (("南京{t}电子元件有限公司", "电子元器件生产、销售"), ("南京{t}精密机械有限公司", "精密零部件加工"),
                  ("南京{t}塑胶制品厂", "塑料制品、注塑件生产"), ("南京{t}纸业有限公司", "复印纸、打印纸生产销售"),
                  ("南京{t}耗材科技有限公司", "墨粉、硒鼓等办公耗材生产"), ("南京{t}光电科技有限公司", "光电器件研发、生产"))
DISTRIBUTOR_FIRMS = (("南京{t}办公设备有限公司", "办公设备销售及维修"), ("南京{t}办公用品经营部", "办公用品、文具零售"),
                     ("南京{t}数码科技有限公司", "数码产品、办公设备销售"), ("南京{t}商贸有限公司", "办公设备、电子产品批发零售"),
                     ("南京{t}电脑耗材商行", "电脑及耗材零售"))

# The company's products: (model as the register writes it, serial prefix, warranty years,
# weight, kind of machine). Kinds index FAULTS, WORK and PARTS.
PRODUCTS = (
    ("DC-2020 数码复印机", "DC2020", 1, 6, "copier"),
    ("DC-2525 数码复印机", "DC2525", 1, 7, "copier"),
    ("DC-3065 数码复印机", "DC3065", 1, 6, "copier"),
    ("DC-4570 数码复印机", "DC4570", 2, 3, "copier"),
    ("MF-4420 多功能一体机", "MF4420", 1, 8, "printer"),
    ("MF-6550 多功能一体机", "MF6550", 2, 4, "copier"),
    ("LP-1020 激光打印机", "LP1020", 1, 9, "printer"),
    ("LP-2250 激光打印机", "LP2250", 1, 7, "printer"),
    ("LP-3300 激光打印机", "LP3300", 2, 3, "printer"),
    ("DP-730K 针式打印机", "DP730K", 1, 5, "printer"),
    ("FX-780 传真机", "FX780", 1, 5, "fax"),
    ("FX-1250 传真机", "FX1250", 1, 3, "fax"),
    ("PJ-X350 投影机", "PJX350", 1, 4, "projector"),
    ("PJ-W520 投影机", "PJW520", 2, 2, "projector"),
    ("SC-1200 扫描仪", "SC1200", 1, 2, "scanner"),
)
PRODUCT_WEIGHTS = [p[3] for p in PRODUCTS]
KINDS = ("copier", "printer", "fax", "projector", "scanner")
FAULTS = {
    "copier": ("频繁卡纸", "复印件有黑线", "复印件底灰重", "不能开机", "显示错误代码E202", "定影器异响", "进纸器不进纸",
               "复印件字迹模糊", "双面器不工作", "面板按键失灵"),
    "printer": ("打印卡纸", "打印有重影", "不能联机打印", "打印件空白", "打印件有竖条纹", "进纸歪斜", "通电无反应",
                "打印头不复位"),
    "fax": ("不能接收传真", "传真件不清晰", "无拨号音", "发送时卡纸", "自动切断"),
    "projector": ("灯泡不亮", "画面偏色", "无信号输出", "风扇噪音大", "使用中自动关机", "画面有亮点"),
    "scanner": ("扫描件有条纹", "电脑无法识别", "进纸器不进纸", "灯管不亮"),
}
WORK_ON_SITE = {
    "copier": ("清洁光学系统，更换搓纸轮", "清洁定影器并调整", "更换墨粉盒，调整浓度", "清理卡纸，调整分离爪", "更新固件，重设参数"),
    "printer": ("清洁搓纸轮，试打正常", "重新安装驱动程序", "更换硒鼓", "清理卡纸，调整进纸导板", "紧固数据线，测试正常"),
    "fax": ("调整线路，测试收发正常", "清洁热敏头", "更换话柄线", "重设传真参数"),
    "projector": ("清洁滤网及光路", "重新设置输入信号", "更换灯泡", "清洁风扇，测试正常"),
    "scanner": ("清洁扫描玻璃及镜头", "重新安装驱动程序", "调整进纸器"),
}
WORK_TAKE_BACK = ("现场无法修复，取回维修", "需更换部件，取回修理", "主板故障，取回检修", "机械部分损坏，取回修理")
WORK_IN_SHOP = {
    "copier": ("更换定影组件，测试正常", "更换显影组件，调整图像", "更换主板，重设参数", "更换激光器，调整光路", "更换搓纸轮及分离爪"),
    "printer": ("更换定影组件", "更换主板，测试正常", "更换传动齿轮，试打正常", "更换硒鼓及搓纸轮"),
    "fax": ("更换热敏打印头", "更换电源板", "更换分页器，测试正常"),
    "projector": ("更换灯泡，清洁光路", "更换色轮", "更换DMD芯片", "更换电源板，测试正常"),
    "scanner": ("更换灯管", "更换主板", "更换进纸器组件"),
}
# part number, name, unit price (yuan)
PARTS = {
    "copier": (("FC6-7083", "搓纸轮", 35), ("FM4-8400", "定影膜", 260), ("FM3-9303", "定影加热组件", 680),
               ("NPG-51", "硒鼓", 420), ("FM4-1127", "显影组件", 550), ("FM3-5936", "主板", 1200), ("FM2-8124", "激光器", 980),
               ("FC5-6934", "分离爪", 25), ("FK2-0340", "高压板", 380)),
    "printer": (("RM1-6405", "定影组件", 320), ("CF230A", "硒鼓", 380), ("RL1-2412", "搓纸轮", 30),
                ("CF229-6001", "主板", 450), ("RU5-0331", "传动齿轮", 15), ("DP-H24", "打印头", 520)),
    "fax": (("FX-TPH01", "热敏打印头", 260), ("FX-PS02", "电源板", 180), ("FX-HS03", "话柄", 45), ("FX-SP04", "分页器", 20)),
    "projector": (("PJ-LMP35", "灯泡", 980), ("PJ-CW12", "色轮", 450), ("PJ-DMD8", "DMD芯片", 1600),
                  ("PJ-FAN2", "风扇", 85), ("PJ-PWR5", "电源板", 320)),
    "scanner": (("SC-LMP1", "灯管", 120), ("SC-MB12", "主板", 380), ("SC-ADF3", "进纸器组件", 260)),
}
ACCESSORIES = ("无", "电源线", "电源线、数据线", "电源适配器", "遥控器、电源线", "纸盒一个", "电源线、纸盒")
CONDITIONS = ("外观完好", "外观完好", "外壳有轻微划痕", "面板有污渍", "外壳破损一处", "缺一只脚垫")
INSPECTION_RESULTS = ("合格", "合格", "合格", "复检合格", "合格，已试机")
CANCEL_REASONS = ("客户来电取消，已自行解决", "重复登记，取消", "客户联系不上，取消", "客户已送外修理", "机器已报废，客户不再维修",
                  "客户改期，另行登记")
OVERRIDE_TO_PAID = "人为损坏，不属保修范围"
# S5: now and then the fee charged on site is not the computed one, with the reason
FEE_DISCOUNT_REASON = "老客户优惠，减免部分工时费"
FEE_DISCOUNT = 2000  # cents
# a paid repair the customer declined: the goods go back unrepaired, the check is charged
DECLINE_REASON = "客户不同意报价，不修理"
CHECK_FEE = 5000  # cents
CHECK_FEE_REASON = "客户不同意报价，收取检测费"
ESCALATION_NOTES = ("等待配件到货，无法按期修复", "故障复杂，需厂家技术支持", "主板需返厂检修，预计延期一周",
                    "更换部件后仍有故障，继续排查")
UNDO_DISPATCH_NOTE = "派错技术员，撤回重派"
ID_PREFIXES = ("3201", "3201", "3201", "3201", "3211", "3205", "3401", "3101")  # 身份证 area codes, mostly Nanjing

# S5, S8: the labour rates (on site, repair: yuan an hour, minimum) from before the first
# call; large runs also have the rise at the start of last year.
RATES = {WorkMode.ON_SITE.value: (80, 80), WorkMode.REPAIR.value: (60, 50)}
RAISED_RATES = {WorkMode.ON_SITE.value: (100, 100), WorkMode.REPAIR.value: (80, 60)}
# a maintenance contract's yearly fee per machine, by kind of machine
CONTRACT_FEES = {"copier": 1200, "printer": 480, "fax": 300, "projector": 600, "scanner": 300}
CONTRACT_REMARKS = (None, None, None, "每季度上门保养一次", "含耗材更换", "含硒鼓更换，纸张除外")

# Status of a call by path and by how many of the path's events have happened (S2–S9).
ON_SITE, TAKE_BACK, CANCEL, DECLINED, CANCEL_DISPATCHED = range(5)
PATH_STATUSES = {
    ON_SITE: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.ARRIVED, CallStatus.COMPLETED_ON_SITE,
              CallStatus.SIGNED_ON_SITE, CallStatus.STRUCK_OFF),
    TAKE_BACK: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.ARRIVED, CallStatus.TAKEN_BACK,
                CallStatus.IN_REPAIR, CallStatus.REPAIRED, CallStatus.INSPECTED, CallStatus.RETURNED,
                CallStatus.RETURN_SIGNED, CallStatus.RECEIPT_VOIDED, CallStatus.CLOSED),
    CANCEL: (CallStatus.REGISTERED, CallStatus.CANCELLED),
    # a paid repair whose quote the customer declined: back unrepaired
    DECLINED: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.ARRIVED, CallStatus.TAKEN_BACK,
               CallStatus.RETURNED, CallStatus.RETURN_SIGNED, CallStatus.RECEIPT_VOIDED, CallStatus.CLOSED),
    CANCEL_DISPATCHED: (CallStatus.REGISTERED, CallStatus.DISPATCHED, CallStatus.CANCELLED),
}
TAKEN_PATHS = (TAKE_BACK, DECLINED)
# Where a missing status is best taken from in a small run: the age (working minutes) of a
# call that would plausibly be at that stage now, and the path and event count it needs
# (path -1: any path that has the status at that count, else on site).
TARGETS: dict[CallStatus, tuple[int, int, int]] = {
    CallStatus.REGISTERED: (0, -1, 0),
    CallStatus.DISPATCHED: (60, -1, 1),
    CallStatus.ARRIVED: (150, -1, 2),
    CallStatus.COMPLETED_ON_SITE: (300, ON_SITE, 3),
    CallStatus.SIGNED_ON_SITE: (450, ON_SITE, 4),
    CallStatus.STRUCK_OFF: (1500, ON_SITE, 5),
    CallStatus.TAKEN_BACK: (500, TAKE_BACK, 3),
    CallStatus.IN_REPAIR: (1200, TAKE_BACK, 4),
    CallStatus.REPAIRED: (1800, TAKE_BACK, 5),
    CallStatus.INSPECTED: (2400, TAKE_BACK, 6),
    CallStatus.RETURNED: (3000, TAKE_BACK, 7),
    CallStatus.RETURN_SIGNED: (3300, TAKE_BACK, 8),
    CallStatus.RECEIPT_VOIDED: (3600, TAKE_BACK, 9),
    CallStatus.CLOSED: (4000, TAKE_BACK, 10),
    CallStatus.CANCELLED: (1000, CANCEL, 1),
}

# The codes as stored, for the hot path (an enum member's .value costs a lookup each time).
PATH_STATUS_VALUES = {path: tuple(s.value for s in statuses) for path, statuses in PATH_STATUSES.items()}
_PAID, _CONTRACT, _FREE = ServiceKind.PAID.value, ServiceKind.CONTRACT.value, ServiceKind.FREE.value
_KIND_CODES = (_PAID, _CONTRACT, _FREE)
_PHONE, _VISIT, _LETTER = CallChannel.PHONE.value, CallChannel.VISIT.value, CallChannel.LETTER.value
_SUBURBAN = District.SUBURBAN.value
_ST = CallStatus
_REGISTERED, _DISPATCHED, _ARRIVED = _ST.REGISTERED.value, _ST.DISPATCHED.value, _ST.ARRIVED.value
_COMPLETED, _SIGNED_ON_SITE, _STRUCK_OFF = _ST.COMPLETED_ON_SITE.value, _ST.SIGNED_ON_SITE.value, _ST.STRUCK_OFF.value
_TAKEN_BACK, _IN_REPAIR, _REPAIRED, _INSPECTED = (_ST.TAKEN_BACK.value, _ST.IN_REPAIR.value, _ST.REPAIRED.value,
                                                  _ST.INSPECTED.value)
_RETURNED, _RETURN_SIGNED, _RECEIPT_VOIDED, _CLOSED = (_ST.RETURNED.value, _ST.RETURN_SIGNED.value,
                                                        _ST.RECEIPT_VOIDED.value, _ST.CLOSED.value)
_CANCELLED = _ST.CANCELLED.value
_COLLECTED, _INVOICE = PaymentMethod.COLLECTED.value, PaymentMethod.INVOICE.value
_MODE_ON_SITE, _MODE_REPAIR = WorkMode.ON_SITE.value, WorkMode.REPAIR.value
_CONSENT_CHANNELS = (ConsentChannel.PHONE.value,) * 16 + (ConsentChannel.IN_PERSON.value,) * 3 + (
    ConsentChannel.LETTER.value,)

_UNREPAIRED, _REPAIRED_OUTCOME = ReturnOutcome.UNREPAIRED.value, ReturnOutcome.REPAIRED.value
_KIND_INDEX = {kind: i for i, kind in enumerate(_KIND_CODES)}
_NEVER = 2**31 - 1  # a working minute that never comes (fits the record arrays)
UNDO_SHARE = 0.004  # dispatches first given to the wrong technician and taken back
NO_RATE_REASON = "当日未设工时费标准，按常规标准收取"
_STEP_REGISTER, _STEP_DISPATCH, _STEP_ARRIVE, _STEP_UNDO, _STEP_CANCEL = (
    Step.REGISTER, Step.DISPATCH, Step.ARRIVE, Step.UNDO, Step.CANCEL)
_STEP_COMPLETE, _STEP_SIGN, _STEP_STRIKE_OFF, _STEP_HAND_OVER, _STEP_INVOICE = (
    Step.COMPLETE_ON_SITE, Step.SIGN, Step.STRIKE_OFF, Step.HAND_OVER_FEE, Step.INVOICE)
_STEP_TAKE_BACK, _STEP_QUOTE, _STEP_CONSENT, _STEP_START_REPAIR, _STEP_FINISH_REPAIR, _STEP_INSPECT = (
    Step.TAKE_BACK, Step.QUOTE, Step.CONSENT, Step.START_REPAIR, Step.FINISH_REPAIR, Step.INSPECT)
_STEP_RETURN_GOODS, _STEP_RETURN_UNREPAIRED, _STEP_SET_FEE, _STEP_VOID_RECEIPT, _STEP_CLOSE, _STEP_ESCALATE = (
    Step.RETURN_GOODS, Step.RETURN_UNREPAIRED, Step.SET_FEE, Step.VOID_RECEIPT, Step.CLOSE, Step.ESCALATE)

# The steps of the history as (step, from status, to status), the frequent first: demo rows
# carry the index (a CASE in the INSERT turns it into the three texts, cheaper than binding
# them: a million calls have eight million steps).
STEP_KINDS: tuple[tuple[str, str, str], ...] = (
    (_STEP_REGISTER, "", _REGISTERED),
    (_STEP_DISPATCH, _REGISTERED, _DISPATCHED),
    (_STEP_ARRIVE, _DISPATCHED, _ARRIVED),
    (_STEP_COMPLETE, _ARRIVED, _COMPLETED),
    (_STEP_SIGN, _COMPLETED, _SIGNED_ON_SITE),
    (_STEP_STRIKE_OFF, _SIGNED_ON_SITE, _STRUCK_OFF),
    (_STEP_INVOICE, _STRUCK_OFF, _STRUCK_OFF),
    (_STEP_HAND_OVER, _STRUCK_OFF, _STRUCK_OFF),
    (_STEP_TAKE_BACK, _ARRIVED, _TAKEN_BACK),
    (_STEP_START_REPAIR, _TAKEN_BACK, _IN_REPAIR),
    (_STEP_FINISH_REPAIR, _IN_REPAIR, _REPAIRED),
    (_STEP_INSPECT, _REPAIRED, _INSPECTED),
    (_STEP_RETURN_GOODS, _INSPECTED, _RETURNED),
    (_STEP_SIGN, _RETURNED, _RETURN_SIGNED),
    (_STEP_VOID_RECEIPT, _RETURN_SIGNED, _RECEIPT_VOIDED),
    (_STEP_CLOSE, _RECEIPT_VOIDED, _CLOSED),
    (_STEP_QUOTE, _TAKEN_BACK, _TAKEN_BACK),
    (_STEP_CONSENT, _TAKEN_BACK, _TAKEN_BACK),
    (_STEP_INVOICE, _INSPECTED, _INSPECTED),
    (_STEP_CANCEL, _REGISTERED, _CANCELLED),
    (_STEP_CANCEL, _DISPATCHED, _CANCELLED),
    (_STEP_UNDO, _DISPATCHED, _REGISTERED),
    (_STEP_ESCALATE, _TAKEN_BACK, _TAKEN_BACK),
    (_STEP_ESCALATE, _IN_REPAIR, _IN_REPAIR),
    (_STEP_SET_FEE, _TAKEN_BACK, _TAKEN_BACK),
    (_STEP_RETURN_UNREPAIRED, _TAKEN_BACK, _RETURNED),
    (_STEP_INVOICE, _RETURN_SIGNED, _RETURN_SIGNED),
)
_STEP_CODE = {(step, before): code for code, (step, before, _) in enumerate(STEP_KINDS)}
(_K_REGISTER, _K_DISPATCH, _K_ARRIVE, _K_COMPLETE, _K_SIGN, _K_STRIKE_OFF, _K_INVOICE, _K_HAND_OVER) = range(8)
_K_CANCEL = _STEP_CODE[_STEP_CANCEL, _REGISTERED]
_K_CANCEL_DISPATCHED = _STEP_CODE[_STEP_CANCEL, _DISPATCHED]
_K_UNDO_DISPATCH = _STEP_CODE[_STEP_UNDO, _DISPATCHED]


def _money(cents: int) -> int | float:
    """What SQLite stores for an amount: whole yuan as an integer, else yuan and cents."""
    return cents // 100 if cents % 100 == 0 else cents / 100


# ---------------------------------------------------------------------------------------
# The summary.


@dataclass
class DemoSummary:
    """What ``generate`` wrote."""

    staff: int = 0
    customers: dict[str, int] = field(default_factory=dict)  # by CustomerCategory value
    products: int = 0
    calls: dict[str, int] = field(default_factory=dict)  # by CallStatus value
    goods_entries: int = 0
    repair_cards: int = 0
    parts: int = 0
    contracts: int = 0
    contract_products: int = 0  # the machines the contracts cover
    labour_rates: int = 0
    part_prices: int = 0
    steps: int = 0  # call_step rows, the calls' history
    work_logs: int = 0
    first_day: date | None = None
    last_day: date | None = None
    seconds: float = field(default=0.0, compare=False)

    @property
    def total_customers(self) -> int:
        return sum(self.customers.values())

    @property
    def total_calls(self) -> int:
        return sum(self.calls.values())

    def describe(self, translate: Translate | None = None) -> str:
        from .labels import CALL_STATUS, CUSTOMER_CATEGORY

        categories = ", ".join(
            f"{CUSTOMER_CATEGORY[c.value].tr(translate)} {self.customers[c.value]}"
            for c in CustomerCategory
            if self.customers.get(c.value)
        )
        statuses = ", ".join(
            f"{CALL_STATUS[s.value].tr(translate)} {self.calls[s.value]}" for s in CallStatus if self.calls.get(s.value)
        )
        lines = [
            QT_TRANSLATE_NOOP("Demo", "Demo data: {staff} staff, {customers} customers ({categories}), {products} products.").tr(
                translate,
                staff=self.staff,
                customers=self.total_customers,
                categories=categories,
                products=self.products,
            ),
            QT_TRANSLATE_NOOP("Demo", "{calls} service calls received from {first} to {last}: {statuses}.").tr(
                translate,
                calls=self.total_calls,
                first=self.first_day.isoformat() if self.first_day else "-",
                last=self.last_day.isoformat() if self.last_day else "-",
                statuses=statuses,
            ),
            QT_TRANSLATE_NOOP("Demo", "{goods} goods entries, {cards} repair cards with {parts} parts lines.").tr(
                translate, goods=self.goods_entries, cards=self.repair_cards, parts=self.parts
            ),
            QT_TRANSLATE_NOOP(
                "Demo", "{contracts} maintenance contracts; {steps} steps in the calls' history, {logs} work log lines."
            ).tr(translate, contracts=self.contracts, steps=self.steps, logs=self.work_logs),
            QT_TRANSLATE_NOOP("Demo", "Written in {seconds} s.").tr(translate, seconds=f"{self.seconds:.1f}"),
        ]
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Numbers (X3).


class _Numbers:
    """Numbers of one rule, issued in time order, gapless per period, continuing any
    values the ``sequences`` table already holds. ``NumberPattern.format`` runs once a day
    (to learn the text around the counter, and to check the first number of the day); the
    numbers in between are plain string building."""

    _PROBE = 7_391_827_364_519  # a counter value whose digits cannot come from a date

    def __init__(self, rule: str, pattern: numbering.NumberPattern, existing: dict[str, int]) -> None:
        self.rule = rule
        self.pattern = pattern
        self.existing = existing
        self._last = dict(existing)  # period -> last value issued
        self._used: dict[str, int] = {}
        self._day: date | None = None
        self._period = ""
        self._head = self._tail = ""
        self._width = 1
        self._value = 0

    def _enter(self, day: date) -> None:
        if self._day is not None:
            self._last[self._period] = self._used[self._period] = self._value
        pattern = self.pattern
        period = pattern.period(day)
        head, _, tail = pattern.format(day, self._PROBE).partition(str(self._PROBE))
        self._day, self._period, self._head, self._tail = day, period, head, tail
        self._width = len(pattern.format(day, 1)) - len(head) - len(tail)
        self._value = value = self._last.get(period, 0)
        self._used[period] = value
        expected = pattern.format(day, value + 1)
        assert head + str(value + 1).zfill(self._width) + tail == expected, (expected, pattern.text)

    def take(self, day: date) -> str:
        if day != self._day:
            self._enter(day)
        self._value += 1
        return self._head + str(self._value).zfill(self._width) + self._tail

    def used(self) -> dict[str, int]:
        """The last value issued in every period this load used."""
        if self._day is not None:
            self._last[self._period] = self._used[self._period] = self._value
        return {period: value for period, value in self._used.items() if value > self.existing.get(period, 0)}


# ---------------------------------------------------------------------------------------
# Writing rows.


class _Writer:
    """Inserts tuples in column order: on SQLite through the DBAPI, many rows per
    statement (the values are already what SQLAlchemy stores there: times as text, numbers
    as numbers); elsewhere through SQLAlchemy Core, the values turned into Python's."""

    def __init__(self, conn: Connection, raw: bool) -> None:
        self.conn = conn
        self.raw = raw
        self.cursor = conn.connection.driver_connection.cursor() if raw else None
        self.next_step_id = 1  # (set by the load) the id of the next call_step row
        self._sql: dict[str, str] = {}
        self._converters: dict[str, list[Callable[[object], object] | None]] = {}
        self.max_ids: dict[str, int] = {}

    def insert(self, table: Table, columns: Sequence[str], rows: list[tuple], flat: list | None = None) -> None:
        """``flat``: the rows' values one after the other, made beforehand (by the worker
        thread, ``_flattened``) for the SQLite path."""
        if not rows:
            return
        name = table.name
        if columns is STEP_ROW:  # the history's compact rows
            if self.raw:
                self._execute(name + "#steps", _STEP_INSERT, ")", len(columns), rows, flat)
                return
            kinds = STEP_KINDS
            first = self.next_step_id
            rows = [(first + i, call, *kinds[kind], at, at, by, note, undoes)
                    for i, (call, kind, at, by, note, undoes) in enumerate(rows)]
            self.next_step_id = first + len(rows)
            columns = STEP_COLUMNS
        if self.raw:
            self._execute(name, f"INSERT INTO {name} ({', '.join(columns)}) VALUES ", "", len(columns), rows, flat)
        else:
            convert = self._converters.get(name)
            if convert is None:
                convert = [_converter(table.c[c].type) for c in columns]
                self._converters[name] = convert
            values = [
                {c: (f(v) if f is not None and v is not None else v) for c, f, v in zip(columns, convert, row)}
                for row in rows
            ]
            self.conn.execute(table.insert(), values)
            if columns[0] == "id":  # for the serial sequences of PostgreSQL
                self.max_ids[name] = max(self.max_ids.get(name, 0), max(r[0] for r in rows))

    def _execute(self, key: str, head: str, tail: str, width: int, rows: list[tuple], flat: list | None) -> None:
        """Many rows per statement: SQLite then runs long stretches without the GIL
        (executemany takes it back after every row), so the worker thread making the next
        rows runs meanwhile. Not too many though: a statement of thousands of rows costs
        more a row than one of a few dozen (STATEMENT_PARAMETERS)."""
        per = max(1, STATEMENT_PARAMETERS // width)
        one = f"({', '.join('?' * width)})"
        full = self._sql.get(key)
        if full is None:
            full = self._sql[key] = head + ", ".join([one] * per) + tail
        if flat is None:
            flat = list(chain.from_iterable(rows))
        execute = self.cursor.execute
        step = per * width
        for i in range(0, len(flat), step):
            part = flat[i : i + step]
            execute(full if len(part) == step else head + ", ".join([one] * (len(part) // width)) + tail, part)


def _flattened(chunks: Iterator[Chunk]) -> Iterator[tuple]:
    """The chunks with their values flattened for the SQLite path, in the worker thread."""
    for table, columns, rows, units in chunks:
        yield table, columns, rows, units, list(chain.from_iterable(rows))


def _converter(sql_type) -> Callable[[object], object] | None:
    if isinstance(sql_type, Boolean):
        return bool
    if isinstance(sql_type, DateTime):
        return datetime.fromisoformat
    if isinstance(sql_type, Date):
        return date.fromisoformat
    if isinstance(sql_type, Numeric):
        return lambda v: Decimal(str(v))
    return None


def bigram_pieces(values: Sequence[str | None]) -> str | None:
    """The two-character pieces the bigram triggers cut (migration 0001), as one text."""
    pieces = [v[k : k + 2] for v in values if v for k in range(len(v) - 1)]
    return " ".join(pieces) if pieces else None


class _SearchIndexPause:
    """On SQLite, the full-text triggers and the secondary (non-unique) indexes of the
    tables being loaded are dropped, and re-created at the end from the SQL that
    ``sqlite_master`` held; each full-text index is rebuilt once from its content table.
    Inside the caller's transaction, so a failure rolls the drops back too."""

    def __init__(self, cursor, tables: Iterable[str]) -> None:
        self.cursor = cursor
        tables = tuple(tables)
        marks = ", ".join("?" * len(tables))
        fts = cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
        ).fetchall()
        self.fts_tables: list[str] = []
        content_of: dict[str, str] = {}
        contentless = []
        for name, sql in fts:
            m = re.search(r"content\s*=\s*'([^']*)'", sql)
            if m and m.group(1) in tables:
                self.fts_tables.append(name)
                content_of[name] = m.group(1)
            elif m and m.group(1) == "":
                contentless.append(name)
        triggers = cursor.execute(
            f"SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks}) ORDER BY name",
            tables,
        ).fetchall()
        self.triggers = [
            (name, sql)
            for name, table, sql in triggers
            if any(content_of[f] == table and re.search(rf"\b{re.escape(f)}\b", sql) for f in self.fts_tables)
        ]
        # Contentless indexes (the two-character pieces) cannot 'rebuild': they are refilled
        # from the loaded table with the pieces their own AFTER INSERT trigger would cut
        # (every substr(v, i, 2) with i < length(v), of the columns the trigger names).
        self.refills: list[tuple[str, str, list[str]]] = []  # (index, table, columns)
        for name, table, sql in triggers:
            for index in contentless:
                if not re.search(rf"\b{re.escape(index)}\b", sql):
                    continue
                self.triggers.append((name, sql))
                if re.search(rf"AFTER INSERT ON {re.escape(table)}\b", sql):
                    columns = [c for c in re.findall(r"\bnew\.(\w+) AS v\b|UNION ALL SELECT new\.(\w+)", sql) for c in c if c]
                    self.refills.append((index, table, columns))
        indexes = cursor.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks}) "
            "ORDER BY name",
            tables,
        ).fetchall()
        self.indexes = [(name, sql) for name, sql in indexes if not sql.lstrip().upper().startswith("CREATE UNIQUE")]

    def set_automerge(self, index: str, value: int) -> None:
        self.cursor.execute(f"INSERT INTO \"{index}\"(\"{index}\", rank) VALUES ('automerge', {int(value)})")

    def lazy_merges(self, index: str) -> int:
        """Let the full-text index merge its segments less eagerly (while it is filled in
        bulk); returns the setting it had."""
        row = self.cursor.execute(f"SELECT v FROM \"{index}_config\" WHERE k = 'automerge'").fetchone()
        self.set_automerge(index, REBUILD_AUTOMERGE)
        return int(row[0]) if row else 4  # FTS5's default

    def drop(self) -> None:
        for name, _ in self.triggers:
            self.cursor.execute(f'DROP TRIGGER "{name}"')
        for name, _ in self.indexes:
            self.cursor.execute(f'DROP INDEX "{name}"')

    def restore(self, step: Callable[[], None], refilled: Iterable[str] = ()) -> None:
        """Everything back; the contentless indexes named in ``refilled`` were filled
        during the load (``_with_bigrams``)."""
        cursor = self.cursor
        refilled = set(refilled)
        for _, sql in self.indexes:
            cursor.execute(sql)
        step()
        for name in self.fts_tables:
            automerge = self.lazy_merges(name)
            cursor.execute(f"INSERT INTO \"{name}\"(\"{name}\") VALUES ('rebuild')")
            self.set_automerge(name, automerge)
            step()
        reader = cursor.connection.cursor()
        for index, table, columns in self.refills:
            if index in refilled:
                step()
                continue
            reader.execute(f'SELECT id, {", ".join(columns)} FROM "{table}"')
            while rows := reader.fetchmany(CHUNK):
                cursor.executemany(
                    f'INSERT INTO "{index}"(rowid, pieces) VALUES (?, ?)', [(r[0], bigram_pieces(r[1:])) for r in rows]
                )
            step()
        reader.close()
        for _, sql in self.triggers:
            cursor.execute(sql)


# ---------------------------------------------------------------------------------------
# The generator.

STAFF_COLUMNS = ("id", "name", "role", "phone", "active")
CUSTOMER_COLUMNS = ("id", "code", "name", "category", "district", "legal_representative", "address", "postcode", "phone",
                    "fax", "business_scope", "registered_capital", "contact_person", "remarks")
PRODUCT_COLUMNS = ("id", "customer_id", "model", "serial_no", "purchase_date", "warranty_end")
CALL_COLUMNS = ("id", "call_no", "received_at", "channel", "customer_id", "product_id", "customer_name", "phone", "address",
                "product_model", "serial_no", "fault", "district", "service_kind", "kind_override_reason", "status",
                "technician_id", "dispatched_at", "arrived_at", "work_done", "hours_spent", "fee", "signed_by", "signed_at",
                "closed_at", "registered_by_id", "remarks", "fee_computed", "fee_override_reason", "payment_method",
                "fee_collected", "fee_handed_at", "fee_handed_to_id", "invoice_no", "invoice_at", "invoice_by_id",
                "cancel_reason")
GOODS_COLUMNS = ("id", "receipt_no", "call_id", "customer_id", "product_id", "customer_name", "phone", "product_model",
                 "serial_no", "accessories", "condition", "taken_in_at", "taken_in_by_id", "promised_date", "returned_at",
                 "returned_by_id", "received_back_by", "receipt_voided_at", "return_outcome", "receipt_lost",
                 "identity_checked_by_id", "identity_document")
CARD_COLUMNS = ("id", "card_no", "goods_entry_id", "call_id", "customer_name", "product_model", "serial_no", "fault",
                "opened_at", "technician_id", "promised_date", "work_done", "repair_hours", "labour_fee", "status",
                "repaired_at", "inspected_by_id", "inspected_at", "inspection_result", "inspection_passed",
                "quote_amount", "quoted_at", "consent_given", "consent_by", "consent_at", "consent_channel",
                "escalation_note", "escalated_at", "escalated_by_id")
PART_COLUMNS = ("id", "card_id", "line_no", "part_no", "name", "quantity", "unit_price")
STEP_COLUMNS = ("id", "call_id", "step", "from_status", "to_status", "happened_at", "recorded_at", "by_id", "note",
                "undoes_id")
# What the generator makes: the kind indexes STEP_KINDS; recorded when it happened. The
# ids are implicit: the rows come in id order from the table's next id (SQLite gives each
# row the largest id + 1; the Core path counts them).
STEP_ROW = ("call_id", "kind", "happened_at", "by_id", "note", "undoes_id")


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _case(column: str, values: Sequence[str]) -> str:
    return f"CASE {column} " + " ".join(f"WHEN {k} THEN {_sql_text(v)}" for k, v in enumerate(values)) + " END"


_STEP_INSERT = (
    f"INSERT INTO {CallStep.__tablename__} ({', '.join(STEP_COLUMNS[1:])}) SELECT column1, "
    + ", ".join(_case("column2", [kind[i] for kind in STEP_KINDS]) for i in range(3))
    + ", column3, column3, column4, column5, column6 FROM (VALUES "
)

WORK_COLUMNS = ("id", "call_id", "card_id", "technician_id", "work_day", "service_kind", "mode", "hours", "step_id")
CONTRACT_COLUMNS = ("id", "contract_no", "customer_id", "start_date", "end_date", "fee", "remarks")
CONTRACT_PRODUCT_COLUMNS = ("contract_id", "product_id")
RATE_COLUMNS = ("id", "mode", "valid_from", "hourly_rate", "minimum_fee")
PART_PRICE_COLUMNS = ("id", "part_no", "name", "unit_price", "active")

# Slots of one taken-back call in the flat record array (see _Generator.take_back): times
# are working minutes (after ``limit`` when not happened yet), money in cents.
(_R_TAKEN, _R_CALL, _R_CUST, _R_PROD, _R_TECH, _R_PATH, _R_KIND, _R_START, _R_REPAIRED, _R_INSPECTED, _R_RETURNED,
 _R_SIGNED, _R_VOIDED, _R_CLOSED, _R_QUOTED, _R_CONSENTED, _R_INVOICED, _R_ESCALATED, _R_FAULT, _R_PROMISED,
 _R_LABOUR, _R_HALF_HOURS, _R_WORK, _R_INSPECTOR, _R_RETURNED_BY, _R_CLERK, _R_SIGNER, _R_QUOTE, _R_INVOICE_NO,
 _R_LOST, _R_CONSENT_CHANNEL, _R_ACCOUNTANT, _R_TAKE_BACK_WORK, _R_NPARTS) = range(34)
_R_PARTS = 34  # four slots: part index * 10 + quantity
_R_STRIDE = 38

SIGNER_POOL = 400

_ALL_FAULTS = [f for k in KINDS for f in FAULTS[k]]
_FAULT_INDEX = {k: [_ALL_FAULTS.index(f) for f in FAULTS[k]] for k in KINDS}
_ALL_PARTS = [(k, p) for k in KINDS for p in PARTS[k]]
_PART_INDEX = {k: [i for i, (kk, _) in enumerate(_ALL_PARTS) if kk == k] for k in KINDS}
_ALL_SHOP_WORK = [w for k in KINDS for w in WORK_IN_SHOP[k]]
_SHOP_WORK_INDEX = {k: [_ALL_SHOP_WORK.index(w) for w in WORK_IN_SHOP[k]] for k in KINDS}


Chunk = tuple[Table, Sequence[str], list[tuple], int]  # table, columns, rows, progress units


def generate(
    database: Database,
    calls: int = 300,
    seed: int = 20261128,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> DemoSummary:
    """Fill an empty register with demo data for one branch office: staff, labour rates
    and parts price list, customers of every category with their products and
    maintenance contracts, ``calls`` service calls over every stage of the service
    process up to ``now`` (default: the present minute) with their history and work log,
    their goods entries, repair cards and parts. The same ``seed`` and ``now`` give the
    same rows. ``progress(done, total)`` is called now and then, from the calling thread.
    Refuses (``UserError``) a database that holds service calls already. One transaction:
    nothing is written if anything fails."""
    if calls < 0:
        raise UserError(NEGATIVE_CALLS, field="calls", calls=calls)
    started = time.perf_counter()
    now = (now or clock.now()).replace(second=0, microsecond=0)
    with database.engine.connect() as conn:
        # A large load on SQLite checks no foreign keys row by row (a sixth of the cost of
        # writing a row of history): the rows refer only to rows made before them, which the
        # tests check with the checks on. SQLite switches the checks only outside a
        # transaction, so here, and back after.
        driver = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        unchecked = driver is not None and calls >= FAST_PATH_MIN_CALLS
        if unchecked:
            driver.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                if conn.execute(select(ServiceCall.id).limit(1)).first() is not None:
                    raise UserError(DATABASE_NOT_EMPTY)
                summary = _Load(conn, calls, seed, now, progress).run()
                _set_open_deadlines(conn)
                _set_branch(conn)
                _set_accounts(conn)
                _set_responsibilities(conn, seed)
        finally:
            if unchecked:
                driver.execute("PRAGMA foreign_keys = ON")
    summary.seconds = time.perf_counter() - started
    return summary


DEMO_BRANCH = ("华东办公设备服务公司南京分公司", "南京市玄武区珠江路 88 号华海大厦 5 楼", "025-84561234")


def _set_branch(conn: Connection) -> None:
    """The name, address and phone every printed form carries (invented, like the rest)."""
    from . import branch

    with Session(bind=conn) as session:
        branch.save(session, *DEMO_BRANCH)
        session.flush()


DEMO_ADMIN_PASSWORD = "admin123"
DEMO_STAFF_PASSWORD = "demo1234"


@lru_cache(maxsize=2)
def _demo_hash(password: str) -> str:
    """One argon2 hash per process: the demo's passwords are public, and hashing each
    account would add a fifth of a second apiece to every demo database the tests make."""
    from .auth import hash_password

    return hash_password(password)


def _set_accounts(conn: Connection) -> None:
    """Demo data is marked as such (a banner in the window) and gets known logins: ``admin``
    / admin123 for the administrator, each member of staff by name with demo1234."""
    from ..models import Role, Setting, Staff
    from . import auth

    with Session(bind=conn) as session:
        admin = Staff(name="系统管理员", role=Role.ADMIN.value, active=True)
        session.add(admin)
        session.flush()
        auth.create_account(session, admin.id, auth.ADMIN_LOGIN, None, must_change_password=False,
                            password_hash=_demo_hash(DEMO_ADMIN_PASSWORD))
        for staff in session.scalars(select(Staff).where(Staff.id != admin.id).order_by(Staff.id)):
            auth.create_account(session, staff.id, staff.name, None, must_change_password=False,
                                password_hash=_demo_hash(DEMO_STAFF_PASSWORD))
        session.add(Setting(key=auth.DEMO_SETTING, value="1"))
        session.flush()


def _set_responsibilities(conn: Connection, seed: int) -> None:
    """I10, I6: the firms the branch deals with (every customer but private persons with
    no contract) get responsible staff — important ones two, as the rule asks, except a
    few that still lack the second so that the warning list has something to show — and
    every contract someone who looks after it; a departure hand-over then has work to move."""
    from sqlalchemy import insert, update

    from ..models import CustomerStaff, Importance

    rng = random.Random(seed + 10)
    people = list(conn.execute(
        select(Staff.id).where(Staff.role.in_((Role.CLERK.value, Role.MANAGER.value, Role.SUPERVISOR.value)))
        .order_by(Staff.id)).scalars())
    if not people:
        return
    with_contract = select(MaintenanceContract.customer_id)
    firms = list(conn.execute(
        select(Customer.id, Customer.created_at).where(
            (Customer.category != "end_user") | Customer.legal_representative.is_not(None)
            | Customer.id.in_(with_contract))
        .order_by(Customer.id)).all())
    rows, important = [], []
    for n, (customer_id, created) in enumerate(firms):
        since = (created.date() if created else date(2024, 1, 1))
        first = people[n % len(people)]
        rows.append({"customer_id": customer_id, "staff_id": first, "since": since})
        if n % 4 == 0:  # every fourth firm is important (I10) …
            important.append(customer_id)
            if n % 20 != 0 and len(people) > 1:  # … and most of those have their second person
                rows.append({"customer_id": customer_id, "staff_id": people[(n + 1) % len(people)], "since": since})
    for chunk in range(0, len(rows), 5000):
        conn.execute(insert(CustomerStaff), rows[chunk:chunk + 5000])
    for chunk in range(0, len(important), 900):
        conn.execute(update(Customer).where(Customer.id.in_(important[chunk:chunk + 900]))
                     .values(importance=Importance.IMPORTANT.value))
    contracts = list(conn.execute(select(MaintenanceContract.id).order_by(MaintenanceContract.id)).scalars())
    keepers: dict[int, list[int]] = {}
    for contract_id in contracts:
        keepers.setdefault(rng.choice(people), []).append(contract_id)
    for keeper, ids in keepers.items():
        for chunk in range(0, len(ids), 900):
            conn.execute(update(MaintenanceContract).where(MaintenanceContract.id.in_(ids[chunk:chunk + 900]))
                         .values(staff_id=keeper))


def _set_open_deadlines(conn: Connection) -> None:
    """S14: the calls still awaiting a technician get their arrival deadline from the
    program's own calendar (a few hundred rows even in a million-call load)."""
    from sqlalchemy import bindparam, update

    from .calendar import calendar_from_database
    from .deadlines import AWAITING_ARRIVAL, arrival_due

    with Session(bind=conn) as session:
        calendar = calendar_from_database(session)
    waiting = conn.execute(
        select(ServiceCall.id, ServiceCall.received_at, ServiceCall.district).where(ServiceCall.status.in_(AWAITING_ARRIVAL))
    ).all()
    if waiting:
        table = ServiceCall.__table__
        conn.execute(
            update(table).where(table.c.id == bindparam("call_id")).values(arrival_due_at=bindparam("due")),
            [{"call_id": i, "due": arrival_due(calendar, received, district)} for i, received, district in waiting],
        )


class _Load:
    """One load in the caller's transaction: reads what the database already holds, drops
    the search triggers and indexes on a large SQLite run, writes the rows a ``_Generator``
    makes in a worker thread, then the sequences, and rebuilds what it dropped."""

    def __init__(self, conn: Connection, calls: int, seed: int, now: datetime, progress: Progress | None) -> None:
        self.conn = conn
        self.calls = calls
        self.seed = seed
        self.now = now
        self.progress = progress
        is_sqlite = conn.dialect.name == "sqlite"
        self.fast = is_sqlite and calls >= FAST_PATH_MIN_CALLS
        self.writer = _Writer(conn, raw=is_sqlite and _RAW_SQLITE)
        # progress: one unit a call; what comes after the calls (goods, cards, indexes,
        # search) counts about half as much again
        self.finish_units = max(1, calls // 2)
        self.total = calls + self.finish_units
        self.done = 0

    def report(self, units: int) -> None:
        self.done = min(self.total, self.done + units)
        if self.progress is not None:
            self.progress(self.done, self.total)

    def existing(self) -> _Existing:
        conn = self.conn
        with Session(bind=conn) as s:
            patterns = {rule: numbering.pattern_for(s, rule) for rule in numbering.DEFAULT_PATTERNS}
        sequences: dict[str, dict[str, int]] = {rule: {} for rule in patterns}
        for rule, period, last in conn.execute(select(SequenceRow.rule, SequenceRow.period, SequenceRow.last_value)):
            if rule in sequences:
                sequences[rule][period] = last
        first_ids = {
            model.__tablename__: (conn.execute(select(func.max(model.id))).scalar() or 0) + 1
            for model in (Staff, Customer, CustomerProduct, ServiceCall, GoodsEntry, RepairCard, RepairPart, CallStep,
                          WorkLog, MaintenanceContract, LabourRate, PartPrice)
        }
        rates = [
            (mode, valid_from, _cents(rate), _cents(minimum))
            for mode, valid_from, rate, minimum in conn.execute(
                select(LabourRate.mode, LabourRate.valid_from, LabourRate.hourly_rate, LabourRate.minimum_fee)
            )
        ]
        return _Existing(
            patterns=patterns,
            sequences=sequences,
            first_ids=first_ids,
            staff_names=set(conn.execute(select(Staff.name)).scalars()),
            customer_codes=set(conn.execute(select(Customer.code).where(Customer.code.is_not(None))).scalars()),
            labour_rates=rates,
            part_prices={no: _cents(price) for no, price in conn.execute(select(PartPrice.part_no, PartPrice.unit_price))},
        )

    def run(self) -> DemoSummary:
        conn = self.conn
        existing = self.existing()
        generator = _Generator(self.calls, self.seed, self.now, existing, self.finish_units // 2)
        self.writer.next_step_id = existing.first_ids["call_step"]
        pause = cursor = cache_size = None
        if self.fast:
            cursor = conn.connection.driver_connection.cursor()
            cache_size = cursor.execute("PRAGMA cache_size").fetchone()[0]
            cursor.execute(f"PRAGMA cache_size = {LOAD_CACHE_SIZE}")
            pause = _SearchIndexPause(cursor, LOADED_TABLES)
            pause.drop()
        chunks = generator.chunks()
        refilled: set[str] = set()
        automerge: dict[str, int] = {}  # of the indexes filled while loading, as it was
        if pause is not None and self.writer.raw:
            chunks = _with_bigrams(chunks, pause.refills, refilled)
            for index, _, _ in pause.refills:
                automerge[index] = pause.lazy_merges(index)
        if self.writer.raw:
            chunks = _flattened(chunks)
        try:
            for table, columns, rows, units, *flat in _in_background(chunks):
                self.writer.insert(table, columns, rows, *flat)
                self.report(units)
            for index, value in automerge.items():
                pause.set_automerge(index, value)
            # the ids the history's rows refer to (undoes_id, work_log.step_id) are theirs
            last = conn.execute(select(func.max(CallStep.id))).scalar() or 0
            assert last == generator.step_id - 1, (last, generator.step_id)
            self.write_sequences(generator.numbers)
            if pause is not None:
                share = self.finish_units // 2 // (len(pause.fts_tables) + len(pause.refills) + 1)
                pause.restore(lambda: self.report(share), refilled)
            if conn.dialect.name == "postgresql":  # explicit ids leave the serial sequences behind
                for table, last in self.writer.max_ids.items():
                    conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {int(last)})")
        finally:
            if cache_size is not None:
                cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
        self.done = self.total - 1
        self.report(1)
        return generator.summary

    def write_sequences(self, numbers: dict[str, _Numbers]) -> None:
        """The last value of every rule and period used, so that ``numbering.next_number``
        continues each series (X3)."""
        table = SequenceRow.__table__
        new = []
        for rule, series in numbers.items():
            for period, last in series.used().items():
                if period in series.existing:
                    self.conn.execute(
                        table.update().where(table.c.rule == rule, table.c.period == period).values(last_value=last)
                    )
                else:
                    new.append({"rule": rule, "period": period, "last_value": last})
        if new:
            self.conn.execute(table.insert(), new)


@dataclass
class _Existing:
    """What the database holds before the load: number patterns and sequences, the next
    free id of each table, names and codes that must not be given twice."""

    patterns: dict[str, numbering.NumberPattern]
    sequences: dict[str, dict[str, int]]
    first_ids: dict[str, int]
    staff_names: set[str]
    customer_codes: set[str]
    labour_rates: list[tuple[str, date, int, int]] = field(default_factory=list)  # mode, from, cents an hour, minimum
    part_prices: dict[str, int] = field(default_factory=dict)  # part number -> cents


def _cents(amount: object) -> int:
    return int((Decimal(str(amount)) * 100).to_integral_value())


@dataclass(frozen=True)
class _Index:
    """A full-text index written to like a table (the writer needs its name)."""

    name: str


_PIECES_COLUMNS = ("rowid", "pieces")


def _with_bigrams(chunks: Iterator[Chunk], refills: list[tuple[str, str, list[str]]], done: set[str]) -> Iterator[Chunk]:
    """The chunks, each followed by the two-character pieces of its rows for the
    contentless indexes on its table, cut here in the worker thread rather than read back
    and cut by the caller's thread at the end. ``done`` receives the indexes so filled;
    one whose columns the table's rows do not carry is left to the end."""
    wanted: dict[str, list[tuple[str, list[str]]]] = {}
    for index, table, columns in refills:
        wanted.setdefault(table, []).append((index, columns))
    plans: dict[str, tuple[Sequence[str], list[tuple[str, list[int]]]]] = {}  # per table: its columns, what to cut
    memos: dict[str, dict[tuple, str | None] | None] = {}
    seen: dict[str, int] = {}
    for chunk in chunks:
        yield chunk
        table, columns, rows, _ = chunk
        if table.name not in wanted or not rows:
            continue
        if table.name not in plans:
            plans[table.name] = columns, [
                (index, [columns.index(c) for c in names])
                for index, names in wanted[table.name]
                if columns[0] == "id" and set(names) <= set(columns)
            ]
        known, cuts = plans[table.name]
        assert columns == known, (table.name, columns)  # a table's rows always come alike
        for index, positions in cuts:
            # calls repeat their values (a customer's name and address, a model): each is cut
            # once; an index whose values hardly repeat (customers) stops remembering them
            memo = memos.setdefault(index, {})
            if memo is None:
                pieces = [(row[0], bigram_pieces([row[p] for p in positions])) for row in rows]
            else:
                pieces = []
                for row in rows:
                    values = tuple([row[p] for p in positions])
                    cut = memo.get(values)
                    if cut is None:
                        cut = memo[values] = bigram_pieces(values)
                    pieces.append((row[0], cut))
                seen[index] = seen.get(index, 0) + len(pieces)
                if seen[index] >= 50_000 and len(memo) > 0.8 * seen[index]:  # hardly any repeat
                    memos[index] = None
            yield _Index(index), _PIECES_COLUMNS, pieces, 0  # type: ignore[misc]
            done.add(index)


class _Failure:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


_DONE = object()


def _in_background(items: Iterator[Chunk], depth: int = 2) -> Iterator[Chunk]:
    """The items of ``items``, made in a worker thread up to ``depth`` ahead of the
    consumer: the Python work of making rows overlaps SQLite writing them (the sqlite3
    module releases the GIL while a statement runs). An exception in the worker is raised
    here; when the consumer stops early the worker stops too.

    Meanwhile the interpreter's switch interval is short: after each statement the
    writing thread needs the GIL back from the busy worker, and would otherwise wait up to
    5 ms for it, about as long as the statement took (half the load's time)."""
    q: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                pass
        return False

    def work() -> None:
        try:
            for item in items:
                if not put(item):
                    return
            put(_DONE)
        except BaseException as exc:  # handed to the consumer, which raises it
            put(_Failure(exc))
        finally:
            close = getattr(items, "close", None)
            if close is not None:  # a generator's cleanup runs in this thread, now
                close()

    worker = threading.Thread(target=work, name="crm-demo-rows", daemon=True)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_INTERVAL))
    worker.start()
    try:
        while True:
            item = q.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.exc
            yield item
    finally:
        stop.set()
        worker.join()
        sys.setswitchinterval(interval)


class _Generator:
    """Makes the rows, in plain Python (no database access: it runs in a worker thread)."""

    def __init__(self, calls: int, seed: int, now: datetime, existing: _Existing, goods_units: int) -> None:
        self.n_calls = calls
        self.rng = random.Random(seed)
        self.now = now
        self.existing = existing
        self.goods_units = goods_units
        self.summary = DemoSummary()
        self.numbers = {
            rule: _Numbers(rule, existing.patterns[rule], existing.sequences[rule]) for rule in existing.patterns
        }
        span_days = max(60, min(3650, calls // 4))
        first = now.date() - timedelta(days=span_days)
        self.cal = _Calendar(first, now.date() + timedelta(days=120))
        self.now_w = self.cal.minute_of(now)
        self.limit = self.now_w - 1  # the last minute at which something may have happened
        self.step_id = existing.first_ids["call_step"]
        self.work_id = existing.first_ids["work_log"]
        self.steps: list[tuple] = []  # call_step rows made and not yet handed over
        self.works: list[tuple] = []  # work_log rows likewise
        self.declined = self.lost = self.undone = False  # a declined repair, a lost receipt, an undo so far

    def chunks(self) -> Iterator[Chunk]:
        yield from self.make_staff()
        yield from self.make_pricing()
        yield from self.make_customers()
        yield from self.make_products()
        yield from self.make_contracts()
        yield from self.make_calls()
        yield from self.make_goods_and_cards()

    # -- helpers -------------------------------------------------------------------------

    def person_name(self) -> str:
        rng = self.rng
        if rng.random() < 0.012:
            surname = rng.choice(COMPOUND_SURNAMES)
        else:
            surname = rng.choices(SURNAMES, cum_weights=_SURNAME_CUM)[0]
        u = rng.random()
        if u < 0.03:
            given = rng.choice(RARE)
        elif u < 0.06:
            given = rng.choice(GIVEN_SINGLE + RARE) + rng.choice(RARE)
        elif u < 0.46:
            given = rng.choice(GIVEN_SINGLE)
        elif u < 0.9:
            given = rng.choice(GIVEN_DOUBLE)
        else:
            given = rng.choice(GIVEN_SINGLE) + rng.choice(GIVEN_SINGLE)
        return surname + given

    def mobile(self) -> str:
        rng = self.rng
        return f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"

    def landline(self, extension: bool = False) -> str:
        rng = self.rng
        number = f"{AREA_CODE}-{rng.choice('5678')}{rng.randrange(10**7):07d}"
        if extension:
            number += f" 转 {rng.randrange(100, 9000)}"
        return number

    def address(self, district: str, person: bool) -> str:
        rng = self.rng
        street = rng.choice(DISTRICTS[district][2])
        if person:
            if rng.random() < 0.5:
                return (f"{district}{street}{rng.randrange(1, 400)}号{rng.randrange(1, 30)}幢"
                        f"{rng.randrange(1, 25)}{rng.randrange(1, 6):02d}室")
            return (f"{district}{rng.choice(ESTATES)}{rng.randrange(1, 40)}栋{rng.randrange(1, 4)}单元"
                    f"{rng.randrange(1, 30)}{rng.randrange(1, 5):02d}室")
        if rng.random() < 0.4:
            return f"{district}{street}{rng.randrange(1, 600)}号{rng.choice(TRADE_NAMES)}大厦{rng.randrange(2, 28)}楼"
        return f"{district}{street}{rng.randrange(1, 600)}号"

    # -- staff -----------------------------------------------------------------------------

    def make_staff(self) -> Iterator[Chunk]:
        """A manager, an accountant, supervisors, clerks and technicians: 8 people for a few
        hundred calls, about 50 for a million."""
        taken = set(self.existing.staff_names)
        n = max(self.n_calls, 300)
        technicians = max(4, min(42, round(4 * (n / 300) ** 0.29)))
        supervisors = 1 + technicians // 16
        clerks = 1 + self.n_calls // 300_000
        accountants = 1 + self.n_calls // 500_000
        roles = (
            [Role.MANAGER.value]
            + [Role.ACCOUNTANT.value] * accountants
            + [Role.SUPERVISOR.value] * supervisors
            + [Role.CLERK.value] * clerks
            + [Role.TECHNICIAN.value] * technicians
        )
        next_id = self.existing.first_ids["staff"]
        rows = []
        self.staff_by_role: dict[str, list[int]] = {}
        self.staff_name: dict[int, str] = {}
        for role in roles:
            name = self.person_name()
            while name in taken:
                name = self.person_name()
            taken.add(name)
            rows.append((next_id, name, role, self.mobile(), 1))
            self.staff_by_role.setdefault(role, []).append(next_id)
            self.staff_name[next_id] = name
            next_id += 1
        techs = self.staff_by_role[Role.TECHNICIAN.value]
        cut = max(1, round(len(techs) * 0.3))  # some technicians cover the suburbs
        self.techs_by_district = {District.SUBURBAN.value: techs[:cut], District.URBAN.value: techs[cut:]}
        self.technicians = techs
        self.supervisors = self.staff_by_role[Role.SUPERVISOR.value]
        self.accountants = self.staff_by_role[Role.ACCOUNTANT.value]
        self.clerks = self.staff_by_role[Role.CLERK.value]
        self.summary.staff = len(rows)
        yield Staff.__table__, STAFF_COLUMNS, rows, 0

    # -- customers -------------------------------------------------------------------------

    def make_customers(self) -> Iterator[Chunk]:
        """I1/I3: mostly end users (persons, firms, institutions); suppliers, distributors and
        the special category with their codes and archive fields."""
        rng = self.rng
        n = max(60, min(self.n_calls // 2, int(25 * max(self.n_calls, 1) ** 0.6)))
        codes_taken = self.existing.customer_codes
        code_numbers = {c.value: self.numbers[f"customer_code.{c.value}"] for c in CustomerCategory}
        today = self.now.date()
        first_id = self.existing.first_ids["customer"]
        self.customer_first_id = first_id
        # parallel lists by index from 0 (id = first_id + index): what calls copy
        self.c_name: list[str] = []
        self.c_phone: list[str | None] = []
        self.c_address: list[str] = []
        self.c_district: list[str] = []
        self.c_signer: list[str] = []  # who signs for the customer: the person, or the firm's contact
        self.c_category: list[str] = []
        self.c_contract = bytearray(n)
        self.c_person = bytearray(n)
        forced = [CustomerCategory.SUPPLIER.value, CustomerCategory.DISTRIBUTOR.value, CustomerCategory.SPECIAL.value]
        forced_persons = list(FIRST_PERSONS)
        categories = (CustomerCategory.END_USER.value, CustomerCategory.DISTRIBUTOR.value, CustomerCategory.SPECIAL.value,
                      CustomerCategory.SUPPLIER.value)
        cat_cum = (88, 92, 97, 100)
        rows = []
        counts: Counter = Counter()
        for i in range(n):
            if forced_persons:
                category, person = CustomerCategory.END_USER.value, True
            elif forced:
                category, person = forced.pop(0), False
            else:
                category = categories[bisect_right(cat_cum, rng.randrange(100))]
                person = category == CustomerCategory.END_USER.value and rng.random() < 0.7
            urban = rng.random() < 0.75
            district_name = rng.choice(URBAN_NAMES if urban else SUBURBAN_NAMES)
            district = District.URBAN.value if urban else District.SUBURBAN.value
            postcode = rng.choice(DISTRICTS[district_name][1])
            address = self.address(district_name, person)
            code = legal = fax = scope = capital = contact = remarks = None
            if person:
                self.c_person[i] = 1
                name = forced_persons.pop(0) if forced_persons else self.person_name()
                phone = self.mobile() if rng.random() < 0.75 else self.landline()
                signer = name
            else:
                name, scope = self.firm_name(category, district_name)
                contact = self.person_name()
                legal = self.person_name()
                phone = self.landline(extension=rng.random() < 0.3) if rng.random() < 0.8 else self.mobile()
                fax = self.landline() if rng.random() < 0.5 else None
                capital = rng.choice((50, 100, 200, 300, 500, 1000, 2000, 5000)) * 10_000
                signer = contact
                if category in (CustomerCategory.END_USER.value, CustomerCategory.SPECIAL.value) and rng.random() < 0.25:
                    self.c_contract[i] = 1  # S1: maintenance contracts (make_contracts)
            # D5, I1: every customer its code from its category's rule, as the program gives
            # one; a code typed by hand earlier is skipped
            code = code_numbers[category].take(today)
            while code in codes_taken:
                code = code_numbers[category].take(today)
            rows.append((first_id + i, code, name, category, district, legal, address, postcode, phone, fax, scope, capital,
                         contact, remarks))
            self.c_name.append(name)
            self.c_phone.append(phone)
            self.c_address.append(address)
            self.c_district.append(district)
            self.c_signer.append(signer)
            self.c_category.append(category)
            counts[category] += 1
            if len(rows) >= CHUNK:
                yield Customer.__table__, CUSTOMER_COLUMNS, rows, 0
                rows = []
        yield Customer.__table__, CUSTOMER_COLUMNS, rows, 0
        self.summary.customers = {c.value: counts[c.value] for c in CustomerCategory if counts[c.value]}
        self.signers = [self.person_name() for _ in range(SIGNER_POOL)]

    def firm_name(self, category: str, district: str) -> tuple[str, str]:
        """A firm's name and business scope."""
        rng = self.rng
        t = rng.choice(TRADE_NAMES)
        if category == CustomerCategory.END_USER.value:
            u = rng.random()
            if u < 0.12:
                return f"{CITY}市{district}{rng.choice(INSTITUTIONS)}", "公共服务"
            if u < 0.2:
                return f"{CITY}{t}{rng.choice(('大酒店', '宾馆', '商厦'))}", "住宿、餐饮、零售"
            industry, scope = rng.choice(INDUSTRIES)
            return f"{CITY}{t}{industry}{rng.choice(FIRM_SUFFIXES)}", scope
        if category == CustomerCategory.SPECIAL.value:
            u = rng.random()
            if u < 0.3:
                return f"{rng.choice(BANKS)}{CITY}{rng.choice(BANK_BRANCHES)}支行", "吸收存款、发放贷款、办理结算"
            if u < 0.45:
                return f"{rng.choice(INSURERS)}{CITY}{district}支公司", "财产保险、人身保险"
            template, scope = rng.choice(SPECIAL_FIRMS)
            return template.format(t=t), scope
        template, scope = rng.choice(SUPPLIER_FIRMS if category == CustomerCategory.SUPPLIER.value else DISTRIBUTOR_FIRMS)
        return template.format(t=t), scope

    # -- products --------------------------------------------------------------------------

    def make_products(self) -> Iterator[Chunk]:
        """Products of end users, special customers and distributors (suppliers own none),
        numbered in order of purchase so that a call picks among those bought before its
        day by bisection. Warranty: the model's years, two more for some (extended)."""
        rng = self.rng
        first_day = self.cal.days[0]
        earliest = (first_day - timedelta(days=6 * 365)).toordinal()
        latest = (self.now.date() - timedelta(days=14)).toordinal()
        model_range = range(len(PRODUCTS))
        owned = []
        for i, category in enumerate(self.c_category):
            if category == CustomerCategory.SUPPLIER.value:
                continue
            if category == CustomerCategory.END_USER.value:
                k = 1 if self.c_person[i] and rng.random() < 0.85 else rng.randrange(1, 5)
            elif category == CustomerCategory.SPECIAL.value:
                k = rng.randrange(2, 7)
            else:
                k = rng.randrange(1, 4)
            for _ in range(k):
                owned.append((rng.randrange(earliest, latest + 1), i, rng.choices(model_range, PRODUCT_WEIGHTS)[0]))
        # one product bought well before the first day, so that the first calls have one
        purchase, owner, model = owned[0]
        owned[0] = (min(purchase, first_day.toordinal() - 400), owner, model)
        owned.sort()
        first_id = self.existing.first_ids["customer_product"]
        self.product_first_id = first_id
        self.p_owner = array("i")
        self.p_model = array("b")
        self.p_purchase = array("i")
        self.p_warranty = array("i")
        self.p_serial: list[str] = []
        rows = []
        for k, (purchase, owner, model) in enumerate(owned):
            pid = first_id + k
            years = PRODUCTS[model][2] + (2 if rng.random() < 0.15 else 0)
            bought = date.fromordinal(purchase)
            try:
                warranty_end = bought.replace(year=bought.year + years) - timedelta(days=1)
            except ValueError:  # bought on 29 February
                warranty_end = bought.replace(year=bought.year + years, day=28)
            # unique while ids stay below ten million: 7919 is prime to 10**7
            serial = f"{PRODUCTS[model][1]}{bought.year % 100:02d}{pid * 7919 % 10_000_000:07d}"
            rows.append((pid, self.customer_first_id + owner, PRODUCTS[model][0], serial, bought.isoformat(),
                         warranty_end.isoformat()))
            self.p_owner.append(owner)
            self.p_model.append(model)
            self.p_purchase.append(purchase)
            self.p_warranty.append(warranty_end.toordinal())
            self.p_serial.append(serial)
            if len(rows) >= CHUNK:
                yield CustomerProduct.__table__, PRODUCT_COLUMNS, rows, 0
                rows = []
        yield CustomerProduct.__table__, PRODUCT_COLUMNS, rows, 0
        self.summary.products = len(owned)

    # -- prices (S5, S8) --------------------------------------------------------------------

    def make_pricing(self) -> Iterator[Chunk]:
        """The labour rates (unless the database has its own: then the fees follow those)
        from before the first call, and the parts price list the parts lines are priced
        from (a part number the list holds already keeps its price)."""
        existing = self.existing
        first_day = self.cal.days[0]
        rates = list(existing.labour_rates)
        rows = []
        if not rates:
            start = date(first_day.year - 1, 1, 1)
            rates = [(mode, start, rate * 100, minimum * 100) for mode, (rate, minimum) in RATES.items()]
            raised = date(self.now.year - 1, 1, 1)
            if raised > start:
                rates += [(mode, raised, rate * 100, minimum * 100) for mode, (rate, minimum) in RAISED_RATES.items()]
            rate_id = existing.first_ids["labour_rate"]
            for k, (mode, valid_from, rate, minimum) in enumerate(rates):
                rows.append((rate_id + k, mode, valid_from.isoformat(), _money(rate), _money(minimum)))
        self.rate_from: dict[str, list[int]] = {}
        self.rate_values: dict[str, list[tuple[int, int]]] = {}
        for mode in (_MODE_ON_SITE, _MODE_REPAIR):
            mine = sorted((valid_from.toordinal(), rate, minimum) for m, valid_from, rate, minimum in rates if m == mode)
            self.rate_from[mode] = [o for o, _, _ in mine]
            self.rate_values[mode] = [(rate, minimum) for _, rate, minimum in mine]
        self.summary.labour_rates = len(rows)
        yield LabourRate.__table__, RATE_COLUMNS, rows, 0
        rows = []
        self.part_cents: list[int] = []
        part_id = existing.first_ids["part_price"]
        for _, (part_no, name, price) in _ALL_PARTS:
            known = existing.part_prices.get(part_no)
            if known is not None:
                self.part_cents.append(known)
            else:
                self.part_cents.append(price * 100)
                rows.append((part_id, part_no, name, price, 1))
                part_id += 1
        self.summary.part_prices = len(rows)
        yield PartPrice.__table__, PART_PRICE_COLUMNS, rows, 0
        self.invoice_no = self.rng.randrange(10_000_000, 90_000_000)  # the tax-control system's numbers

    def labour_cents(self, mode: str, ordinal: int, half_hours: int) -> int | None:
        """S5: hours × the rate of the day, never less than its minimum (cents, half up)."""
        i = bisect_right(self.rate_from[mode], ordinal) - 1
        if i < 0:
            return None
        rate, minimum = self.rate_values[mode][i]
        return max((half_hours * rate + 1) // 2, minimum)

    def fee_cents(self, mode: str, ordinal: int, half_hours: int) -> tuple[int | None, int, str | None]:
        """The computed labour fee, the one charged, and the reason when they differ (no
        rate entered for that day in a database that had its own rates)."""
        computed = self.labour_cents(mode, ordinal, half_hours)
        if computed is not None:
            return computed, computed, None
        rate, minimum = RATES[mode]
        return None, max(half_hours * rate * 50, minimum * 100), NO_RATE_REASON

    def next_invoice(self) -> int:
        self.invoice_no += 1
        return self.invoice_no

    # -- maintenance contracts (S1 kind B) --------------------------------------------------

    def make_contracts(self) -> Iterator[Chunk]:
        """Yearly contracts of the customers who keep one, renewed year after year (a few
        stop), each covering the machines the customer owned when it started; numbered in
        the order they started. A product is covered from the first contract that includes
        it to the end of the last one (``p_cov_start``/``p_cov_end``), as the program's
        proposal finds it."""
        rng = self.rng
        first_ord = self.cal.days[0].toordinal()
        now_ord = self.now.date().toordinal()
        n = len(self.p_owner)
        self.p_cov_start = array("i", [_NEVER]) * n
        self.p_cov_end = array("i", [0]) * n
        owned: dict[int, list[int]] = {}
        c_contract = self.c_contract
        for k, owner in enumerate(self.p_owner):
            if c_contract[owner]:
                owned.setdefault(owner, []).append(k)
        terms: list[tuple[int, int, int, list[int]]] = []  # start, customer, end, products
        purchase = self.p_purchase
        for owner in sorted(owned):
            products = owned[owner]  # in the order bought
            start = max(purchase[products[0]], rng.randrange(first_ord - 400, now_ord - 30))
            while start <= now_ord:
                end = _a_year_later(start) - 1
                covered = [p for p in products if purchase[p] <= start]
                terms.append((start, owner, end, covered))
                for p in covered:
                    if self.p_cov_start[p] == _NEVER:
                        self.p_cov_start[p] = start
                    self.p_cov_end[p] = end
                if rng.random() < 0.12:  # not renewed
                    break
                start = end + 1
        terms.sort()
        numbers = self.numbers[numbering.CONTRACT]
        contract_id = self.existing.first_ids["maintenance_contract"]
        rows: list[tuple] = []
        links: list[tuple] = []
        for start, owner, end, covered in terms:
            begin = date.fromordinal(start)
            fee = sum(CONTRACT_FEES[PRODUCTS[self.p_model[p]][4]] for p in covered)
            rows.append((contract_id, numbers.take(begin), self.customer_first_id + owner, begin.isoformat(),
                         date.fromordinal(end).isoformat(), fee, CONTRACT_REMARKS[int(rng.random() * len(CONTRACT_REMARKS))]))
            links.extend((contract_id, self.product_first_id + p) for p in covered)
            contract_id += 1
            if len(rows) >= CHUNK:
                yield MaintenanceContract.__table__, CONTRACT_COLUMNS, rows, 0
                rows = []
        yield MaintenanceContract.__table__, CONTRACT_COLUMNS, rows, 0
        for i in range(0, len(links), CHUNK * 4):
            yield contract_product, CONTRACT_PRODUCT_COLUMNS, links[i : i + CHUNK * 4], 0
        self.summary.contracts = len(terms)
        self.summary.contract_products = len(links)

    # -- calls -----------------------------------------------------------------------------

    def received_minutes(self) -> Iterator[int]:
        """The working minute of every call, in time order: a few more calls on Mondays,
        slowly growing business, the day of ``now`` only up to ``now``."""
        rng = self.rng
        cal = self.cal
        if self.limit < 0 or self.n_calls == 0:
            return
        last_day = min(len(cal.days) - 1, self.limit // DAY_MINUTES)
        weights = []
        for di in range(last_day + 1):
            avail = min(DAY_MINUTES, self.now_w - di * DAY_MINUTES)
            monday = 1.25 if cal.days[di].weekday() == 0 else 1.0
            weights.append(avail / DAY_MINUTES * rng.uniform(0.6, 1.4) * monday * (0.7 + 0.6 * di / (last_day + 1)))
        total = sum(weights)
        cum = 0.0
        issued = 0
        for di, w in enumerate(weights):
            cum += w
            target = self.n_calls if di == last_day else min(self.n_calls, round(self.n_calls * cum / total))
            count = target - issued
            if count <= 0:
                continue
            issued = target
            avail = min(DAY_MINUTES, self.now_w - di * DAY_MINUTES)
            base = di * DAY_MINUTES
            rnd = rng.random
            for m in sorted([int(rnd() * avail) for _ in range(count)]):
                yield base + m

    def plan(self, r: int, product: int | None = None, path: int | None = None) -> tuple:
        """A call received at working minute ``r``: its product (one bought by that day),
        its kind (S1, as the program proposes it), its path (on site, taken back, declined,
        cancelled) and the natural times of the path's status-changing events, future ones
        included: what has happened is what lies before ``now``. Durations are exponential
        around a typical value, in working minutes.
        Returns (r, product, path, times, minutes worked on site, kind, kind reason)."""
        rnd = self.rng.random
        log = _log
        d = self.cal.ordinals[r // DAY_MINUTES]
        if product is None:
            eligible = bisect_right(self.p_purchase, d)
            product = int(rnd() * max(eligible, 1))
        # S1: C within the warranty (warranty first), else B while a contract covers the
        # product, else A; now and then A against the warranty, with the reason
        reason = None
        if d <= self.p_warranty[product]:
            kind = _FREE
            if rnd() < 0.02:
                kind, reason = _PAID, OVERRIDE_TO_PAID
        elif self.p_cov_start[product] <= d <= self.p_cov_end[product]:
            kind = _CONTRACT
        else:
            kind = _PAID
        if path is None:
            u = rnd()
            if u < 0.03:
                path = CANCEL_DISPATCHED if u < 0.009 else CANCEL
            elif u < 0.18:
                # a few paid repairs are declined (the first one always, so that a small run has one)
                path = DECLINED if kind == _PAID and (rnd() < 0.06 or not self.declined) else TAKE_BACK
                self.declined = self.declined or path == DECLINED
            else:
                path = ON_SITE
        if path == CANCEL:
            return (r, product, path, (r + 10 + int(-log(1.0 - rnd()) * 200),), 0, kind, reason)
        suburban = self.c_district[self.p_owner[product]] == _SUBURBAN
        dispatched = r + 5 + int(-log(1.0 - rnd()) * 50)
        if path == CANCEL_DISPATCHED:
            return (r, product, path, (dispatched, dispatched + 5 + int(-log(1.0 - rnd()) * 90)), 0, kind, reason)
        arrived = dispatched + 20 + int(-log(1.0 - rnd()) * (130 if suburban else 90))
        if path == ON_SITE:
            work = 20 + min(300, int(-log(1.0 - rnd()) * 60))
            done = arrived + work
            signed = done + int(-log(1.0 - rnd()) * 5)  # the customer signs the voucher
            struck = signed + 15 + int(-log(1.0 - rnd()) * 200)  # the voucher is back at the office
            return (r, product, path, (dispatched, arrived, done, signed, struck), work, kind, reason)
        work = 20 + min(120, int(-log(1.0 - rnd()) * 40))
        taken = arrived + work + 15 + int(-log(1.0 - rnd()) * 60)
        if path == DECLINED:  # quoted, declined, given back
            returned = taken + 120 + int(-log(1.0 - rnd()) * 900)
            return (r, product, path, (dispatched, arrived, taken, returned) + self.after_return(returned), work, kind,
                    reason)
        # a paid repair waits for the customer's answer to the quote
        start = taken + 30 + int(-log(1.0 - rnd()) * (700 if kind == _PAID else 400))
        repaired = start + 60 + int(-log(1.0 - rnd()) * 700)
        inspected = repaired + 20 + int(-log(1.0 - rnd()) * 300)
        returned = inspected + 60 + int(-log(1.0 - rnd()) * 600)
        return (r, product, path, (dispatched, arrived, taken, start, repaired, inspected, returned)
                + self.after_return(returned), work, kind, reason)

    def after_return(self, returned: int) -> tuple[int, int, int]:
        """The customer signs for the goods, the receipt comes back (now and then weeks
        later) and is voided, the voucher is filed."""
        rnd = self.rng.random
        log = _log
        signed = returned + int(-log(1.0 - rnd()) * 10)
        late = rnd() >= 0.97
        voided = signed + (2000 + int(-log(1.0 - rnd()) * 4000) if late else int(-log(1.0 - rnd()) * 120))
        return signed, voided, voided + 5 + int(-log(1.0 - rnd()) * 120)

    def stage(self, plan: tuple) -> int:
        """How many of the plan's events have happened by ``now``."""
        return bisect_right(plan[3], self.limit)

    def fit(self, plan: tuple, j: int) -> tuple:
        """The plan squeezed so that exactly its first ``j`` events happened by ``now``."""
        r, product, path, times, work, kind, reason = plan
        times = list(times)
        if j and times[j - 1] > self.limit:
            f = (self.limit - r) * self.rng.uniform(0.6, 0.95) / (times[j - 1] - r)
            times = [r + int((t - r) * f) for t in times]
            if path == ON_SITE:
                work = times[2] - times[1]
            elif path in TAKEN_PATHS:
                work = min(work, times[2] - times[1])
        return (r, product, path, tuple(times[:j]) + (self.limit + 1,) * (len(times) - j), work, kind, reason)

    def _flush(self, rows: list[tuple]) -> Iterator[Chunk]:
        """The calls made so far, then their history and work (which refer to them)."""
        steps, works = self.steps, self.works
        self.steps, self.works = [], []
        yield ServiceCall.__table__, CALL_COLUMNS, rows, len(rows)
        yield CallStep.__table__, STEP_ROW, steps, 0
        yield WorkLog.__table__, WORK_COLUMNS, works, 0

    def make_calls(self) -> Iterator[Chunk]:
        """The calls in the order received. The last days' calls are planned before they are
        written: in a small run a stage may have no call, and then the call whose age suits
        that stage best is moved to it, taken from a stage with calls to spare."""
        self.call_id = self.existing.first_ids["service_call"]
        self.call_numbers = self.numbers[numbering.SERVICE_CALL]
        self.records = array("i")
        self.status_counts: Counter = Counter()
        self.first_day: date | None = None
        self.last_day: date | None = None
        rows: list[tuple] = []
        tail: list[tuple] = []
        tail_start = self.limit - TAIL_MINUTES
        for r in self.received_minutes():
            if r < tail_start:
                plan = self.plan(r)
                rows.append(self.call_row(plan, self.stage(plan)))
                if len(rows) >= CHUNK:
                    yield from self._flush(rows)
                    rows = []
            else:
                tail.append(self.plan(r))
        stages = [self.stage(p) for p in tail]
        counts = Counter(self.status_counts)
        for p, j in zip(tail, stages):
            counts[PATH_STATUS_VALUES[p[2]][j]] += 1
        moved: set[int] = set()
        for status, (age, path, j) in TARGETS.items():
            if counts[status.value] or not tail:
                continue
            order = sorted(range(len(tail)), key=lambda k: (abs(self.limit - tail[k][0] - age), k))
            for k in order:
                current = PATH_STATUS_VALUES[tail[k][2]][stages[k]]
                if k in moved or counts[current] < 2:
                    continue
                plan = tail[k]
                if path >= 0:
                    wanted = path
                else:
                    statuses = PATH_STATUSES[plan[2]]
                    wanted = plan[2] if j < len(statuses) and statuses[j] == status else ON_SITE
                if plan[2] != wanted:
                    plan = self.plan(plan[0], product=plan[1], path=wanted)
                assert PATH_STATUSES[wanted][j] == status
                tail[k] = self.fit(plan, j)
                stages[k] = j
                counts[current] -= 1
                counts[status.value] += 1
                moved.add(k)
                break
        for plan, j in zip(tail, stages):
            rows.append(self.call_row(plan, j))
            if len(rows) >= CHUNK:
                yield from self._flush(rows)
                rows = []
        yield from self._flush(rows)
        self.summary.calls = {s.value: self.status_counts[s.value] for s in CallStatus if self.status_counts[s.value]}
        self.summary.first_day = self.first_day
        self.summary.last_day = self.last_day

    def call_row(self, plan: tuple, j: int) -> tuple:
        """The register line of a call whose first ``j`` events have happened, and the
        history of its steps up to the goods being taken back (the rest comes with the
        repair card). (The hot path of a large run: times are turned into text inline.)"""
        rnd = self.rng.random
        cal = self.cal
        day_texts = cal.day_texts
        minute_texts = _CLOCK
        limit = self.limit
        r, product, path, times, work, kind, reason = plan
        status = PATH_STATUS_VALUES[path][j]
        self.status_counts[status] += 1
        call_id = self.call_id
        self.call_id = call_id + 1
        day_index = r // DAY_MINUTES
        day = cal.days[day_index]
        if self.first_day is None:
            self.first_day = day
        self.last_day = day
        owner = self.p_owner[product]
        model = self.p_model[product]
        kind_name = PRODUCTS[model][4]
        district = self.c_district[owner]
        u = rnd()
        channel = _PHONE if u < 0.85 else _VISIT if u < 0.95 else _LETTER
        faults = _FAULT_INDEX[kind_name]
        fault_index = faults[int(rnd() * len(faults))]
        clerks = self.clerks
        clerk = clerks[int(rnd() * len(clerks))]
        steps = self.steps
        sid = self.step_id
        received = day_texts[day_index] + minute_texts[r % DAY_MINUTES]
        steps.append((call_id, _K_REGISTER, received, clerk, None, None))
        sid += 1

        technician = dispatched_at = arrived_at = work_done = hours = fee = signed_by = signed_at = closed_at = None
        computed = fee_reason = method = collected = handed_at = handed_to = invoice_no = invoice_at = None
        invoice_by = cancel_reason = None
        if path == CANCEL:
            if j:
                t = times[0]
                closed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                cancel_reason = CANCEL_REASONS[int(rnd() * len(CANCEL_REASONS))]
                steps.append((call_id, _K_CANCEL, closed_at, clerk, cancel_reason, None))
                sid += 1
        elif j:  # S3 dispatched by a supervisor
            techs = self.techs_by_district[district]
            technician = techs[int(rnd() * len(techs))]
            supervisors = self.supervisors
            supervisor = supervisors[technician % len(supervisors)]
            t = times[0]
            dispatched_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
            if rnd() < UNDO_SHARE or not self.undone:  # (the first one always, so that a small run has one)
                sid = self.undone_dispatch(sid, call_id, r, t, technician, supervisor)
                self.undone = True
            steps.append((call_id, _K_DISPATCH, dispatched_at, supervisor, self.staff_name[technician], None))
            sid += 1
            if path == CANCEL_DISPATCHED:
                if j >= 2:
                    t = times[1]
                    closed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                    cancel_reason = CANCEL_REASONS[int(rnd() * len(CANCEL_REASONS))]
                    steps.append((call_id, _K_CANCEL_DISPATCHED, closed_at, clerk, cancel_reason, None))
                    sid += 1
            else:
                if j >= 2:
                    t = times[1]
                    arrived_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                    steps.append((call_id, _K_ARRIVE, arrived_at, technician, None, None))
                    sid += 1
                signer = 0 if rnd() < 0.8 else 1 + int(rnd() * SIGNER_POOL)
                if path == ON_SITE:
                    if j >= 3:  # S4 done on site; S5 a paid job's fee, collected there or invoiced
                        works = WORK_ON_SITE[kind_name]
                        work_done = works[int(rnd() * len(works))]
                        half = max(1, round(work / 30))
                        hours = half / 2
                        t = times[2]
                        done_day = t // DAY_MINUTES
                        done = day_texts[done_day] + minute_texts[t % DAY_MINUTES]
                        if kind == _PAID:
                            computed, charged, fee_reason = self.fee_cents(_MODE_ON_SITE, cal.ordinals[done_day], half)
                            if fee_reason is None and charged >= 10_000 and rnd() < 0.03:
                                charged -= FEE_DISCOUNT
                                fee_reason = FEE_DISCOUNT_REASON
                            fee = _money(charged)
                            if computed is not None:
                                computed = _money(computed)
                            if rnd() < 0.6:
                                method, collected = _COLLECTED, fee
                            else:
                                method = _INVOICE
                        steps.append((call_id, _K_COMPLETE, done, technician, None, None))
                        self.works.append((self.work_id, call_id, None, technician, cal.day_isos[done_day], kind,
                                           _MODE_ON_SITE, hours, sid))
                        self.work_id += 1
                        sid += 1
                    if j >= 4:  # S4: the customer signed the voucher
                        signed_by = self.c_signer[owner] if signer == 0 else self.signers[signer - 1]
                        t = times[3]
                        signed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                        steps.append((call_id, _K_SIGN, signed_at, technician, signed_by, None))
                        sid += 1
                    if j >= 5:  # ... brought it back, and the clerk struck the call off
                        t = times[4]
                        closed_at = day_texts[t // DAY_MINUTES] + minute_texts[t % DAY_MINUTES]
                        steps.append((call_id, _K_STRIKE_OFF, closed_at, clerk, None, None))
                        sid += 1
                        if kind == _PAID:  # S5: the money to the accountant, the invoice
                            accountants = self.accountants
                            accountant = accountants[call_id % len(accountants)]
                            invoiced = _NEVER
                            if method == _COLLECTED:
                                handed = t + int(-_log(1.0 - rnd()) * 120)
                                if handed <= limit:
                                    handed_at = cal.text(handed)
                                    handed_to = accountant
                                    steps.append((call_id, _K_HAND_OVER, handed_at, technician,
                                                  self.staff_name[accountant], None))
                                    sid += 1
                                    invoiced = handed + 30 + int(-_log(1.0 - rnd()) * 900)
                            else:  # the voucher goes to the accountant the same day
                                invoiced = t + int(-_log(1.0 - rnd()) * 150)
                            if invoiced <= limit:
                                invoice_no = f"No.{self.next_invoice():08d}"
                                invoice_at = cal.text(invoiced)
                                invoice_by = accountant
                                steps.append((call_id, _K_INVOICE, invoice_at, accountant, invoice_no, None))
                                sid += 1
                elif j >= 3:  # S6: taken back (its history goes on with the repair card)
                    (fee, computed, fee_reason, method, invoice_no, invoice_at, invoice_by, signed_by, signed_at,
                     closed_at) = self.take_back(call_id, owner, product, technician, clerk, path, times, fault_index,
                                                 kind, signer, kind_name)
        self.step_id = sid
        return (
            call_id,
            self.call_numbers.take(day),
            received,
            channel,
            self.customer_first_id + owner,
            self.product_first_id + product,
            self.c_name[owner],
            self.c_phone[owner],
            self.c_address[owner],
            PRODUCTS[model][0],
            self.p_serial[product],
            _ALL_FAULTS[fault_index],
            district,
            kind,
            reason,
            status,
            technician,
            dispatched_at,
            arrived_at,
            work_done,
            hours,
            fee,
            signed_by,
            signed_at,
            closed_at,
            clerk,
            None,
            computed,
            fee_reason,
            method,
            collected,
            handed_at,
            handed_to,
            invoice_no,
            invoice_at,
            invoice_by,
            cancel_reason,
        )

    def undone_dispatch(self, sid: int, call_id: int, r: int, t: int, technician: int, supervisor: int) -> int:
        """A dispatch to the wrong technician, taken back by the supervisor (``undo``) just
        before the right one; returns the next step id."""
        others = [x for x in self.technicians if x != technician]
        if not others:
            return sid
        wrong = others[int(self.rng.random() * len(others))]
        text = self.cal.text
        given, taken = text(max(r, t - 2)), text(max(r, t - 1))
        self.steps.append((call_id, _K_DISPATCH, given, supervisor, self.staff_name[wrong], None))
        self.steps.append((call_id, _K_UNDO_DISPATCH, taken, supervisor, UNDO_DISPATCH_NOTE, sid))
        return sid + 2

    def take_back(self, call_id, owner, product, technician, clerk, path, times, fault_index, kind, signer,
                  kind_name) -> tuple:
        """Keeps what the goods entry, the repair card and the rest of the history of a call
        taken back need (they are numbered later, in the order the goods came in) in a
        compact record; returns the call's fee, invoice, signature and closing columns."""
        rng = self.rng
        rnd = rng.random
        cal = self.cal
        limit = self.limit
        text = cal.text
        paid = kind == _PAID
        declined = path == DECLINED
        rec = [0] * _R_STRIDE
        taken = times[2]
        rec[_R_TAKEN] = taken
        rec[_R_CALL] = call_id
        rec[_R_CUST] = owner
        rec[_R_PROD] = product
        rec[_R_TECH] = technician
        rec[_R_PATH] = path
        rec[_R_KIND] = _KIND_INDEX[kind]
        rec[_R_FAULT] = fault_index
        rec[_R_CLERK] = clerk
        rec[_R_SIGNER] = signer
        rec[_R_PROMISED] = taken // DAY_MINUTES + rng.randrange(3, 8)
        rec[_R_TAKE_BACK_WORK] = int(rnd() * len(WORK_TAKE_BACK))
        # the repair as it will be done: time and every part (S7); the quote is made from it
        half = rng.randrange(1, 13)
        rec[_R_HALF_HOURS] = half
        works = _SHOP_WORK_INDEX[kind_name]
        rec[_R_WORK] = works[int(rnd() * len(works))]
        parts = _PART_INDEX[kind_name]
        n = 0 if rnd() < 0.15 else 1 + min(3, int(rng.expovariate(1.2)))
        n = min(n, len(parts))
        rec[_R_NPARTS] = n
        parts_cents = 0
        for k, part in enumerate(rng.sample(parts, n)):
            price = self.part_cents[part]
            qty = 2 if price < 5000 and rnd() < 0.4 else 1
            rec[_R_PARTS + k] = part * 10 + qty
            parts_cents += price * qty
        accountants = self.accountants
        accountant = accountants[call_id % len(accountants)]
        rec[_R_ACCOUNTANT] = accountant
        rec[_R_LABOUR] = -1
        rec[_R_QUOTED] = rec[_R_CONSENTED] = rec[_R_INVOICED] = rec[_R_ESCALATED] = _NEVER
        rec[_R_START] = rec[_R_REPAIRED] = rec[_R_INSPECTED] = _NEVER
        fee = computed = fee_reason = method = invoice_no = invoice_at = invoice_by = None
        signed_by = signed_at = closed_at = None
        if declined:
            returned, signed, voided, closed = times[3:7]
            until = returned
        else:
            start, repaired, inspected, returned, signed, voided, closed = times[3:10]
            until = start
        if paid:  # the quote, and the customer's answer before the work starts
            quoted = taken + int((until - taken) * rng.uniform(0.15, 0.45))
            rec[_R_QUOTED] = quoted
            rec[_R_CONSENTED] = quoted + int((until - quoted) * rng.uniform(0.2, 0.8))
            labour = self.fee_cents(_MODE_REPAIR, cal.ordinals[taken // DAY_MINUTES], half)[1]
            rec[_R_QUOTE] = -(-(labour + parts_cents) * 11 // 10000) * 1000  # with a margin, in ten yuan
            rec[_R_CONSENT_CHANNEL] = int(rnd() * len(_CONSENT_CHANNELS))
        if declined:
            if returned <= limit:  # the check is charged (set_fee, with the reason)
                fee, fee_reason = _money(CHECK_FEE), CHECK_FEE_REASON
            invoiced = signed + int(min(60, voided - signed) * rnd())
        else:
            rec[_R_START], rec[_R_REPAIRED], rec[_R_INSPECTED] = start, repaired, inspected
            if repaired <= limit and paid:  # S8: labour at the repair rate of the day, and the parts
                labour_computed, labour, fee_reason = self.fee_cents(_MODE_REPAIR, cal.ordinals[repaired // DAY_MINUTES],
                                                                     half)
                rec[_R_LABOUR] = labour
                fee = _money(labour + parts_cents)
                computed = None if labour_computed is None else fee
            supervisors = self.supervisors
            rec[_R_INSPECTOR] = supervisors[int(rnd() * len(supervisors))]
            # S8: the invoice is issued on the day the goods go back, before they leave
            invoiced = max(inspected, returned - int(rnd() * 60), returned - returned % DAY_MINUTES)
            # S9: a repair that will miss its promised date goes to the supervisor the day before
            promised = rec[_R_PROMISED]
            if repaired >= (promised + 1) * DAY_MINUTES:
                rec[_R_ESCALATED] = max(taken, promised * DAY_MINUTES - 30 - int(rnd() * 150))
        rec[_R_RETURNED] = returned
        rec[_R_SIGNED] = signed
        rec[_R_VOIDED] = voided
        rec[_R_CLOSED] = closed
        # returned by the technician, or over the counter by the clerk
        rec[_R_RETURNED_BY] = technician if rnd() < 0.5 else clerk
        if rnd() < 0.02 or (not self.lost and voided <= limit):  # a few lost the receipt (the first always)
            rec[_R_LOST] = 1
            self.lost = self.lost or voided <= limit
        if paid:
            rec[_R_INVOICED] = invoiced
            if invoiced <= limit:
                number = self.next_invoice()
                rec[_R_INVOICE_NO] = number
                invoice_no = f"No.{number:08d}"
                invoice_at = text(invoiced)
                invoice_by = accountant
                method = _INVOICE
        if signed <= limit:  # S7: signed again when the goods came back
            signed_by = self.c_signer[owner] if signer == 0 else self.signers[signer - 1]
            signed_at = text(signed)
        if closed <= limit:
            closed_at = text(closed)
        self.records.extend(rec)
        return fee, computed, fee_reason, method, invoice_no, invoice_at, invoice_by, signed_by, signed_at, closed_at

    # -- goods entries, repair cards, parts --------------------------------------------------

    def make_goods_and_cards(self) -> Iterator[Chunk]:
        """S6/S7: one goods entry and one repair card per call taken back, numbered in the
        order the goods came in (the card is opened as the goods are logged), with the
        rest of the call's history from the taking back on and the repair's work log."""
        rng = self.rng
        cal = self.cal
        text = cal.text
        limit = self.limit
        recs = self.records
        n = len(recs) // _R_STRIDE
        order = sorted(range(n), key=lambda k: (recs[k * _R_STRIDE + _R_TAKEN], recs[k * _R_STRIDE + _R_CALL]))
        goods_id = self.existing.first_ids["goods_entry"]
        card_id = self.existing.first_ids["repair_card"]
        part_id = self.existing.first_ids["repair_part"]
        receipts = self.numbers[numbering.GOODS_RECEIPT]
        cards = self.numbers[numbering.REPAIR_CARD]
        goods_rows: list[tuple] = []
        card_rows: list[tuple] = []
        part_rows: list[tuple] = []
        share = max(1, self.goods_units * CHUNK // max(n, 1))
        n_parts = 0
        for k in order:
            b = k * _R_STRIDE
            rec = recs[b : b + _R_STRIDE]
            call_id = rec[_R_CALL]
            declined = rec[_R_PATH] == DECLINED
            kind = _KIND_CODES[rec[_R_KIND]]
            paid = kind == _PAID
            owner = rec[_R_CUST]
            product = rec[_R_PROD]
            tech = rec[_R_TECH]
            clerk = rec[_R_CLERK]
            model = PRODUCTS[self.p_model[product]][0]
            serial = self.p_serial[product]
            name = self.c_name[owner]
            taken = text(rec[_R_TAKEN])
            day = cal.date_of(rec[_R_TAKEN])
            promised = cal.day_isos[rec[_R_PROMISED]]
            signer = rec[_R_SIGNER]
            signer_name = self.c_signer[owner] if signer == 0 else self.signers[signer - 1]
            receipt_no = receipts.take(day)
            t_returned, t_signed, t_voided = rec[_R_RETURNED], rec[_R_SIGNED], rec[_R_VOIDED]
            returned_by = rec[_R_RETURNED_BY]
            returned = returned_by_id = outcome = received_back_by = voided = checked_by = document = None
            lost = 0
            if t_returned <= limit:
                returned = text(t_returned)
                returned_by_id = returned_by
                outcome = _UNREPAIRED if declined else _REPAIRED_OUTCOME
            if t_signed <= limit:
                received_back_by = signer_name
            if t_voided <= limit:
                voided = text(t_voided)
                if rec[_R_LOST]:  # the receipt was lost: the customer was identified instead
                    lost, checked_by = 1, clerk
                    document = (f"身份证 {ID_PREFIXES[int(rng.random() * len(ID_PREFIXES))]}**********"
                                f"{rng.randrange(10_000):04d}")
            goods_rows.append((
                goods_id, receipt_no, call_id, self.customer_first_id + owner,
                self.product_first_id + product, name, self.c_phone[owner], model, serial,
                ACCESSORIES[int(rng.random() * len(ACCESSORIES))], CONDITIONS[int(rng.random() * len(CONDITIONS))],
                taken, tech, promised, returned, returned_by_id, received_back_by, voided, outcome, lost, checked_by,
                document,
            ))
            # the repair card
            status = RepairCardStatus.OPEN.value
            work = hours = labour = repaired = inspector = inspected = result = passed = None
            quote = quoted = consent = consent_by = consented = channel = None
            escalation = escalated = escalated_by = None
            if rec[_R_QUOTED] <= limit:
                quote = _money(rec[_R_QUOTE])
                quoted = text(rec[_R_QUOTED])
            if rec[_R_CONSENTED] <= limit:
                consent = 0 if declined else 1
                consent_by = signer_name
                consented = text(rec[_R_CONSENTED])
                channel = _CONSENT_CHANNELS[rec[_R_CONSENT_CHANNEL]]
            if rec[_R_START] <= limit:
                status = RepairCardStatus.IN_REPAIR.value
            if rec[_R_REPAIRED] <= limit:
                status = RepairCardStatus.REPAIRED.value
                work = _ALL_SHOP_WORK[rec[_R_WORK]]
                hours = rec[_R_HALF_HOURS] / 2
                if rec[_R_LABOUR] >= 0:
                    labour = _money(rec[_R_LABOUR])
                repaired = text(rec[_R_REPAIRED])
                for line in range(rec[_R_NPARTS]):
                    code = rec[_R_PARTS + line]
                    part_no, part_name, _ = _ALL_PARTS[code // 10][1]
                    part_rows.append((part_id, card_id, line + 1, part_no, part_name, code % 10,
                                      _money(self.part_cents[code // 10])))
                    part_id += 1
                    n_parts += 1
            if rec[_R_INSPECTED] <= limit:
                status = RepairCardStatus.INSPECTED.value
                inspector = rec[_R_INSPECTOR]
                inspected = text(rec[_R_INSPECTED])
                result = INSPECTION_RESULTS[int(rng.random() * len(INSPECTION_RESULTS))]
                passed = 1
            if returned is not None:
                status = RepairCardStatus.RETURNED.value
            if rec[_R_ESCALATED] <= limit:
                escalation = ESCALATION_NOTES[int(rng.random() * len(ESCALATION_NOTES))]
                escalated = text(rec[_R_ESCALATED])
                escalated_by = tech
            card_rows.append((
                card_id, cards.take(day), goods_id, call_id, name, model, serial, _ALL_FAULTS[rec[_R_FAULT]],
                taken, tech, promised, work, hours, labour, status, repaired, inspector, inspected, result, passed,
                quote, quoted, consent, consent_by, consented, channel, escalation, escalated, escalated_by,
            ))
            # the history from the taking back on: (time, step, status after or None, by, note)
            invoice_no = f"No.{rec[_R_INVOICE_NO]:08d}" if rec[_R_INVOICED] <= limit else None
            events = [(rec[_R_TAKEN], _STEP_TAKE_BACK, _TAKEN_BACK, tech, WORK_TAKE_BACK[rec[_R_TAKE_BACK_WORK]])]
            if paid:
                events.append((rec[_R_QUOTED], _STEP_QUOTE, None, tech, f"{rec[_R_QUOTE] / 100:.2f}"))
                events.append((rec[_R_CONSENTED], _STEP_CONSENT, None, clerk, signer_name))
            if declined:
                events.append((t_returned, _STEP_SET_FEE, None, clerk, CHECK_FEE_REASON))
                events.append((t_returned, _STEP_RETURN_UNREPAIRED, _RETURNED, returned_by, DECLINE_REASON))
                events.append((t_signed, _STEP_SIGN, _RETURN_SIGNED, returned_by, signer_name))
                events.append((rec[_R_INVOICED], _STEP_INVOICE, None, rec[_R_ACCOUNTANT], invoice_no))
            else:
                events.append((rec[_R_START], _STEP_START_REPAIR, _IN_REPAIR, tech, None))
                events.append((rec[_R_REPAIRED], _STEP_FINISH_REPAIR, _REPAIRED, tech, work))
                events.append((rec[_R_INSPECTED], _STEP_INSPECT, _INSPECTED, rec[_R_INSPECTOR], result))
                if paid:
                    events.append((rec[_R_INVOICED], _STEP_INVOICE, None, rec[_R_ACCOUNTANT], invoice_no))
                events.append((t_returned, _STEP_RETURN_GOODS, _RETURNED, returned_by, None))
                events.append((t_signed, _STEP_SIGN, _RETURN_SIGNED, returned_by, signer_name))
            events.append((t_voided, _STEP_VOID_RECEIPT, _RECEIPT_VOIDED, clerk, document or receipt_no))
            events.append((rec[_R_CLOSED], _STEP_CLOSE, _CLOSED, clerk, None))
            if escalated is not None:
                at = rec[_R_ESCALATED]
                i = next(i for i, e in enumerate(events) if e[0] > at)
                events.insert(i, (at, _STEP_ESCALATE, None, tech, escalation))
            sid = self.step_id
            steps = self.steps
            current = _ARRIVED
            for at, step, after, by, note in events:
                if at > limit:
                    break
                moment = text(at)
                steps.append((call_id, _STEP_CODE[step, current], moment, by, note, None))
                if step == _STEP_FINISH_REPAIR:  # S10: the repair's hours, on the day it was done
                    self.works.append((self.work_id, call_id, card_id, tech, cal.day_isos[at // DAY_MINUTES], kind,
                                       _MODE_REPAIR, hours, sid))
                    self.work_id += 1
                current = after or current
                sid += 1
            self.step_id = sid
            goods_id += 1
            card_id += 1
            if len(goods_rows) >= CHUNK:
                yield from self._flush_goods(goods_rows, card_rows, part_rows, share)
                goods_rows, card_rows, part_rows = [], [], []
        yield from self._flush_goods(goods_rows, card_rows, part_rows, 0)
        self.summary.goods_entries = n
        self.summary.repair_cards = n
        self.summary.parts = n_parts
        self.summary.steps = self.step_id - self.existing.first_ids["call_step"]
        self.summary.work_logs = self.work_id - self.existing.first_ids["work_log"]
        self.records = array("i")

    def _flush_goods(self, goods_rows, card_rows, part_rows, share) -> Iterator[Chunk]:
        steps, works = self.steps, self.works
        self.steps, self.works = [], []
        yield GoodsEntry.__table__, GOODS_COLUMNS, goods_rows, 0
        yield RepairCard.__table__, CARD_COLUMNS, card_rows, 0
        yield RepairPart.__table__, PART_COLUMNS, part_rows, share
        yield CallStep.__table__, STEP_ROW, steps, 0
        yield WorkLog.__table__, WORK_COLUMNS, works, 0


def _a_year_later(ordinal: int) -> int:
    """The same day a year later (28 February for 29 February), as an ordinal."""
    d = date.fromordinal(ordinal)
    try:
        return d.replace(year=d.year + 1).toordinal()
    except ValueError:
        return d.replace(year=d.year + 1, day=28).toordinal() + 1



_SURNAME_CUM = list(accumulate(SURNAME_WEIGHTS))

# Tests switch this off to check that the SQLAlchemy Core path (other databases) writes
# the same rows as the DBAPI path.
_RAW_SQLITE = True
