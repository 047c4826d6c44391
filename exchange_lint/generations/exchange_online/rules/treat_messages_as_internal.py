"""EXL416: an inbound connector that treats the mail it receives as internal (misconfiguration
catalog S38, New-InboundConnector -TreatMessagesAsInternal).

The combinations the cmdlet refuses (a type other than OnPremises, or with
`cloud_services_mail_enabled: true`) are the schema's (EXL002): one finding for one mistake. What
the cmdlet allows is still a risk the service's own page names: the mail skips anti-spam.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import ON_PREMISES, InboundConnector, Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def refused(connector: InboundConnector) -> bool:
    """New-InboundConnector refuses `-TreatMessagesAsInternal $true` with these (EXL002 says so)."""
    return connector.connector_type != ON_PREMISES or connector.cloud_services_mail_enabled


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.inbound_connectors:
        if not connector.treat_messages_as_internal or refused(connector):
            continue
        yield Problem(
            f"inbound connector '{connector.name}' treats its mail as internal: messages from "
            f"{', '.join(connector.sender_domains[:3]) or 'its senders'} skip anti-spam filtering",
            connector.at("treat_messages_as_internal"),
            hint="with Exchange on-premises, leave it false and let the Hybrid Configuration Wizard set "
            "`cloud_services_mail_enabled`; otherwise restrict the connector to a certificate",
        )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL416",
    name="treat-messages-as-internal",
    severity=Severity.WARNING,
    summary="an OnPremises inbound connector that treats its mail as internal, skipping anti-spam",
    tags=("security", "inbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an inbound connector with `treat_messages_as_internal: true` that the cmdlet accepts (type "
            "OnPremises, `cloud_services_mail_enabled` not true), at `treat_messages_as_internal`. The "
            "combinations New-InboundConnector refuses (on a Partner connector, or with "
            "`cloud_services_mail_enabled: true`) are reported by the schema (EXL002), not twice."
        ),
        why=(
            "Mail through such a connector counts as internal whenever its sender domain is one of the tenant's: "
            "it bypasses anti-spam filtering, which the cmdlet reference calls a potential security risk. It is "
            "meant only for an on-premises organization that does not run Exchange; with Exchange the Hybrid "
            "Configuration Wizard's `cloud_services_mail_enabled` keeps mail internal without it."
        ),
        example=HEADER
        + """\
inbound_connectors:
  - name: From the mail gateway
    connector_type: OnPremises
    sender_domains: ["*"]
    tls_sender_certificate_name: gateway.contoso.com
    restrict_domains_to_certificate: true
    treat_messages_as_internal: true         # EXL416
""",
        use_instead=HEADER
        + """\
inbound_connectors:
  - name: From the mail gateway
    connector_type: OnPremises
    sender_domains: ["*"]
    tls_sender_certificate_name: gateway.contoso.com
    restrict_domains_to_certificate: true
""",
        references=(
            "New-InboundConnector (TreatMessagesAsInternal) "
            "https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector",
        ),
        known_problems="An on-premises server that is not Exchange may have no other way to keep mail internal; "
        "suppress the finding there with the reason.",
    ),
)
