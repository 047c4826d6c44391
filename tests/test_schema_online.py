"""The Exchange Online part of the schema (DESIGN §10): every object, the combinations
New-InboundConnector and New-OutboundConnector refuse, and keys of another generation."""

from __future__ import annotations

from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.lint_helpers import lint_findings, lint_text
from tests.test_schema_2007_se import edited, messages
from tests.test_schema_file import Document

# DESIGN §10's example, verbatim but for the connector its rule names, with routing tests (the rule
# has no condition: it routes every message leaving the tenant, the relay domain's too), and with
# skip listing on (`ef_skip_last_ip: true`): fabrikam.example's MX is not EOP (EXL418, ORCA 233).
SECTION_10 = """\
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative, mx: contoso-com.mail.protection.outlook.com}
  - {domain: fabrikam.example, type: InternalRelay, mx: mail.fabrikam.example}
inbound_connectors:
  - name: From on-premises
    connector_type: OnPremises
    sender_domains: ["smtp:*;1"]
    sender_ip_addresses: []
    tls_sender_certificate_name: mail.contoso.com
    restrict_domains_to_ip_addresses: false
    restrict_domains_to_certificate: false
    require_tls: true
    treat_messages_as_internal: false
    cloud_services_mail_enabled: true
    ef_skip_ips: []
    ef_skip_last_ip: true
    ef_test_mode: false
    ef_users: []
    enabled: true
outbound_connectors:
  - name: To on-premises
    connector_type: OnPremises
    recipient_domains: [fabrikam.example]
    all_accepted_domains: false
    use_mx_record: false
    smart_hosts: [mail.contoso.com]
    tls_settings: DomainValidation
    tls_domain: mail.contoso.com
    is_transport_rule_scoped: false
    route_all_messages_via_on_premises: false
    cloud_services_mail_enabled: true
    enabled: true
  - name: Signature service
    is_transport_rule_scoped: true
    use_mx_record: false
    smart_hosts: [smtp.signatures.example]
transport_rules:
  - {name: To signature service, route_message_outbound_connector: Signature service,
     except_if_header_matches: {header: X-Signature-Done, pattern: "true"}}
routing_tests:
  - {from: online, recipient: "SMTP:kim@contoso.com", expect: local}
  - {from: online, recipient: "SMTP:ann@fabrikam.example", expect: Signature service}
"""

INBOUND = ("inbound_connectors", 0)
ON_PREMISES = ("outbound_connectors", 0)
SERVICE = ("outbound_connectors", 1)


def section_10() -> Document:
    data: Document = YAML(typ="safe").load(SECTION_10)
    return data


def changed(where: tuple[Any, ...], **fields: Any) -> Document:
    """§10's document with the object at `where` changed by `fields` (None drops a key)."""
    return edited(section_10(), where, **fields)


def test_section_10_document_is_valid_and_lints_clean() -> None:
    assert messages(section_10()) == []
    assert lint_text(SECTION_10) == []


