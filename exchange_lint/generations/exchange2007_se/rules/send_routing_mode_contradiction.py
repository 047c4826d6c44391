"""EXL307: a Send connector that both uses DNS and smart hosts, or neither (misconfiguration catalog S22)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.send_connectors:
        # `dns_routing` left out follows the smart hosts (the model's default), so only a written one contradicts.
        written = "dns_routing" in connector.fields
        if written and not connector.dns_routing and not connector.smart_hosts:
            yield Problem(
                f"Send connector '{connector.name}' has `dns_routing: false` and no smart host: it has nowhere "
                "to send mail, which queues and expires (4.4.7)",
                connector.at("dns_routing"),
                hint="list the smart hosts under `smart_hosts`, or route by DNS",
            )
        elif written and connector.dns_routing and connector.smart_hosts:
            yield Problem(
                f"Send connector '{connector.name}' routes by DNS and also lists smart hosts, which New-SendConnector "
                "refuses",
                connector.at("smart_hosts"),
                hint="choose one: `dns_routing: false` with smart hosts, or DNS without them",
            )
        elif connector.dns_routing and connector.smart_host_auth != "None":
            yield Problem(
                f"Send connector '{connector.name}' authenticates to a smart host "
                f"(`smart_host_auth: {connector.smart_host_auth}`) but routes by DNS",
                connector.at("smart_host_auth"),
                hint="smart-host authentication needs smart-host routing: set `dns_routing: false` and `smart_hosts`",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL307",
    name="send-routing-mode-contradiction",
    severity=Severity.ERROR,
    summary="a Send connector with DNS routing and smart hosts, or neither",
    tags=("send-connector",),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a Send connector with `dns_routing: false` and no `smart_hosts`, one with "
            "`dns_routing: true` and smart hosts, and one with `smart_host_auth` other than `None` while it "
            "routes by DNS."
        ),
        why=(
            "New-SendConnector refuses these combinations (`-DNSRoutingEnabled`, `-SmartHosts`, "
            "`-SmartHostAuthMechanism`). An object that holds one anyway (edited by hand, or drifted) "
            "either has no next hop or uses DNS where a smart host was meant: mail queues and expires "
            "with 4.4.7."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Relay via ISP
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false                       # EXL307
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Relay via ISP
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
    smart_hosts: [smtp.isp.example]
""",
        references=(
            "New-SendConnector (-DNSRoutingEnabled, -SmartHosts, -SmartHostAuthMechanism) "
            "https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
            "NDRs in Exchange Server (4.4.7) https://learn.microsoft.com/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages",
        ),
    ),
)
