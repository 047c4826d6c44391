"""EXL404: basic authentication to a smart host with no credential (misconfiguration catalog S25)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

BASIC = ("BasicAuth", "BasicAuthRequireTLS")


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.send_connectors:
        if connector.smart_host_auth in BASIC and not (connector.credential_ref or "").strip():
            yield Problem(
                f"Send connector '{connector.name}' authenticates to its smart host with "
                f"{connector.smart_host_auth} but names no credential: the smart host refuses the mail",
                connector.at("smart_host_auth"),
                hint='add `credential_ref: "vault:…"`, a reference to where the credential is kept',
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL404",
    name="smart-host-auth-without-credentials",
    severity=Severity.ERROR,
    summary="basic authentication to a smart host without a credential reference",
    tags=("security", "send-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a Send connector with `smart_host_auth: BasicAuth` or `BasicAuthRequireTLS` and no "
            "`credential_ref`."
        ),
        why=(
            "Basic authentication needs `-AuthenticationCredential`; without it the smart host refuses the "
            "session and mail queues. The file keeps a reference to the credential, never the secret itself."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Relay via ISP
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [smtp.isp.example]
    smart_host_auth: BasicAuthRequireTLS     # EXL404
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
            "New-SendConnector (-SmartHostAuthMechanism, -AuthenticationCredential) "
            "https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
            "Send connectors https://learn.microsoft.com/exchange/mail-flow/connectors/send-connectors",
        ),
    ),
)
