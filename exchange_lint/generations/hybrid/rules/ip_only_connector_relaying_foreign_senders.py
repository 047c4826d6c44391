"""EXL424: on-premises relays mail of any sender domain out through Exchange Online, while the
tenant recognises the on-premises servers by IP address only: 550 5.7.64 TenantAttribution for
that mail (misconfiguration catalog S40)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import HYBRID
from exchange_lint.generations.exchange2007_se.facts import is_catch_all, relay_methods, to_exchange_online
from exchange_lint.generations.hybrid.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL424"
NAME = "ip-only-connector-relaying-foreign-senders"


def check(organization: Organization) -> Iterator[Problem]:
    on_premises, tenant = organization.on_premises, organization.online
    inbound = [c for c in tenant.inbound_connectors if c.enabled and c.connector_type == "OnPremises"]
    if not inbound or any(c.tls_sender_certificate_name for c in inbound):
        return  # a certificate-based OnPremises connector attributes any sender domain
    through = [c for c in on_premises.send_connectors if c.enabled and is_catch_all(c) and to_exchange_online(c)]
    relays = [c for c in on_premises.receive_connectors if c.enabled and relay_methods(c)]
    if not through or not relays:
        return
    for connector in inbound:
        yield Problem(
            f"OnPremises inbound connector '{connector.name}' recognises the on-premises servers by IP address "
            f"only, while they relay mail of any sender domain (Receive connector '{relays[0].name}') to the "
            f"internet through Exchange Online (Send connector '{through[0].name}'): mail whose sender domain is "
            "not an accepted domain is refused with 550 5.7.64 TenantAttribution",
            connector.at("sender_ip_addresses"),
            (
                through[0]
                .at("smart_hosts")
                .labelled(f"Send connector '{through[0].name}' sends `*` to Exchange Online"),
                relays[0].location.labelled(f"Receive connector '{relays[0].name}' relays for any sender"),
            ),
            hint="recognise the on-premises servers by certificate (`tls_sender_certificate_name`), a name in an "
            "accepted domain",
        )


RULE = Rule(
    generations=(HYBRID.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="relayed mail of foreign sender domains leaves through Exchange Online, which knows on-premises by IP only",
    tags=("security", "hybrid", "tenant-attribution"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports the tenant's enabled OnPremises inbound connectors when none of them recognises the "
            "on-premises servers by certificate (`tls_sender_certificate_name`), while on-premises an enabled "
            "Receive connector relays for any sender (anonymous relay, or externally secured) and an enabled Send "
            "connector sends the internet (`*`) to Exchange Online."
        ),
        why=(
            "Exchange Online attributes mail from on-premises to the tenant either by the certificate the server "
            "presents or by its IP address. An IP-based attribution covers only mail whose sender domain is an "
            "accepted domain: mail relayed for an application or a device with another sender domain, forwarded "
            "mail and NDRs are refused with 550 5.7.64 TenantAttribution; Relay Access Denied. To relay them, the "
            "connector must be certificate-based, with the certificate's name in an accepted domain."
        ),
        example="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
inbound_connectors:
  - name: From on-premises
    connector_type: OnPremises
    sender_domains: ["*"]
    sender_ip_addresses: ["203.0.113.25"]   # EXL424
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["203.0.113.25"]}
send_connectors:
  - name: Outbound to Office 365
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [contoso-com.mail.protection.outlook.com]
    require_tls: true
    tls_auth_level: DomainValidation
    tls_domain: mail.protection.outlook.com
    tls_certificate_name: "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"
    cloud_services_mail_enabled: true
receive_connectors:
  - name: Application relay
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
    permission_groups: [AnonymousUsers]
    extended_rights:
      - {principal: "NT AUTHORITY\\\\ANONYMOUS LOGON", rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}
""",
        use_instead="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
inbound_connectors:
  - name: From on-premises
    connector_type: OnPremises
    sender_domains: ["*"]
    tls_sender_certificate_name: mail.contoso.com
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["203.0.113.25"]}
send_connectors:
  - name: Outbound to Office 365
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [contoso-com.mail.protection.outlook.com]
    require_tls: true
    tls_auth_level: DomainValidation
    tls_domain: mail.protection.outlook.com
    tls_certificate_name: "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"
    cloud_services_mail_enabled: true
receive_connectors:
  - name: Application relay
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
    permission_groups: [AnonymousUsers]
    extended_rights:
      - {principal: "NT AUTHORITY\\\\ANONYMOUS LOGON", rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}
""",
        known_problems=(
            "Forwarding and NDRs need the same certificate-based connector, but are not declared in the files: "
            "the rule speaks only where a relaying Receive connector is. The finding sits on the first file in "
            "path order, the other side being its related location."
        ),
        references=(
            "Fix email delivery issues for error code 5.7.64 TenantAttribution; Relay Access Denied "
            "https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp",
            "Important notice for Office 365 email customers who have configured connectors "
            "https://techcommunity.microsoft.com/t5/Exchange-Team-Blog/Important-notice-for-Office-365-email-customers-who-have/bc-p/604355/highlight/true",
        ),
    ),
)
