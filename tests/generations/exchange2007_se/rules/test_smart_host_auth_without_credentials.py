"""EXL404 smart-host-auth-without-credentials: New-SendConnector -AuthenticationCredential (catalog S25).

Source: https://learn.microsoft.com/powershell/module/exchange/new-sendconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.smart_host_auth_without_credentials import RULE
from tests.lint_helpers import lint_text


def _send(name: str, extra: str) -> str:
    return (
        f'  - {{name: {name}, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"], dns_routing: false,'
        f" smart_hosts: [r.example], {extra}}}\n"
    )


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL404") == [(15, 22, "EXL404")]
    assert lint_text(RULE.doc.use_instead, "EXL404") == []


def test_basic_auth_without_a_reference() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _send("A", "smart_host_auth: BasicAuth")
        + _send("B", "smart_host_auth: BasicAuthRequireTLS, credential_ref: ' '")
    )
    assert lint_text(src, "EXL404") == [(10, 142, "EXL404"), (11, 142, "EXL404")]


def test_a_reference_or_no_basic_auth() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _send("A", "smart_host_auth: BasicAuth, credential_ref: 'vault:smtp/a'")
        + _send("B", "smart_host_auth: ExchangeServer")
    )
    assert lint_text(src, "EXL404") == []
