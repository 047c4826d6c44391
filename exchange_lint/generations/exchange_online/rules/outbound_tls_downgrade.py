"""EXL422: an outbound connector that turns MTA-STS or SMTP DANE off (misconfiguration catalog S37,
Set-OutboundConnector -MtaStsMode/-SmtpDaneMode None: the doc says this lowers security)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc

OFF = "none"
# field → what it turns off, for the message
MODES = {"mta_sts_mode": "MTA-STS", "smtp_dane_mode": "SMTP DANE"}


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.outbound_connectors:
        if not connector.enabled:
            continue
        for field, value in (("mta_sts_mode", connector.mta_sts_mode), ("smtp_dane_mode", connector.smtp_dane_mode)):
            if value is not None and value.casefold() == OFF:
                yield Problem(
                    f"outbound connector '{connector.name}' turns {MODES[field]} off (`{field}: None`): mail through "
                    "it loses the protection against TLS downgrade and spoofed MX records",
                    connector.at(field),
                    hint=f"remove `{field}` (the default is Opportunistic), or state why the destination needs None",
                )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL422",
    name="outbound-tls-downgrade",
    severity=Severity.NOTE,
    summary="an outbound connector with mta_sts_mode or smtp_dane_mode None",
    tags=("security", "tls", "outbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an enabled outbound connector whose `mta_sts_mode` or `smtp_dane_mode` is None, once per "
            "field, at the value."
        ),
        why=(
            "By default (Opportunistic) Exchange Online applies the destination's MTA-STS policy and validates "
            "SMTP DANE where the destination publishes them. The cmdlet reference says None removes these "
            "protections, which exist against TLS downgrade and spoofed MX redirection: mail through the "
            "connector can then be intercepted or redirected."
        ),
        example=HEADER
        + """\
outbound_connectors:
  - name: To Fabrikam
    recipient_domains: [fabrikam.com]
    mta_sts_mode: None                       # EXL422
    smtp_dane_mode: None                     # EXL422
""",
        use_instead=HEADER
        + """\
outbound_connectors:
  - name: To Fabrikam
    recipient_domains: [fabrikam.com]
    mta_sts_mode: Opportunistic
    smtp_dane_mode: Mandatory
""",
        references=(
            "Set-OutboundConnector (MtaStsMode, SmtpDaneMode) "
            "https://learn.microsoft.com/powershell/module/exchange/set-outboundconnector",
        ),
        known_problems="A note, not a warning: a destination whose MTA-STS or DANE records are broken may leave "
        "None as the only way to deliver; say so in the connector's `description`.",
    ),
)
