"""EXL415: a Partner inbound connector restricted neither to the partner's IP addresses nor to its
certificate (misconfiguration catalog S38, New-InboundConnector -RestrictDomainsTo…)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import PARTNER, Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.inbound_connectors:
        if not connector.enabled or connector.connector_type != PARTNER:
            continue
        if connector.restrict_domains_to_ip_addresses or connector.restrict_domains_to_certificate:
            continue
        domains = ", ".join(connector.sender_domains[:3]) or "its sender domains"
        yield Problem(
            f"Partner inbound connector '{connector.name}' restricts {domains} neither to IP addresses nor to a "
            "certificate: any server can send as the partner",
            connector.location,
            hint="set `restrict_domains_to_ip_addresses: true` with `sender_ip_addresses`, or "
            "`restrict_domains_to_certificate: true` with `tls_sender_certificate_name`",
        )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL415",
    name="partner-inbound-unrestricted",
    severity=Severity.WARNING,
    summary="a Partner inbound connector restricted neither to IP addresses nor to a certificate",
    tags=("security", "inbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an enabled inbound connector of type Partner (the default type) that sets neither "
            "`restrict_domains_to_ip_addresses` nor `restrict_domains_to_certificate`, at the connector's name."
        ),
        why=(
            "Without a restriction, Exchange Online does not reject mail that claims the partner's sender "
            "domains but comes from anywhere else: the connector's terms (TLS, the certificate) apply only to "
            "senders who choose to meet them, and anyone can claim the partner's domains. With "
            "`restrict_domains_to_ip_addresses` (or `restrict_domains_to_certificate`) mail from those domains "
            "is accepted only from the partner's addresses (or certificate)."
        ),
        example=HEADER
        + """\
inbound_connectors:
  - name: From Fabrikam                      # EXL415
    sender_domains: [fabrikam.com]
    sender_ip_addresses: ["203.0.113.0/24"]
    require_tls: true
""",
        use_instead=HEADER
        + """\
inbound_connectors:
  - name: From Fabrikam
    sender_domains: [fabrikam.com]
    sender_ip_addresses: ["203.0.113.0/24"]
    restrict_domains_to_ip_addresses: true
    require_tls: true
""",
        references=(
            "New-InboundConnector (RestrictDomainsToIPAddresses, RestrictDomainsToCertificate) "
            "https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector",
        ),
    ),
)
