"""EXL207 invalid-send-address-space: New-SendConnector -AddressSpaces, KB 959956; (catalog S23).

Source: https://learn.microsoft.com/powershell/module/exchange/new-sendconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.invalid_send_address_space import RULE
from tests.lint_helpers import lint_text


def _connector(name: str, servers: str, spaces: str, extra: str = "") -> str:
    return f"  - {{name: {name}, source_transport_servers: [{servers}], address_spaces: [{spaces}]{extra}}}\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL207") == [(12, 22, "EXL207"), (15, 22, "EXL207")]
    assert lint_text(RULE.doc.use_instead, "EXL207") == []


def test_wildcards_all_domains_custom_types_and_edge() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _connector("A", "EX01", '"SMTP:*@fabrikam.com;1", "SMTP:contoso.*;1"')
        + _connector("B", "EX01", '"SMTP:--;1"')
        + _connector("C", "EDGE01", '"X400:c=US;a= ;p=Fab;1"', ", dns_routing: false, smart_hosts: [x.example]")
        + _connector("D", "EX01, EDGE01", '"SMTP:*.fabrikam.com;1"')
    )
    assert lint_text(src, "EXL207") == [
        (10, 66, "EXL207"),
        (10, 91, "EXL207"),
        (11, 66, "EXL207"),
        (12, 68, "EXL207"),
        (13, 41, "EXL207"),
    ]


def test_domains_and_edge_connectors_as_exchange_makes_them() -> None:
    src = (
        HEADER
        + "send_connectors:\n"
        + _connector("A", "EX01", '"SMTP:*;1", "SMTP:fabrikam.com;2", "SMTP:*.fabrikam.com;1"')
        + _connector("Edge in", "EDGE01", '"SMTP:--;1"')
        + _connector("Fax", "EX01", '"FAX:*;1"', ", dns_routing: false, smart_hosts: [fax.contoso.com]")
    )
    assert lint_text(src, "EXL207") == []
