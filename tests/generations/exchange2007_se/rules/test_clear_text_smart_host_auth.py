"""EXL405 clear-text-smart-host-auth: Send connectors page, basic authentication in clear text (catalog S25).

Source: https://learn.microsoft.com/exchange/mail-flow/connectors/send-connectors
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.clear_text_smart_host_auth import RULE
from tests.lint_helpers import lint_text


def _send(name: str, extra: str) -> str:
    return (
        f'  - {{name: {name}, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"], dns_routing: false,'
        f" smart_hosts: [r.example], credential_ref: 'vault:a', {extra}}}\n"
    )


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL405") == [(15, 22, "EXL405")]
    assert lint_text(RULE.doc.use_instead, "EXL405") == []


def test_basic_auth_without_tls() -> None:
    src = HEADER + "send_connectors:\n" + _send("A", "smart_host_auth: BasicAuth, require_tls: false")
    assert lint_text(src, "EXL405") == [(10, 169, "EXL405")]


def test_basic_auth_inside_tls() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _send("A", "smart_host_auth: BasicAuth, require_tls: true")
        + _send("B", "smart_host_auth: BasicAuthRequireTLS")
    )
    assert lint_text(src, "EXL405") == []
