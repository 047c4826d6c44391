"""EXL301 unknown-server (2007–SE): New-SendConnector -SourceTransportServers and New-ReceiveConnector
-Server name Exchange servers of the organization.

Sources: https://learn.microsoft.com/powershell/module/exchange/new-sendconnector,
https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from tests.lint_helpers import lint_findings, lint_text

BAD = (
    HEADER
    + """\
send_connectors:
  - {name: Internet, source_transport_servers: [EX01, EX09], address_spaces: ["SMTP:*;1"]}
receive_connectors:
  - {name: Partner, server: EX77, bindings: ["0.0.0.0:2525"], remote_ip_ranges: ["198.51.100.0/28"]}
"""
)


def test_bad_each_unknown_server_at_its_entry() -> None:
    assert lint_text(BAD, "EXL301") == [(10, 55, "EXL301"), (12, 29, "EXL301")]
    messages = [f.message for f in lint_findings(BAD) if f.rule_id == "EXL301"]
    assert messages[0] == (
        "Send connector 'Internet' runs on server 'EX09', which no site of organization 'Contoso' declares "
        "(servers: EDGE01, EX01)"
    )
    assert messages[1].startswith("Receive connector 'Partner' runs on server 'EX77'")


def test_good_known_servers_without_case_and_an_edge_declared_by_its_subscription() -> None:
    good = BAD.replace("EX09", "ex01").replace("EX77", "EDGE02") + "edge_subscriptions:\n  - {edge: EDGE02, site: HQ}\n"
    assert lint_text(good, "EXL301") == []


def test_a_single_source_server_written_as_a_string_is_found_at_the_field() -> None:
    src = BAD.replace("[EX01, EX09]", "EX09")
    assert lint_text(src, "EXL301")[0] == (10, 48, "EXL301")
