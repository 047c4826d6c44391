# Source: misconfigurations.md S31; New-SendConnector -IsScopedConnector; "Connector selection".
"""EXL115 scoped-connector-unreachable: warning where no route, note where only a broader one."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generations.exchange2007_se.rules.scoped_connector_unreachable import RULE
from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_findings, lint_text

SCOPED = (
    '  - {name: Partner, scoped: true, source_transport_servers: [EX01], address_spaces: ["SMTP:partner.example;1"]}\n'
)
INTERNET = '  - {name: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL115") == [(13, 22, "EXL115")]
    assert lint_text(RULE.doc.use_instead, "EXL115") == []


def test_no_route_from_another_site_is_a_warning_naming_it() -> None:
    (finding,) = [f for f in lint_findings(HQ_BRANCH + SCOPED) if f.rule_id == "EXL115"]
    assert (finding.location.region.start_line, finding.severity) == (14, Severity.WARNING)
    assert "BRANCH (unreachable)" in finding.message


def test_only_a_broader_space_from_another_site_is_a_note() -> None:
    (finding,) = [f for f in lint_findings(HQ_BRANCH + SCOPED + INTERNET) if f.rule_id == "EXL115"]
    assert finding.severity == Severity.NOTE
    assert "through 'Internet' SMTP:*;1" in finding.message


def test_an_unscoped_connector_is_clean() -> None:
    assert lint_text(HQ_BRANCH + SCOPED.replace("scoped: true", "scoped: false"), "EXL115") == []
