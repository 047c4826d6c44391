"""EXL421: the hybrid Send connector's certificate names a domain the tenant does not accept, so
mail whose sender is foreign (NDRs, forwarding) is not attributed (misconfiguration catalog S40)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Location, Severity
from exchange_lint.generation import HYBRID
from exchange_lint.generations.hybrid.certificates import attributing, presented, within_domain
from exchange_lint.generations.hybrid.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL421"
NAME = "hybrid-certificate-not-accepted-domain"


def _tenant_places(organization: Organization) -> tuple[Location, ...]:
    """Where the tenant says which names it accepts: its certificate-based OnPremises inbound
    connectors, or its first accepted domain when it has none of those."""
    inbound = attributing(organization)
    if inbound:
        return tuple(
            c.at("tls_sender_certificate_name").labelled(f"inbound connector '{c.name}' attributes by certificate")
            for c in inbound
        )
    domains = organization.online.accepted_domains
    return tuple(d.location.labelled("the tenant's accepted domains") for d in domains[:1])


def check(organization: Organization) -> Iterator[Problem]:
    accepted = [d.domain for d in organization.online.accepted_domains]
    for sent in presented(organization):
        if any(within_domain(sent.name, domain) for domain in accepted):
            continue
        yield Problem(
            f"hybrid Send connector '{sent.connector.name}' presents a certificate for {sent.name}, which is in "
            "no accepted domain of the tenant: mail from senders outside the organization's domains is refused "
            "(550 5.7.64 TenantAttribution)",
            sent.location.labelled(f"the certificate '{sent.connector.name}' presents: {sent.name}"),
            _tenant_places(organization),
            hint="use a certificate whose name is in an accepted domain, or add that domain to the tenant",
        )


RULE = Rule(
    generations=(HYBRID.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="the hybrid Send connector's certificate names a domain that is not an accepted domain of the tenant",
    tags=("security", "tls", "hybrid", "tenant-attribution"),
    check=check,
    doc=RuleDoc(
        what=(
            "For each enabled on-premises Send connector to Exchange Online, takes the certificate name it "
            "presents (the subject CN of `tls_certificate_name`, or without one its `fqdn`) and reports it when "
            "that name is neither an accepted domain of the tenant nor a host under one."
        ),
        why=(
            "To relay mail whose sender domain is not one of its own (non-delivery reports, forwarded mail, "
            "journaling), Exchange Online must recognise the on-premises server by a certificate whose name is "
            "in one of the tenant's accepted domains; otherwise that mail is refused with 550 5.7.64 "
            "TenantAttribution."
        ),
        example="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
inbound_connectors:
  - name: From Contoso on-premises
    connector_type: OnPremises
    sender_domains: ["*"]
    tls_sender_certificate_name: mail.contoso.net   # EXL421
    require_tls: true
    cloud_services_mail_enabled: true
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
send_connectors:
  - name: Outbound to Office 365
    address_spaces: ["SMTP:contoso.mail.onmicrosoft.com;1"]
    dns_routing: false
    smart_hosts: [contoso-com.mail.protection.outlook.com]
    require_tls: true
    tls_auth_level: DomainValidation
    tls_domain: mail.protection.outlook.com
    tls_certificate_name: "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.net"
    cloud_services_mail_enabled: true
""",
        use_instead="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
inbound_connectors:
  - name: From Contoso on-premises
    connector_type: OnPremises
    sender_domains: ["*"]
    tls_sender_certificate_name: mail.contoso.com
    require_tls: true
    cloud_services_mail_enabled: true
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
send_connectors:
  - name: Outbound to Office 365
    address_spaces: ["SMTP:contoso.mail.onmicrosoft.com;1"]
    dns_routing: false
    smart_hosts: [contoso-com.mail.protection.outlook.com]
    require_tls: true
    tls_auth_level: DomainValidation
    tls_domain: mail.protection.outlook.com
    tls_certificate_name: "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"
    cloud_services_mail_enabled: true
""",
        known_problems=(
            "The tenant's accepted domains are the ones compared, as Exchange Online attributes the mail; only "
            "the declared subject is known, not the certificate's subject alternative names. The finding sits "
            "on the first file in path order, the other side being its related location."
        ),
        references=(
            "Fix email delivery issues for error code 5.7.64 TenantAttribution; Relay Access Denied "
            "https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp",
            "Important notice for Office 365 email customers who have configured connectors "
            "https://techcommunity.microsoft.com/t5/Exchange-Team-Blog/Important-notice-for-Office-365-email-customers-who-have/bc-p/604355/highlight/true",
            "Set up connectors to route mail between Microsoft 365 and your own email servers "
            "https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/set-up-connectors-to-route-mail",
        ),
    ),
)
