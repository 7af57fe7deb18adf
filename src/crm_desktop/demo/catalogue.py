"""The demo's fixed catalogues: the city and its districts, streets and estates; the names of
people and firms; the company's products with their faults, the work done on them and their
parts; the texts clerks and technicians write (reasons, notes, results); the labour rates and
contract fees; and the lookups the hot path uses (every fault, part and repair in one list,
indexed by kind of machine). Plain data, no logic: changing a value changes the demo's rows.
"""

from __future__ import annotations

from itertools import accumulate

from ..models import WorkMode
from ..services.goods import NO_ACCESSORIES

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
# goods without any accessory say so as the take-back step writes it (services.goods.NO_ACCESSORIES)
ACCESSORIES = (NO_ACCESSORIES, "电源线", "电源线、数据线", "电源适配器", "遥控器、电源线", "纸盒一个", "电源线、纸盒")
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
# a fee charged in a database whose own labour rates have none for the day
NO_RATE_REASON = "当日未设工时费标准，按常规标准收取"
# the name, address and phone every printed form carries (invented, like the rest)
DEMO_BRANCH = ("华东办公设备服务公司南京分公司", "南京市玄武区珠江路 88 号华海大厦 5 楼", "025-84561234")
# people other than the customer's own contact who sign for the goods now and then
SIGNER_POOL = 400

# The hot path's lookups: every fault, part and repair of every kind of machine in one list,
# and by kind the positions in it (a call keeps a small integer, not the text).
ALL_FAULTS = [f for k in KINDS for f in FAULTS[k]]
FAULT_INDEX = {k: [ALL_FAULTS.index(f) for f in FAULTS[k]] for k in KINDS}
ALL_PARTS = [(k, p) for k in KINDS for p in PARTS[k]]
PART_INDEX = {k: [i for i, (kk, _) in enumerate(ALL_PARTS) if kk == k] for k in KINDS}
ALL_SHOP_WORK = [w for k in KINDS for w in WORK_IN_SHOP[k]]
SHOP_WORK_INDEX = {k: [ALL_SHOP_WORK.index(w) for w in WORK_IN_SHOP[k]] for k in KINDS}
SURNAME_CUM = list(accumulate(SURNAME_WEIGHTS))
