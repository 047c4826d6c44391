"""EXL305 duplicate-site-name (2007–SE): an AD site is one unit of site-link cost and connector scope.

Source: https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection
"""

from __future__ import annotations

from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_findings, lint_text

BAD = HQ_BRANCH.replace("  - {name: BRANCH, servers: [EX03]}", "  - {name: hq, servers: [EX03]}")


def test_bad_the_same_site_twice_without_case() -> None:
    assert lint_text(BAD, "EXL305") == [(5, 12, "EXL305")]
    (found,) = [f for f in lint_findings(BAD) if f.rule_id == "EXL305"]
    assert [(r.region.start_line, r.region.start_column) for r in found.related] == [(6, 12)]
    assert found.message == "AD site 'HQ' is declared 2 times"


def test_good_distinct_sites() -> None:
    assert lint_text(HQ_BRANCH, "EXL305") == []
