"""Demo data: one branch office in Nanjing (南京) with its staff, customers, their products,
maintenance contracts, the labour rates and parts price list, and service calls that went
through the steps of ``services.process`` (S2–S9), each with its history, written in bulk.

A tool, not a rule of the business: it fills a database for the ``demo`` command, the first
start's choice, the tests' fixtures and the benchmarks, through the program's models and a
few of its services (numbering, the calendar for deadlines, accounts, branch). Its face is
``generate`` and what it returns (``DemoSummary``); the catalogue names below are the ones
the tests check rows against.

What the rows obey (``tests/demo/test_demo.py`` checks each):

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
  branch's working hours (``working_time``) and never after ``now``; old calls are
  finished, the open stages are the last days' calls. Every status is present even in a
  run of a few hundred calls.
- X3: call, receipt, card and contract numbers come from the configured patterns
  (``numbering``), gapless per period in time order, and the ``sequences`` table ends
  holding the last value of each period, so the program's next number continues the series.

How it is fast (1,000,000 calls, 8 million steps of history, in about two minutes,
benchmarks/bench_demo.py): times are counted in *working minutes* from the first day (480 a
day), so a stage is a sum of durations and always lands in working hours, and a time
becomes the text SQLAlchemy stores by two list lookups; the rows are plain tuples, made in a
worker thread (with their values flattened, and the two-character search pieces cut) while
the caller's thread writes the previous ones (SQLite with multi-row ``INSERT`` statements of
a few thousand values through the DBAPI, other databases with SQLAlchemy Core); meanwhile
the interpreter switches threads every 0.2 ms, so that the writing thread gets the GIL back
as soon as a statement is done. A history row carries the index of its (step, from, to) in
``paths.STEP_KINDS``, which a ``CASE`` in the ``INSERT`` turns into the three texts, and no
id (SQLite numbers the rows in order, as the generator counts them). For large runs on
SQLite the full-text triggers and the secondary indexes are dropped for the duration of the
load and rebuilt once at the end from the SQL stored in ``sqlite_master`` (the
two-character indexes are filled during the load, from the pieces cut in the worker), and
foreign keys are not checked row by row (SQLite can switch that only outside the
transaction; the rows refer only to rows written before them, which the tests check with
the checks on). Memory stays flat: rows go out in chunks, and what later rows need (names,
products, the goods taken back) is kept in compact lists and arrays. The history of a call
is made with its register line (and, for goods taken back, with its repair card), so it
costs tuples, not queries. The hot path (``calls.CallPlanner.call_row``) inlines that work
on purpose: each choice there was measured.

Everything happens in one transaction: if anything fails, or the caller cancels through
``progress``, the database is as it was, triggers and indexes included.

The modules, in the order a load uses them:

- ``load``: ``generate`` and the load in the caller's transaction;
- ``generator``: the ``Generator``, made of ``master_data`` (staff, prices, customers,
  products, contracts), ``calls`` (the planner of calls and their paths, register lines and
  history) and ``goods`` (goods entries, repair cards, parts);
- ``catalogue`` (fixed names, places, products, texts), ``working_time`` (the demo's own
  working calendar), ``paths`` (paths, steps and stored codes), ``series`` (X3 numbers),
  ``rows`` (the rows' columns);
- ``writer`` (the bulk writer and its worker thread), ``search_index`` (the search indexes
  paused during a large load), ``finish`` (branch, accounts, responsibilities, deadlines);
- ``summary``: ``DemoSummary``.
"""

from __future__ import annotations

from .catalogue import (
    CANCEL_REASONS,
    CHECK_FEE,
    CHECK_FEE_REASON,
    DISTRICTS,
    FEE_DISCOUNT_REASON,
    OVERRIDE_TO_PAID,
    PARTS,
)
from .load import generate
from .summary import DemoSummary

__all__ = [
    "generate",
    "DemoSummary",
    "CANCEL_REASONS",
    "CHECK_FEE",
    "CHECK_FEE_REASON",
    "DISTRICTS",
    "FEE_DISCOUNT_REASON",
    "OVERRIDE_TO_PAID",
    "PARTS",
]
