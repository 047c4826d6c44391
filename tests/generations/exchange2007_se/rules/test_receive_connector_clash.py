"""EXL308 receive-connector-clash: Receive connectors page, unique bindings and remote ranges (catalog S27).

Source: https://learn.microsoft.com/exchange/mail-flow/connectors/receive-connectors
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.receive_connector_clash import RULE
from tests.lint_helpers import lint_text


def _receive(name: str, bindings: str, ranges: str = "", server: str = "EX01", role: str = "FrontendTransport") -> str:
    written = f", remote_ip_ranges: [{ranges}]" if ranges else ""
    return f"  - {{name: {name}, server: {server}, transport_role: {role}, bindings: [{bindings}]{written}}}\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL308") == [(17, 23, "EXL308")]
    assert lint_text(RULE.doc.use_instead, "EXL308") == []


def test_equal_ranges_partial_overlap_default_ranges_and_a_foreign_address() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", '"0.0.0.0:25"', '"10.0.5.0/24"')
        + _receive("B", '"0.0.0.0:25"', '"10.0.5.0/24"')
        + _receive("C", '"0.0.0.0:587"')
        + _receive("D", '"10.0.0.11:587"')
        + _receive("E", '"10.0.0.99:2525"')
    )
    assert lint_text(src, "EXL308") == [(11, 108, "EXL308"), (13, 74, "EXL308"), (14, 74, "EXL308")]


def test_nested_ranges_other_ports_servers_and_roles_are_allowed() -> None:
    src = (
        HEADER
        + "receive_connectors:\n"
        + _receive("A", '"0.0.0.0:25"')
        + _receive("B", '"0.0.0.0:25"', '"10.0.5.0/24"')
        + _receive("C", '"10.0.0.11:25"', '"10.0.5.7"')
        + _receive("D", '"0.0.0.0:2525"', role="HubTransport")
        + _receive("E", '"0.0.0.0:2525"', '"10.0.5.0/24"', server="EDGE01")
        + _receive("F", '"[::]:25"', '"fe80::/64"')
    )
    assert lint_text(src, "EXL308") == []
