"""EXL310 exchange-servers-on-custom-connector: NDR 5.3.3/5.7.3, Loeber "Receive Connector Tango! 2" (S29).

Source: https://zacharyloeber.com/blog/2014/08/23/exchange-receive-connector-tango-part-2/
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.exchange_servers_on_custom_connector import RULE
from tests.lint_helpers import lint_findings, lint_text

SERVERS = HEADER.replace("      - {name: EDGE01", '      - {name: EX02, ips: ["10.0.0.12"]}\n      - {name: EDGE01')


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL310") == [(13, 23, "EXL310")]
    assert lint_text(RULE.doc.use_instead, "EXL310") == []


def test_a_range_that_holds_another_server_without_exchange_server_auth() -> None:
    src = SERVERS + (
        "receive_connectors:\n"
        "  - {name: Relay, server: EX01, bindings: ['0.0.0.0:25'], remote_ip_ranges: ['10.0.0.10-10.0.0.20'],"
        " auth_mechanism: [ExchangeServer], permission_groups: [AnonymousUsers]}\n"
    )
    found = [f for f in lint_findings(src) if f.rule_id == "EXL310"]
    assert [(f.location.region.start_line, f.location.region.start_column) for f in found] == [(11, 77)]
    assert [place.region.start_line for place in found[0].related] == [8]  # EX02, not the connector's own EX01


def test_own_server_default_connectors_and_exchange_server_auth() -> None:
    src = SERVERS + (
        "receive_connectors:\n"
        "  - {name: Own, server: EX01, bindings: ['0.0.0.0:25'], remote_ip_ranges: ['10.0.0.11']}\n"
        "  - {name: Default Frontend EX01, server: EX01, bindings: ['0.0.0.0:25'], remote_ip_ranges: ['10.0.0.0/8']}\n"
        "  - {name: Trusted, server: EX01, bindings: ['0.0.0.0:2525'], remote_ip_ranges: ['10.0.0.0/24'],"
        " auth_mechanism: [Tls, ExchangeServer], permission_groups: [ExchangeServers]}\n"
    )
    assert lint_text(src, "EXL310") == []
