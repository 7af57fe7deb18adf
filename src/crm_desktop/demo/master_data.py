"""The master data the calls refer to: staff, the labour rates and parts price list,
customers of every category, their products and maintenance contracts. Kept as compact
parallel lists and arrays by index (``c_*`` for customers, ``p_*`` for products), which the
calls copy from."""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta

from ..models import (
    Customer,
    CustomerCategory,
    CustomerProduct,
    District,
    LabourRate,
    MaintenanceContract,
    PartPrice,
    Role,
    Staff,
    contract_product,
)
from ..models.name_keys import name_keys
from ..services import numbering
from .catalogue import (
    ALL_PARTS,
    AREA_CODE,
    BANK_BRANCHES,
    BANKS,
    CITY,
    COMPOUND_SURNAMES,
    CONTRACT_FEES,
    CONTRACT_REMARKS,
    DISTRIBUTOR_FIRMS,
    DISTRICTS,
    ESTATES,
    FIRM_SUFFIXES,
    FIRST_PERSONS,
    GIVEN_DOUBLE,
    GIVEN_SINGLE,
    INDUSTRIES,
    INSTITUTIONS,
    INSURERS,
    NO_RATE_REASON,
    PRODUCT_WEIGHTS,
    PRODUCTS,
    RAISED_RATES,
    RARE,
    RATES,
    SIGNER_POOL,
    SPECIAL_FIRMS,
    SUBURBAN_NAMES,
    SUPPLIER_FIRMS,
    SURNAME_CUM,
    SURNAMES,
    TRADE_NAMES,
    URBAN_NAMES,
)
from .paths import MODE_ON_SITE, MODE_REPAIR
from .rows import (
    CHUNK,
    CONTRACT_COLUMNS,
    CONTRACT_PRODUCT_COLUMNS,
    CUSTOMER_COLUMNS,
    PART_PRICE_COLUMNS,
    PRODUCT_COLUMNS,
    RATE_COLUMNS,
    STAFF_COLUMNS,
    Chunk,
    money,
)
from .working_time import NEVER, a_year_later


class MasterData:
    """Part of ``Generator`` (see there): the rows every call refers to, made first. Sets
    what the calls read: the staff by role and ``staff_name``, the customers' ``c_*`` lists,
    the products' ``p_*`` arrays (in order of purchase, with their contract cover), the rates
    (``rate_from``, ``rate_values``), ``part_cents``, ``signers`` and the first invoice number."""

    # -- helpers -------------------------------------------------------------------------

    def person_name(self) -> str:
        rng = self.rng
        if rng.random() < 0.012:
            surname = rng.choice(COMPOUND_SURNAMES)
        else:
            surname = rng.choices(SURNAMES, cum_weights=SURNAME_CUM)[0]
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
            keys = name_keys(name)
            rows.append((next_id, name, role, self.mobile(), 1, keys.sort, keys.initials, keys.full))
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
            keys = name_keys(name)
            rows.append((first_id + i, code, name, category, district, legal, address, postcode, phone, fax, scope, capital,
                         contact, remarks, keys.sort, keys.initials, keys.full))
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
                rows.append((rate_id + k, mode, valid_from.isoformat(), money(rate), money(minimum)))
        self.rate_from: dict[str, list[int]] = {}
        self.rate_values: dict[str, list[tuple[int, int]]] = {}
        for mode in (MODE_ON_SITE, MODE_REPAIR):
            mine = sorted((valid_from.toordinal(), rate, minimum) for m, valid_from, rate, minimum in rates if m == mode)
            self.rate_from[mode] = [o for o, _, _ in mine]
            self.rate_values[mode] = [(rate, minimum) for _, rate, minimum in mine]
        self.summary.labour_rates = len(rows)
        yield LabourRate.__table__, RATE_COLUMNS, rows, 0
        rows = []
        self.part_cents: list[int] = []
        part_id = existing.first_ids["part_price"]
        for _, (part_no, name, price) in ALL_PARTS:
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
        self.p_cov_start = array("i", [NEVER]) * n
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
                end = a_year_later(start) - 1
                covered = [p for p in products if purchase[p] <= start]
                terms.append((start, owner, end, covered))
                for p in covered:
                    if self.p_cov_start[p] == NEVER:
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

