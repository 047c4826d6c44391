"""EXL314: an outbound connector's `tls_domain` that its `tls_settings` never uses (misconfiguration
catalog S37, New-OutboundConnector -TlsDomain: used only with DomainValidation)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc

DOMAIN_VALIDATION = "DomainValidation"


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.outbound_connectors:
        if connector.tls_domain is None or connector.tls_settings == DOMAIN_VALIDATION:
            continue
        settings = f"`tls_settings: {connector.tls_settings}`" if connector.tls_settings else "no `tls_settings`"
        yield Problem(
            f"outbound connector '{connector.name}' names tls_domain '{connector.tls_domain}' with {settings}: "
            "the domain is checked only with DomainValidation, so it does nothing",
            connector.at("tls_domain"),
            hint="set `tls_settings: DomainValidation` if the certificate must name that domain, "
            "else remove `tls_domain`",
        )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL314",
    name="outbound-tls-domain-ignored",
    severity=Severity.WARNING,
    summary="an outbound connector's tls_domain without tls_settings: DomainValidation, which ignores it",
    tags=("tls", "outbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an outbound connector (enabled or not) that writes `tls_domain` while its `tls_settings` "
            "is not DomainValidation (another value, or none written), at `tls_domain`."
        ),
        why=(
            "Exchange Online uses `-TlsDomain` only when `-TlsSettings` is DomainValidation. With any other "
            "setting the receiving server's certificate is never compared with that domain, so the file "
            "promises a check the service does not make: usually the author meant DomainValidation and the "
            "partner route is less protected than it reads."
        ),
        example=HEADER
        + """\
outbound_connectors:
  - name: To Fabrikam
    recipient_domains: [fabrikam.com]
    tls_settings: CertificateValidation
    tls_domain: mail.fabrikam.com            # EXL314
""",
        use_instead=HEADER
        + """\
outbound_connectors:
  - name: To Fabrikam
    recipient_domains: [fabrikam.com]
    tls_settings: DomainValidation
    tls_domain: mail.fabrikam.com
""",
        references=(
            "New-OutboundConnector (TlsDomain, TlsSettings) "
            "https://learn.microsoft.com/powershell/module/exchange/new-outboundconnector",
        ),
        known_problems="A disabled connector is reported too: the setting is dead whether or not the connector "
        "is used.",
    ),
)
