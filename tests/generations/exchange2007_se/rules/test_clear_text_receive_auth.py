"""EXL412 clear-text-receive-auth: New-ReceiveConnector -AuthMechanism BasicAuth without
BasicAuthRequireTLS offers AUTH before STARTTLS (misconfiguration catalog S30).

Source: https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.clear_text_receive_auth import RULE
from tests.lint_helpers import lint_findings, lint_text


def _receive(name: str, extra: str) -> str:
    return f"  - {{name: {name}, server: EX01, bindings: ['0.0.0.0:{587 + len(name)}'], {extra}}}\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL412") == [(13, 21, "EXL412")]
    assert lint_text(RULE.doc.use_instead, "EXL412") == []


def test_bad_basic_auth_for_public_senders_is_a_security_warning() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", "auth_mechanism: [BasicAuth], permission_groups: [ExchangeUsers]")
        + _receive("BB", "auth_mechanism: [Tls, BasicAuth], remote_ip_ranges: ['10.0.0.0/8', '203.0.113.7']")
    )
    assert lint_text(src, "EXL412") == [(10, 72, "EXL412"), (11, 73, "EXL412")]
    found = [f for f in lint_findings(src) if f.rule_id == "EXL412"]
    assert {f.severity.value for f in found} == {"warning"}
    assert "(203.0.113.7)" in found[1].message


def test_good_tls_first_private_senders_or_disabled() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", "auth_mechanism: [Tls, BasicAuth, BasicAuthRequireTLS]")
        + _receive("BB", "auth_mechanism: [Tls, BasicAuth], require_tls: true")
        + _receive("CCC", "auth_mechanism: [Tls, BasicAuth], remote_ip_ranges: ['10.0.0.0/8', '192.168.1.0/24']")
        + _receive("DDDD", "auth_mechanism: [BasicAuth], enabled: false")
    )
    assert lint_text(src, "EXL412") == []
