# Source: DESIGN §9 "The modern Q169117"; KB Q169117; Exchange docs "Connector selection".
"""EXL114 partner-connector-wins-internet: on the catch-all space a partner connector wins."""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.rules.partner_connector_wins_internet import RULE
from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_findings, lint_text

BAD = HQ_BRANCH + (
    '  - {name: Internet, usage: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'
    "  - {name: Fabrikam relay, source_transport_servers: [EX03], smart_hosts: [mx.fabrikam.example],\n"
    '     address_spaces: ["SMTP:fabrikam.example;1", "SMTP:*.com;1"]}\n'
)
GOOD = HQ_BRANCH + (
    '  - {name: Internet, usage: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'
    "  - {name: Fabrikam relay, source_transport_servers: [EX03], smart_hosts: [mx.fabrikam.example],\n"
    '     address_spaces: ["SMTP:fabrikam.example;1"]}\n'
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL114") == [(15, 49, "EXL114")]
    assert lint_text(RULE.doc.use_instead, "EXL114") == []


def test_single_partner_smart_host_wins_a_broad_wildcard_by_specificity_everywhere() -> None:
    assert lint_text(BAD, "EXL114") == [(16, 50, "EXL114")]
    (finding,) = [f for f in lint_findings(BAD) if f.rule_id == "EXL114"]
    assert "(SMTP:*.com) from server EX03 (site BRANCH); servers EX01, EX02 (site HQ)" in finding.message
    assert "decided by match" in finding.message
    assert "smart hosts for the partner fabrikam.example" in finding.message
    assert "should leave by 'Internet'" in finding.message


def test_partner_limited_to_its_domain_is_clean() -> None:
    assert lint_text(GOOD, "EXL114") == []


def test_partner_winning_star_by_cost_is_reported_only_from_its_own_site() -> None:
    src = HQ_BRANCH + (
        '  - {name: Internet, usage: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: Partner, usage: Partner, source_transport_servers: [EX03], address_spaces: ["SMTP:*;1"]}\n'
    )
    assert lint_text(src, "EXL114") == [(15, 88, "EXL114")]
    (finding,) = [f for f in lint_findings(src) if f.rule_id == "EXL114"]
    assert "from server EX03 (site BRANCH), decided by cost" in finding.message


def test_internet_connector_winning_the_catch_all_is_clean() -> None:
    src = (
        HQ_BRANCH
        + '  - {name: Internet, usage: Internet, source_transport_servers: [EX03], address_spaces: ["SMTP:*;1"]}\n'
    )
    assert lint_text(src, "EXL114") == []
