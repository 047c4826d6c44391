"""EXL306 duplicate-server (2007–SE): a server is in one AD site, whose site-link costs its
connectors take (Connector selection).

Source: https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection
"""

from __future__ import annotations

from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_findings, lint_text

BAD = HQ_BRANCH.replace("servers: [EX03]", "servers: [EX03, {name: ex01, roles: [Mailbox]}]")


def test_bad_a_server_in_two_sites() -> None:
    assert lint_text(BAD, "EXL306") == [(5, 26, "EXL306")]
    (found,) = [f for f in lint_findings(BAD) if f.rule_id == "EXL306"]
    assert [(r.region.start_line, r.region.start_column) for r in found.related] == [(6, 36)]
    assert found.message == "server 'EX01' is listed 2 times (AD sites 'BRANCH', 'HQ')"


def test_good_each_server_once() -> None:
    assert lint_text(HQ_BRANCH, "EXL306") == []
