# Source: misconfigurations.md S33a; Exchange docs "Accepted domains"; Practical365 internal relay loops.
"""EXL117 relay-domain-without-connector: warning, error with an Edge subscription."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generations.exchange2007_se.rules.relay_domain_without_connector import RULE
from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_findings, lint_text

INTERNET = '  - {name: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'
EDGE = HQ_BRANCH.replace("edge_subscriptions: []", "edge_subscriptions: [{edge: EDGE01, site: HQ}]")


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL117") == [(8, 5, "EXL117")]
    assert lint_text(RULE.doc.use_instead, "EXL117") == []


def test_relay_domain_through_star_only_is_a_warning_and_an_error_with_an_edge() -> None:
    (plain,) = [f for f in lint_findings(HQ_BRANCH + INTERNET) if f.rule_id == "EXL117"]
    (edge,) = [f for f in lint_findings(EDGE + INTERNET) if f.rule_id == "EXL117"]
    assert (plain.location.region.start_line, plain.severity) == (11, Severity.WARNING)
    assert (edge.location.region.start_line, edge.severity) == (11, Severity.ERROR)


def test_a_wildcard_parent_space_covers_the_relay_domain() -> None:
    src = (
        HQ_BRANCH + INTERNET + '  - {name: F, source_transport_servers: [EX01], address_spaces: ["SMTP:*.example;1"]}\n'
    )
    assert lint_text(src, "EXL117") == []
