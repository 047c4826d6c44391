"""EXL301: connector on a server that no site declares."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER


def check_unknown_server(organization: Organization) -> Iterator[Problem]:
    servers = {server.name.casefold() for server in organization.servers}
    for connector in organization.connectors:
        if connector.server is None and len(organization.sites) > 1:
            yield Problem(
                f"connector '{connector.name}' names no `server`, and organization '{organization.name}' has "
                f"{len(organization.sites)} sites: the routing model cannot tell which site it is in, so it "
                "leaves it out of every route",
                connector.location,
                hint="name its server (for a Site Connector, any server of its site)",
            )
            continue
        if connector.server is None or connector.server.casefold() in servers:
            continue
        known = ", ".join(sorted(s.name for s in organization.servers)) or "none declared"
        yield Problem(
            f"connector '{connector.name}' runs on server '{connector.server}', which no site of "
            f"organization '{organization.name}' declares (servers: {known})",
            connector.server_location or connector.location,
            hint="declare the server under its site's `servers`, or correct the name",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL301",
    name="unknown-server",
    severity=Severity.ERROR,
    summary="connector on a server that no site declares",
    tags=("references",),
    check=check_unknown_server,
    doc=RuleDoc(
        what=(
            "Reports a connector whose `server` is not listed under `servers` of any site of its "
            "organization, or that names no server in an organization of several sites."
        ),
        why=(
            "The site a connector belongs to, and so which senders see its address spaces and which "
            "connector is local to the routing server, follows from its server. An unknown server "
            "is usually a typo, and the routing model cannot place the connector."
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
    ),
)
