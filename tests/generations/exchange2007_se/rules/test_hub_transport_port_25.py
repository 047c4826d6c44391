"""EXL309 hub-transport-port-25: NDR 4.3.2, custom port-25 connectors belong in Front End Transport (catalog S28).

Source: https://learn.microsoft.com/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.hub_transport_port_25 import RULE
from tests.lint_helpers import lint_text

CONNECTORS = (
    "receive_connectors:\n"
    "  - {name: A, server: EX01, transport_role: HubTransport, bindings: ['10.0.0.11:25']}\n"
    "  - {name: B, server: EX01, transport_role: HubTransport, bindings: ['0.0.0.0:2525']}\n"
    "  - {name: C, server: EDGE01, transport_role: HubTransport, bindings: ['0.0.0.0:25']}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL309") == [(12, 21, "EXL309")]
    assert lint_text(RULE.doc.use_instead, "EXL309") == []


def test_port_25_in_transport_of_a_2013_mailbox_server() -> None:
    assert lint_text(HEADER.replace('"2019"', '"2013"') + CONNECTORS, "EXL309") == [(10, 45, "EXL309")]


def test_2007_and_2010_hub_transport_owns_port_25() -> None:
    assert lint_text(HEADER.replace('"2019"', '"2010"') + CONNECTORS, "EXL309") == []
