"""EXL303 duplicate-connector-name (2007–SE): a Send connector's name is unique in the organization,
a Receive connector's on its server (identity SERVER\\Name), per New-SendConnector -Name and
New-ReceiveConnector -Name.

Sources: https://learn.microsoft.com/powershell/module/exchange/new-sendconnector,
https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector
"""

from __future__ import annotations

from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_findings, lint_text


def _receive(name: str, server: str, port: int) -> str:
    return f"  - {{name: {name}, server: {server}, bindings: ['0.0.0.0:{port}'], remote_ip_ranges: ['10.0.5.0/24']}}\n"


BAD = (
    HQ_BRANCH
    + '  - {name: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'
    + '  - {name: INTERNET, source_transport_servers: [EX03], address_spaces: ["SMTP:*;2"]}\n'
    + "receive_connectors:\n"
    + _receive("Relay", "EX01", 2525)
    + _receive("relay", "ex01", 2526)
    + _receive("Relay", "EX02", 2527)
)


def test_bad_two_send_connectors_and_two_receive_connectors_on_one_server() -> None:
    assert lint_text(BAD, "EXL303") == [(14, 12, "EXL303"), (17, 12, "EXL303")]
    found = [f for f in lint_findings(BAD) if f.rule_id == "EXL303"]
    assert [[(r.region.start_line, r.region.start_column) for r in f.related] for f in found] == [
        [(15, 12)],
        [(18, 12)],
    ]
    assert found[1].message == "Receive connector name 'Relay' is used by 2 Receive connectors on server 'EX01'"


def test_good_one_receive_connector_name_on_each_server_and_a_send_connector_of_that_name() -> None:
    good = BAD.replace("name: INTERNET", "name: Internet 2").replace(_receive("relay", "ex01", 2526), "")
    good += '  - {name: Internet, server: EX03, bindings: ["0.0.0.0:25"]}\n'
    assert lint_text(good, "EXL303") == []
