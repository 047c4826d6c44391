"""EXL309: a custom port-25 Receive connector in the Transport (Hub) service of a 2013+ Mailbox
server (misconfiguration catalog S28)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import HUB_TRANSPORT, MAILBOX, Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

# From 2013 the Mailbox server runs Front End Transport on port 25 and Transport on 2525; in 2007
# and 2010 the Hub Transport role owns port 25 itself.
SPLIT_TRANSPORT = ("2013", "2016", "2019", "SE")


def check(organization: Organization) -> Iterator[Problem]:
    if organization.exchange not in SPLIT_TRANSPORT:
        return
    for connector in organization.receive_connectors:
        server = organization.server(connector.server) if connector.server else None
        if connector.transport_role != HUB_TRANSPORT or server is None or MAILBOX not in server.roles:
            continue
        if any(binding.port == 25 for binding in connector.bindings):
            yield Problem(
                f"Receive connector '{connector.name}' listens on port 25 in the Transport service of Mailbox "
                f"server '{server.name}', where Default Frontend already listens: senders get 4.3.2 deferrals",
                connector.at("transport_role"),
                hint="create custom port-25 connectors with `transport_role: FrontendTransport`",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL309",
    name="hub-transport-port-25",
    severity=Severity.ERROR,
    summary="a port-25 Receive connector in the Transport service of a 2013+ Mailbox server",
    tags=("receive-connector",),
    check=check,
    doc=RuleDoc(
        what=(
            "In an organization of Exchange 2013 or later, reports a Receive connector with "
            "`transport_role: HubTransport` and a binding on port 25 on a server with the Mailbox role."
        ),
        why=(
            "From 2013 the Front End Transport service of a Mailbox server listens on port 25 and the "
            "Transport service on 2525. A custom port-25 connector in the Transport service competes with "
            "Default Frontend for the port and causes 4.3.2 'service not available' deferrals."
        ),
        example=HEADER
        + """\
receive_connectors:
  - name: Relay EX01
    server: EX01
    transport_role: HubTransport             # EXL309
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
""",
        use_instead=HEADER
        + """\
receive_connectors:
  - name: Relay EX01
    server: EX01
    transport_role: FrontendTransport
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
""",
        references=(
            "NDRs in Exchange Server (4.3.2: custom port-25 connectors belong in Front End Transport) "
            "https://learn.microsoft.com/exchange/mail-flow/non-delivery-reports-and-bounce-messages/non-delivery-reports-and-bounce-messages",
            "Allow anonymous relay on Exchange servers "
            "https://learn.microsoft.com/exchange/mail-flow/connectors/allow-anonymous-relay",
        ),
    ),
)
