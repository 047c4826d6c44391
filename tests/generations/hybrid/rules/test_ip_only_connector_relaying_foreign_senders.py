"""EXL424 ip-only-connector-relaying-foreign-senders: catalog S40, "550 5.7.64 TenantAttribution;
Relay Access Denied" (relaying for foreign sender domains needs a certificate-based connector).

Source: https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp
"""

from __future__ import annotations

from exchange_lint.generations.hybrid.rules.ip_only_connector_relaying_foreign_senders import RULE
from tests.generations.hybrid.pair_text import ONLINE, ONPREM, TENANT, findings, found
from tests.lint_helpers import lint_example

RELAY = (
    "  - {name: Application relay, server: EX01, bindings: ['0.0.0.0:25'], remote_ip_ranges: ['10.0.5.0/24'],"
    " permission_groups: [AnonymousUsers], extended_rights: [{principal: 'NT AUTHORITY\\ANONYMOUS LOGON',"
    " rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}]}\n"
)
OUT = (
    "  - {name: Outbound to Office 365, source_transport_servers: [EX01], address_spaces: ['SMTP:*;1'],"
    " dns_routing: false, smart_hosts: [contoso-com.mail.protection.outlook.com]}\n"
)
SERVERS = (
    'version: 1\norganization: Contoso\nexchange: "2019"\nsites:\n'
    "  - {name: HQ, servers: [{name: EX01, roles: [Mailbox], ips: ['203.0.113.25']}]}\n"
    "send_connectors:\n" + OUT + "receive_connectors:\n" + RELAY
)  # the Send connector is line 7, the Receive connector line 9


def _tenant(identity: str = "sender_ip_addresses: ['203.0.113.25']", extra: str = "") -> str:
    return (
        TENANT
        + "inbound_connectors:\n"
        + f"  - {{name: From on-premises, connector_type: OnPremises, sender_domains: ['*'], {identity}{extra}}}\n"
    )  # the connector is line 7


def test_doc_example() -> None:
    assert lint_example(RULE.doc.example, "EXL424") == [(11, 26, "EXL424")]
    assert lint_example(RULE.doc.use_instead, "EXL424") == []


def test_relay_out_through_the_tenant_by_ip_only_is_reported_with_both_causes() -> None:
    (finding,) = findings(_tenant(), SERVERS, "EXL424")
    assert (finding.location.path, finding.location.region.start_line) == (ONLINE, 7)
    assert [(r.path, r.region.start_line) for r in finding.related] == [(ONPREM, 7), (ONPREM, 9)]
    assert "'Application relay'" in finding.message and "5.7.64" in finding.message


def test_a_certificate_no_relay_no_internet_through_the_tenant_or_disabled_is_fine() -> None:
    assert found(_tenant("tls_sender_certificate_name: mail.contoso.com"), SERVERS, "EXL424") == []
    assert found(_tenant(), SERVERS.replace(RELAY, "  - {name: Plain, server: EX01}\n"), "EXL424") == []
    assert found(_tenant(), SERVERS.replace("SMTP:*;1", "SMTP:fabrikam.example;1"), "EXL424") == []
    assert (
        found(_tenant(), SERVERS.replace("contoso-com.mail.protection.outlook.com", "smtp.isp.example"), "EXL424") == []
    )
    assert found(_tenant(extra=", enabled: false"), SERVERS, "EXL424") == []
    partner = _tenant().replace("OnPremises", "Partner")
    assert found(partner, SERVERS, "EXL424") == []
