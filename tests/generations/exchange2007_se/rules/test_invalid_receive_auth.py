"""EXL311 invalid-receive-auth: New-ReceiveConnector -AuthMechanism/-PermissionGroups (catalog S30).

Source: https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.invalid_receive_auth import RULE
from tests.lint_helpers import lint_text


def _receive(name: str, extra: str) -> str:
    return f"  - {{name: {name}, server: EX01, bindings: ['0.0.0.0:2525'], {extra}}}\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL311") == [(14, 21, "EXL311")]
    assert lint_text(RULE.doc.use_instead, "EXL311") == []


def test_each_combination_the_cmdlet_refuses() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", "auth_mechanism: [None, Tls]")
        + _receive("B", "auth_mechanism: [Tls, Integrated, ExternalAuthoritative], permission_groups: [Partners]")
        + _receive("C", "auth_mechanism: [BasicAuth], require_tls: true")
        + _receive("D", "permission_groups: [None]")
    )
    assert lint_text(src, "EXL311") == [
        (10, 73, "EXL311"),
        (11, 73, "EXL311"),
        (11, 134, "EXL311"),
        (12, 99, "EXL311"),
        (13, 76, "EXL311"),
    ]


def test_combinations_the_cmdlet_accepts() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", "auth_mechanism: [None], permission_groups: [AnonymousUsers]")
        + _receive("B", "auth_mechanism: [Tls, ExternalAuthoritative], permission_groups: [ExchangeServers]")
        + _receive("C", "auth_mechanism: [Tls, BasicAuth], require_tls: true, permission_groups: [ExchangeUsers]")
        + _receive("D", "auth_mechanism: [Tls]")
    )
    assert lint_text(src, "EXL311") == []
