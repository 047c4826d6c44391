"""EXL402 anonymous-relay: "Allow anonymous relay on Exchange servers" (catalog S26).

Source: https://learn.microsoft.com/exchange/mail-flow/connectors/allow-anonymous-relay
"""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.anonymous_relay import RULE
from tests.lint_helpers import lint_findings, lint_text

ANONYMOUS = (
    ", extended_rights: [{principal: 'NT AUTHORITY\\ANONYMOUS LOGON', rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}]"
)


def _receive(name: str, ranges: str, groups: str, extra: str = "") -> str:
    written = f", remote_ip_ranges: [{ranges}]" if ranges else ""
    return (
        f"  - {{name: {name}, server: EX01, bindings: ['0.0.0.0:25']{written}, permission_groups: [{groups}]{extra}}}\n"
    )


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL402") == [(13, 23, "EXL402")]
    assert lint_text(RULE.doc.use_instead, "EXL402") == []


def test_either_method_for_the_internet_a_default_connector_or_both_methods() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", "'::/0'", "AnonymousUsers", ANONYMOUS)
        + _receive("B", "'203.0.113.0/23'", "ExchangeServers", ", auth_mechanism: [Tls, ExternalAuthoritative]")
        + _receive("Default Frontend EX01", "'10.0.5.1'", "AnonymousUsers", ANONYMOUS)
        + _receive(
            "D",
            "'10.0.5.1'",
            "AnonymousUsers, ExchangeServers",
            ", auth_mechanism: [ExternalAuthoritative]" + ANONYMOUS,
        )
    )
    found = [f for f in lint_findings(src) if f.rule_id == "EXL402"]
    assert [(f.location.region.start_line, f.location.region.start_column, f.severity) for f in found] == [
        (10, 73, Severity.ERROR),
        (11, 73, Severity.ERROR),
        (12, 12, Severity.ERROR),
        (13, 106, Severity.WARNING),
    ]


def test_relay_for_named_hosts_or_no_relay_at_all() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", "'10.0.0.0/8', '203.0.113.0/24'", "AnonymousUsers", ANONYMOUS)
        + _receive("B", "", "AnonymousUsers")  # anonymous mail to accepted domains only: no relay right
        + _receive("C", "", "ExchangeServers", ", auth_mechanism: [Tls, ExchangeServer]")
    )
    assert lint_text(src, "EXL402") == []
