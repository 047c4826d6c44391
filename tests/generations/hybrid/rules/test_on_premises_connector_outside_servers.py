"""EXL423 on-premises-connector-outside-servers: catalog S38 (an inference from New-InboundConnector:
OnPremises connectors give their senders the organization's rights).

Source: https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.hybrid.rules.on_premises_connector_outside_servers import RULE
from tests.generations.hybrid.pair_text import ONLINE, ONPREM, TENANT, findings, found
from tests.lint_helpers import lint_example

SERVERS = """\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["10.0.0.11", "203.0.113.25"]}
      - {name: EX02, roles: [Mailbox], ips: ["10.0.0.12"]}
"""


def _tenant(ranges: str, extra: str = "") -> str:
    return (
        TENANT
        + "inbound_connectors:\n"
        + "  - {name: From on-premises, connector_type: OnPremises, sender_domains: ['*'], "
        + f"sender_ip_addresses: {ranges}{extra}}}\n"
    )  # the connector is line 7; `sender_ip_addresses`'s value starts at column 102


def test_doc_example() -> None:
    assert lint_example(RULE.doc.example, "EXL423") == [(11, 26, "EXL423")]
    assert lint_example(RULE.doc.use_instead) == []


def test_addresses_none_of_the_servers_has_are_reported_with_the_servers_beside() -> None:
    (finding,) = findings(_tenant("['198.51.100.0/24']"), SERVERS, "EXL423")
    where = finding.location
    assert (where.path, where.region.start_line, where.region.start_column) == (ONLINE, 7, 102)
    assert [(r.path, r.region.start_line) for r in finding.related] == [(ONPREM, 7), (ONPREM, 8)]
    assert "by IP address only (198.51.100.0/24)" in finding.message


def test_a_range_holding_a_public_server_address_or_a_certificate_is_fine() -> None:
    assert found(_tenant("['203.0.113.0/24']"), SERVERS, "EXL423") == []
    assert found(_tenant("['203.0.113.25']"), SERVERS, "EXL423") == []
    certificate = ", tls_sender_certificate_name: mail.contoso.com"
    assert found(_tenant("['198.51.100.0/24']", certificate), SERVERS, "EXL423") == []


def test_not_judged_without_public_addresses_partner_disabled_or_unreadable() -> None:
    private_only = SERVERS.replace(', "203.0.113.25"', "")
    assert found(_tenant("['198.51.100.0/24']"), private_only, "EXL423") == []
    partner = _tenant("['198.51.100.0/24']").replace("OnPremises", "Partner")
    assert found(partner, SERVERS, "EXL423") == []
    assert found(_tenant("['198.51.100.0/24']", ", enabled: false"), SERVERS, "EXL423") == []
    assert found(_tenant("['not an address']"), SERVERS, "EXL423") == []  # the schema's and EXL417's
    assert found(_tenant("[]"), SERVERS, "EXL423") == []
