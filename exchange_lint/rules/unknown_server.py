"""EXL301: connector on a server that no site declares."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55, EXCHANGE_2007_SE
from exchange_lint.rules.api import Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, per_generation

RULE = Rule(
    generations=(EXCHANGE_40_55.id, EXCHANGE_2007_SE.id),
    id="EXL301",
    name="unknown-server",
    severity=Severity.ERROR,
    summary="connector on a server that no site declares",
    tags=("references",),
    check=per_generation("unknown_server"),
    doc=RuleDoc(
        what=(
            "Reports a connector whose `server` is not listed under `servers` of any site of its "
            "organization, or that names no server in an organization of several sites. For Exchange 2007–SE: "
            "a Send connector's `source_transport_servers` entry or a Receive connector's `server` that no AD "
            "site declares (an Edge declared only by its `edge_subscriptions` entry counts as declared)."
        ),
        why=(
            "The site a connector belongs to, and so which senders see its address spaces and which "
            "connector is local to the routing server, follows from its server. An unknown server "
            "is usually a typo, and the routing model cannot place the connector. From 2007 a Send connector's "
            "cost and hop count come from its source servers' AD sites: an unknown source server is left out "
            "of connector selection, and a Send connector with none left is never chosen."
        ),
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADEX, address_spaces: ["SMTP:*;1"]}   # EXL301
""",
        use_instead=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
""",
        references=(
            "New-SendConnector (-SourceTransportServers, -Name) https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
            "New-ReceiveConnector (-Server, -Name) https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector",
            "Exchange Server: Connector selection (site-link cost, source servers) https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
        ),
    ),
)
