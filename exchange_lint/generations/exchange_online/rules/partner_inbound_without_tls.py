"""EXL414: a Partner inbound connector that does not require TLS (misconfiguration catalog S38,
New-InboundConnector -RequireTls)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import PARTNER, Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.inbound_connectors:
        if connector.enabled and connector.connector_type == PARTNER and not connector.require_tls:
            yield Problem(
                f"Partner inbound connector '{connector.name}' does not require TLS: mail from the partner may "
                "arrive in clear text",
                connector.at("require_tls"),
                hint="set `require_tls: true` (and name the partner's certificate in `tls_sender_certificate_name`)",
            )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL414",
    name="partner-inbound-without-tls",
    severity=Severity.WARNING,
    summary="a Partner inbound connector that does not require TLS",
    tags=("security", "tls", "inbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an enabled inbound connector of type Partner (the default type) whose `require_tls` is not "
            "true; at `require_tls` when it is written, else at the connector's name."
        ),
        why=(
            "A Partner connector exists to apply stricter terms to one partner's mail. Without "
            "`require_tls: true` Exchange Online accepts that mail over an unencrypted session too, so the "
            "partner's messages can be read or altered on the way, and a certificate named in "
            "`tls_sender_certificate_name` is never asked for."
        ),
        example=HEADER
        + """\
inbound_connectors:
  - name: From Fabrikam
    sender_domains: [fabrikam.com]
    sender_ip_addresses: ["203.0.113.0/24"]
    restrict_domains_to_ip_addresses: true
    require_tls: false                       # EXL414
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
            "New-InboundConnector (RequireTls) https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector",
            "Set up connectors for secure mail flow with a partner organization "
            "https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/"
            "set-up-connectors-for-secure-mail-flow-with-a-partner",
        ),
        known_problems="An unwritten `require_tls` is taken as false, as the schema's default says; the cmdlet "
        "reference's own text is not consistent on the default, so write the value the tenant holds.",
    ),
)
