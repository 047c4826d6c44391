"""EXL310: a custom Receive connector whose range catches another Exchange server, without Exchange
Server authentication (misconfiguration catalog S29)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import is_default_receive_connector
from exchange_lint.generations.exchange2007_se.model import Organization, ReceiveConnector, Server
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def caught_servers(organization: Organization, connector: ReceiveConnector) -> list[Server]:
    """The other declared servers one of the connector's written ranges contains (the most specific
    range wins, so their SMTP sessions land here rather than on the default connector)."""
    own = (connector.server or "").casefold()
    return [
        server
        for server in organization.servers
        if server.name.casefold() != own
        and any(span.has(address, version) for version, address in server.ips for span in connector.remote_ip_ranges)
    ]


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.receive_connectors:
        if is_default_receive_connector(connector) or not connector.remote_ip_ranges:
            continue
        authenticated = (
            "ExchangeServer" in connector.auth_mechanism and "ExchangeServers" in connector.permission_groups
        )
        caught = caught_servers(organization, connector)
        if caught and not authenticated:
            names = ", ".join(f"'{server.name}'" for server in caught)
            yield Problem(
                f"Receive connector '{connector.name}' takes the SMTP sessions of Exchange server(s) {names} "
                "without Exchange Server authentication: their mail fails (5.3.3, 5.7.3) or loses its internal status",
                connector.at("remote_ip_ranges"),
                tuple(server.location.labelled(f"server '{server.name}'") for server in caught),
                hint="leave Exchange servers' addresses out of `remote_ip_ranges`, or add `ExchangeServer` to "
                "`auth_mechanism` and `ExchangeServers` to `permission_groups`",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL310",
    name="exchange-servers-on-custom-connector",
    severity=Severity.ERROR,
    summary="a custom Receive connector that catches Exchange servers without Exchange Server authentication",
    tags=("receive-connector",),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a custom Receive connector (not one of Setup's `Default …`/`Client …` connectors) whose "
            "`remote_ip_ranges` contain a declared `ips` address of another Exchange server, unless it offers "
            "`ExchangeServer` authentication to the `ExchangeServers` permission group."
        ),
        why=(
            "Exchange picks the Receive connector with the most specific matching range, so server-to-server "
            "traffic from that address lands on the custom (typically relay) connector instead of the "
            "default one. Without Exchange Server authentication it fails with 5.3.3 or 5.7.3, or the "
            "messages lose their internal status and turn anonymous."
        ),
        example="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, ips: ["10.0.0.11"]}
      - {name: EX02, ips: ["10.0.0.12"]}
receive_connectors:
  - name: Relay EX01
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.0.0/24"]        # EXL310
""",
        use_instead="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, ips: ["10.0.0.11"]}
      - {name: EX02, ips: ["10.0.0.12"]}
receive_connectors:
  - name: Relay EX01
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.0.50-10.0.0.60"]
""",
        references=(
            "NDRs in Exchange Server (5.3.3, 5.7.3) "
            "https://learn.microsoft.com/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages",
            "Zachary Loeber, Exchange: Receive Connector Tango! - Part 2 "
            "https://zacharyloeber.com/blog/2014/08/23/exchange-receive-connector-tango-part-2/",
        ),
        known_problems=(
            "A load balancer in front of another server is caught only when its address is declared on a server."
        ),
    ),
)
