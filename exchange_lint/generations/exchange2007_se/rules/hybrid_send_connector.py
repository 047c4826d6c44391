"""EXL408: a hybrid Send connector to Exchange Online without the settings tenant attribution needs
(misconfiguration catalog S35, CSS-Exchange HealthChecker's connector checks)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, to_exchange_online
from exchange_lint.generations.exchange2007_se.model import Organization, SendConnector
from exchange_lint.rules.api import Problem, Rule, RuleDoc

EXO_TLS_DOMAIN = "mail.protection.outlook.com"
# `<I>issuer<S>subject`, the form Get-ExchangeCertificate's Issuer and Subject make (HealthChecker).
_CERTIFICATE_NAME = re.compile(r"^<I>.+<S>.+$")


def _problems(connector: SendConnector) -> Iterator[tuple[str, str, Severity | None]]:
    """(field, why, severity when milder than an error)."""
    if not connector.tls_certificate_name:
        yield "tls_certificate_name", "has no `tls_certificate_name`, so Exchange Online cannot attribute it", None
    elif not _CERTIFICATE_NAME.match(connector.tls_certificate_name):
        yield "tls_certificate_name", "has a `tls_certificate_name` not in the `<I>issuer<S>subject` form", None
    if not connector.cloud_services_mail_enabled:
        yield "cloud_services_mail_enabled", "does not set `cloud_services_mail_enabled: true`", None
    if connector.tls_auth_level not in ("CertificateValidation", "DomainValidation"):
        yield "tls_auth_level", "does not validate Exchange Online's certificate (`tls_auth_level`)", Severity.WARNING
    elif connector.tls_auth_level == "DomainValidation" and connector.tls_domain != EXO_TLS_DOMAIN:
        yield "tls_domain", f"validates a `tls_domain` other than {EXO_TLS_DOMAIN}", Severity.WARNING
    if not connector.require_tls:
        yield "require_tls", "does not require TLS", Severity.WARNING


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.send_connectors:
        if not to_exchange_online(connector):
            continue
        for field, why, severity in _problems(connector):
            yield Problem(
                f"hybrid Send connector '{connector.name}' {why}: mail between on-premises and Exchange Online "
                "loses its internal status or is refused",
                connector.at(field),
                severity=severity,
                hint="let the Hybrid Configuration Wizard set the connector, or copy its settings",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL408",
    name="hybrid-send-connector",
    severity=Severity.ERROR,
    summary="a Send connector to Exchange Online without the TLS and cloud settings hybrid mail flow needs",
    tags=("security", "tls", "hybrid", "send-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "For a Send connector with a smart host in `*.mail.protection.outlook.com` or an address space in "
            "`*.mail.onmicrosoft.com`, reports exactly what HealthChecker does: no `tls_certificate_name`, or "
            "one not in the `<I>issuer<S>subject` form, and `cloud_services_mail_enabled` not true (errors); a "
            "`tls_auth_level` other than CertificateValidation or DomainValidation, DomainValidation of a "
            "`tls_domain` other than `mail.protection.outlook.com`, and `require_tls` not true (warnings)."
        ),
        why=(
            "Exchange Online recognises the on-premises organization by the certificate the connector "
            "presents and by the cloud-services header: without them mail is attributed to the wrong tenant or "
            "treated as anonymous internet mail, with false positives, false negatives and refused relay."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Outbound to Office 365             # EXL408: no tls_certificate_name
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:contoso.mail.onmicrosoft.com;1"]
    dns_routing: false
    smart_hosts: [contoso-com.mail.protection.outlook.com]
    require_tls: true
    tls_auth_level: DomainValidation
    tls_domain: mail.protection.outlook.com
    cloud_services_mail_enabled: true
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Outbound to Office 365
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:contoso.mail.onmicrosoft.com;1"]
    dns_routing: false
    smart_hosts: [contoso-com.mail.protection.outlook.com]
    require_tls: true
    tls_auth_level: DomainValidation
    tls_domain: mail.protection.outlook.com
    tls_certificate_name: "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"
    cloud_services_mail_enabled: true
""",
        references=(
            "CSS-Exchange HealthChecker, Exchange Online Connector Check "
            "https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/ExoConnectorCheck/",
            "CSS-Exchange HealthChecker, Cloud Connector Check "
            "https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/CloudConnectorCheck/",
            "Set up connectors to route mail between Microsoft 365 and your own email servers "
            "https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/set-up-connectors-to-route-mail",
        ),
    ),
)
