"""The branch office the printing tests print from (tests/views/branch_data.py), with its
name, address and telephone as the forms' heads show them."""

from __future__ import annotations

import pytest

from crm_desktop.services import branch

from ..views.branch_data import build

BRANCH = ("华东办公设备服务公司南京分公司", "南京市玄武区珠江路88号华海大厦5楼", "025-84561234")


@pytest.fixture
def branch_office(database):
    ids = build(database)
    with database.Session.begin() as s:
        branch.save(s, *BRANCH)
    return ids
