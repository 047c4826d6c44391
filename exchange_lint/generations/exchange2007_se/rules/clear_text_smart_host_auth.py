"""EXL405: smart-host credentials sent in clear text (misconfiguration catalog S25)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.send_connectors:
        # With `require_tls` the session is encrypted before AUTH, so the credentials are not in clear text.
        if connector.smart_host_auth == "BasicAuth" and not connector.require_tls:
            yield Problem(
                f"Send connector '{connector.name}' sends its smart-host credentials in clear text "
                "(BasicAuth without TLS)",
                connector.at("smart_host_auth"),
                hint="use `BasicAuthRequireTLS` (the smart host needs a certificate matching its name)",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL405",
    name="clear-text-smart-host-auth",
    severity=Severity.WARNING,
    summary="smart-host basic authentication in clear text",
    tags=("security", "send-connector"),
    check=check,
    doc=RuleDoc(
        what="Reports a Send connector with `smart_host_auth: BasicAuth` that does not require TLS.",
        why=(
            "The Send connectors page says it plainly: basic authentication sends the user name and password "
            "in clear text. Anyone on the path to the smart host can read and reuse them."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Relay via ISP
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [smtp.isp.example]
    smart_host_auth: BasicAuth               # EXL405
    credential_ref: "vault:smtp/isp"
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Relay via ISP
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [smtp.isp.example]
    smart_host_auth: BasicAuthRequireTLS
    credential_ref: "vault:smtp/isp"
""",
        references=(
            "Send connectors (smart host authentication) "
            "https://learn.microsoft.com/exchange/mail-flow/connectors/send-connectors",
            "New-SendConnector (-SmartHostAuthMechanism) "
            "https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
        ),
    ),
)