REFUSED = [
    # (document, path of the key the finding sits on, the start of its message)
    pytest.param(
        changed(ON_PREMISES, smart_hosts=None),
        (*ON_PREMISES, "use_mx_record"),
        "use_mx_record: false needs smart_hosts",
        id="S37-no-mx-without-smart-hosts",
    ),
    pytest.param(
        changed(ON_PREMISES, smart_hosts=[]),
        (*ON_PREMISES, "use_mx_record"),
        "use_mx_record: false needs smart_hosts",
        id="S37-no-mx-with-empty-smart-hosts",
    ),
    pytest.param(
        changed(ON_PREMISES, use_mx_record=True),
        (*ON_PREMISES, "smart_hosts"),
        "smart_hosts are used only with use_mx_record: false",
        id="S37-smart-hosts-with-mx",
    ),
    pytest.param(
        changed(ON_PREMISES, connector_type="Partner", all_accepted_domains=True),
        (*ON_PREMISES, "all_accepted_domains"),
        "all_accepted_domains: true needs connector_type: OnPremises",
        id="S37-all-accepted-domains-on-partner",
    ),
    pytest.param(
        changed(SERVICE, route_all_messages_via_on_premises=True),  # no connector_type: Partner
        (*SERVICE, "route_all_messages_via_on_premises"),
        "route_all_messages_via_on_premises: true needs connector_type: OnPremises",
        id="S37-route-via-on-premises-on-default-partner",
    ),
    pytest.param(
        changed(SERVICE, connector_type="Partner", sender_rewriting_enabled=True),
        (*SERVICE, "sender_rewriting_enabled"),
        "sender_rewriting_enabled: true needs connector_type: OnPremises",
        id="S37-sender-rewriting-on-partner",
    ),
    pytest.param(
        changed(ON_PREMISES, recipient_domains=["mail.*.contoso.com"]),
        (*ON_PREMISES, "recipient_domains", 0),
        "expected a domain (contoso.com), *.contoso.com",
        id="S37-embedded-wildcard",
    ),
    pytest.param(
        changed(SERVICE, mta_sts_mode="Mandatory"),  # only SMTP DANE has a Mandatory mode
        (*SERVICE, "mta_sts_mode"),
        "expected an MTA-STS mode: Opportunistic or None",
        id="S37-mta-sts-mode-value",
    ),
    pytest.param(
        changed(SERVICE, smtp_dane_mode="Off"),
        (*SERVICE, "smtp_dane_mode"),
        "expected an SMTP DANE mode: Opportunistic, Mandatory or None",
        id="S37-smtp-dane-mode-value",
    ),
    pytest.param(
        changed(INBOUND, connector_type="Partner", treat_messages_as_internal=True, cloud_services_mail_enabled=False),
        (*INBOUND, "treat_messages_as_internal"),
        "treat_messages_as_internal: true needs connector_type: OnPremises",
        id="S38-internal-on-partner",
    ),
    pytest.param(
        changed(INBOUND, treat_messages_as_internal=True),
        (*INBOUND, "treat_messages_as_internal"),
        "treat_messages_as_internal: true contradicts cloud_services_mail_enabled: true",
        id="S38-internal-with-cloud-services-mail",
    ),
    pytest.param(
        changed(INBOUND, restrict_domains_to_ip_addresses=True),
        (*INBOUND, "restrict_domains_to_ip_addresses"),
        "restrict_domains_to_ip_addresses: true needs sender_ip_addresses",
        id="S38-restrict-to-ips-without-ips",
    ),
    pytest.param(
        changed(INBOUND, restrict_domains_to_certificate=True, tls_sender_certificate_name=None),
        (*INBOUND, "restrict_domains_to_certificate"),
        "restrict_domains_to_certificate: true needs tls_sender_certificate_name",
        id="S38-restrict-to-certificate-without-one",
    ),
    pytest.param(
        changed(INBOUND, sender_domains=None),
        INBOUND,
        "'sender_domains' is a required property",
        id="S38-sender-domains-required",
    ),
]


@pytest.mark.parametrize(("document", "path", "message"), REFUSED)
def test_what_a_cmdlet_refuses_the_schema_refuses_once(document: Document, path: tuple[Any, ...], message: str) -> None:
    [(actual_path, actual)] = messages(document)
    assert actual_path == path
    assert actual.startswith(message)


ACCEPTED = [
    pytest.param(changed(ON_PREMISES, use_mx_record=None), id="smart-hosts-imply-no-mx"),
    pytest.param(changed(ON_PREMISES, all_accepted_domains=True, route_all_messages_via_on_premises=True), id="cmt"),
    pytest.param(changed(ON_PREMISES, recipient_domains=["*.contoso.com", "*"]), id="wildcards"),
    pytest.param(changed(INBOUND, treat_messages_as_internal=True, cloud_services_mail_enabled=False), id="internal"),
    pytest.param(
        changed(INBOUND, restrict_domains_to_ip_addresses=True, sender_ip_addresses=["203.0.113.0/24"]),
        id="restrict-to-ips",
    ),
    pytest.param(changed(INBOUND, sender_domains=["contoso.com", "*.contoso.com", "*"]), id="bare-sender-domains"),
    pytest.param(changed(("routing_tests", 0), expect="mx"), id="expect-mx"),
    pytest.param(changed(("routing_tests", 0), expect="local"), id="expect-local"),
    pytest.param(
        changed(("transport_rules", 0), priority=0, mode="Audit", sent_to_scope="NotInOrganization"), id="rule"
    ),
]


@pytest.mark.parametrize("document", ACCEPTED)
def test_what_the_cmdlets_accept_is_valid(document: Document) -> None:
    assert messages(document) == []


