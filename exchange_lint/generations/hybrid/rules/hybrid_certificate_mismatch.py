"""EXL420: the on-premises hybrid Send connector presents a certificate the tenant's OnPremises
inbound connector does not recognise: 550 5.7.64 TenantAttribution (misconfiguration catalog S40)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import HYBRID
from exchange_lint.generations.hybrid.certificates import attributing, presented, recognises
from exchange_lint.generations.hybrid.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL420"
NAME = "hybrid-certificate-mismatch"


def check(organization: Organization) -> Iterator[Problem]:
    inbound = attributing(organization)
    if not inbound:
        return  # no certificate-based OnPremises connector: nothing to compare with
    for sent in presented(organization):
        if any(recognises(c.tls_sender_certificate_name or "", sent.name) for c in inbound):
            continue
        expected = ", ".join(sorted({c.tls_sender_certificate_name or "" for c in inbound}))
        yield Problem(
            f"hybrid Send connector '{sent.connector.name}' presents a certificate for {sent.name}, which no "
            f"OnPremises inbound connector of the tenant recognises ({expected}): relay is refused with "
            "550 5.7.64 TenantAttribution",
            sent.location.labelled(f"the certificate '{sent.connector.name}' presents: {sent.name}"),
            tuple(
                c.at("tls_sender_certificate_name").labelled(f"inbound connector '{c.name}' expects this name")
                for c in inbound
            ),
            hint="make `tls_sender_certificate_name` name the certificate's subject (or a `*.` parent of it)",
        )


RULE = Rule(
    generations=(HYBRID.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="the hybrid Send connector's certificate does not match the tenant's OnPremises inbound connector",
    tags=("security", "tls", "hybrid", "tenant-attribution"),
    check=check,
    doc=RuleDoc(
        what=(
            "Compares the certificate name each enabled on-premises Send connector to Exchange Online (the "
            "subject CN of `tls_certificate_name`, or without one its `fqdn`) with the "
            "`tls_sender_certificate_name` of the tenant's enabled OnPremises inbound connectors, and reports "
            "the connector when none of them names it (exactly, or as `*.` a parent domain). A tenant whose "
            "OnPremises connectors recognise senders by IP address only is not compared."
        ),
        why=(
            "Exchange Online attributes mail from on-premises to the tenant by the certificate the server "
            "presents. When the name does not match the inbound connector, the mail is not the organization's: "
            "relay to outside recipients is refused with 550 5.7.64 TenantAttribution; Relay Access Denied, "
            "and internal mail loses its internal status."
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
    tls_sender_certificate_name: smtp.contoso.com   # EXL420
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
            "Only declared names are compared: a certificate's subject alternative names and its real subject "
            "are not known to the linter, so a certificate whose SAN holds the expected name is reported. The "
            "finding sits on the first file in path order, the other side being its related location."
        ),
        references=(
            "Fix email delivery issues for error code 5.7.64 TenantAttribution; Relay Access Denied "
            "https://learn.microsoft.com/exchange/troubleshoot/email-delivery/ndr/relay-access-denied-smtp",
            "Important notice for Office 365 email customers who have configured connectors "
            "https://techcommunity.microsoft.com/t5/Exchange-Team-Blog/Important-notice-for-Office-365-email-customers-who-have/bc-p/604355/highlight/true",
            "New-InboundConnector, TlsSenderCertificateName "
            "https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector",
        ),
    ),
)
