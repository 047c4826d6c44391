"""EXL307 send-routing-mode-contradiction: New-SendConnector -DNSRoutingEnabled/-SmartHosts (catalog S22).

Source: https://learn.microsoft.com/powershell/module/exchange/new-sendconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.send_routing_mode_contradiction import RULE
from tests.lint_helpers import lint_text


def _connector(name: str, extra: str) -> str:
    return f'  - {{name: {name}, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"], {extra}}}\n'


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL307") == [(13, 18, "EXL307")]
    assert lint_text(RULE.doc.use_instead, "EXL307") == []


def test_dns_and_smart_hosts_or_auth_without_smart_hosts() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _connector("A", "dns_routing: true, smart_hosts: [relay.example]")
        + _connector("B", "smart_host_auth: BasicAuth")
        + _connector("C", "dns_routing: false, smart_hosts: []")
    )
    assert lint_text(src, "EXL307") == [(10, 111, "EXL307"), (11, 96, "EXL307"), (12, 92, "EXL307")]


def test_one_routing_mode_each() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _connector("A", "dns_routing: true")
        + _connector("B", "smart_hosts: [relay.example], smart_host_auth: ExchangeServer")
        + _connector("C", "dns_routing: false, smart_hosts: [relay.example]")
    )
    assert lint_text(src, "EXL307") == []