WRONG_VALUES = [
    pytest.param(
        changed(ON_PREMISES, connector_type="Onpremises"),
        (*ON_PREMISES, "connector_type"),
        "expected an outbound connector type",
        id="outbound-type",
    ),
    pytest.param(
        changed(INBOUND, connector_type="Internal"),
        (*INBOUND, "connector_type"),
        "expected an inbound connector type",
        id="inbound-type",
    ),
    pytest.param(
        changed(ON_PREMISES, tls_settings="Domain"), (*ON_PREMISES, "tls_settings"), "expected a TLS setting", id="tls"
    ),
    pytest.param(
        changed(("accepted_domains", 1), type="ExternalRelay"),
        ("accepted_domains", 1, "type"),
        "expected an Exchange Online accepted domain type",
        id="no-external-relay-online",
    ),
    pytest.param(
        changed(("routing_tests", 0), **{"from": "HQ"}),
        ("routing_tests", 0, "from"),
        "expected the origin of an Exchange Online routing test",
        id="routing-test-from-a-site",
    ),
    pytest.param(
        changed(("routing_tests", 0), recipient="X400:c=US"),
        ("routing_tests", 0, "recipient"),
        "expected SMTP:address",
        id="routing-test-not-smtp",
    ),
]


@pytest.mark.parametrize(("document", "path", "message"), WRONG_VALUES)
def test_a_wrong_value_is_one_error_with_the_schemas_message(
    document: Document, path: tuple[Any, ...], message: str
) -> None:
    [(actual_path, actual)] = messages(document)
    assert actual_path == path
    assert message in actual


def test_a_routing_test_from_a_site_is_one_finding() -> None:
    """The schema says it (EXL002); EXL106 does not say it again."""
    src = SECTION_10.replace('{from: online, recipient: "SMTP:kim', '{from: HQ, recipient: "SMTP:kim')
    assert src != SECTION_10
    assert [f.rule_id for f in lint_findings(src)] == ["EXL002"]


# -- keys of another generation (EXL002): one finding that names the generation -------------------


def _only_exl002(src: str) -> tuple[str, int, int]:
    [finding] = [f for f in lint_findings(src) if f.rule_id == "EXL002"]
    return finding.message, finding.location.region.start_line, finding.location.region.start_column


def test_a_2007_se_key_in_an_online_file_names_its_generation() -> None:
    src = SECTION_10 + "send_connectors:\n  - {name: Internet, address_spaces: ['SMTP:*;1']}\n"
    assert _only_exl002(src) == (
        "send_connectors belongs to Exchange 2007–SE files (exchange: 2007, 2010, 2013, 2016, 2019, SE); "
        "this file is Exchange Online",
        46,
        1,
    )


def test_sites_in_an_online_file_belong_on_premises() -> None:
    message, _, _ = _only_exl002(SECTION_10 + "sites: []\n")
    assert message == "sites belongs to on-premises files (Exchange 4.0–5.5 or 2007–SE); this file is Exchange Online"


def test_an_online_key_in_a_2019_file_names_its_generation() -> None:
    src = 'version: 1\norganization: Contoso\nexchange: "2019"\ninbound_connectors: []\n'
    assert _only_exl002(src) == (
        "inbound_connectors belongs to Exchange Online files (exchange: online); this file is Exchange 2007–SE",
        4,
        1,
    )


def test_an_online_key_in_a_5_5_file_names_its_generation() -> None:
    src = 'version: 1\norganization: Contoso\nexchange: "5.5"\ntransport_rules: []\n'
    message, _, _ = _only_exl002(src)
    assert (
        message == "transport_rules belongs to Exchange Online files (exchange: online); this file is Exchange 4.0–5.5"
    )


def test_accepted_domains_in_a_5_5_file_names_both_generations_that_take_it() -> None:
    src = 'version: 1\norganization: Contoso\nexchange: "5.5"\naccepted_domains: []\n'
    message, _, _ = _only_exl002(src)
    assert message.startswith("accepted_domains belongs to Exchange 2007–SE files")
    assert "and Exchange Online files (exchange: online); this file is Exchange 4.0–5.5" in message


def test_an_online_accepted_domain_takes_no_on_premises_wildcard() -> None:
    [(path, message)] = messages(changed(("accepted_domains", 0), domain="*.contoso.com"))
    assert path == ("accepted_domains", 0, "domain")
    assert message.startswith("expected a domain name such as contoso.com")
