"""EXL312: a server with the `HubTransport` role in an organization of Exchange 2013 or later, where
that role no longer exists (its transport runs in the Mailbox role)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.model import HUB_TRANSPORT, Organization
from exchange_lint.generations.exchange2007_se.rules.hub_transport_port_25 import SPLIT_TRANSPORT
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL312"
NAME = "hub-transport-role-retired"


def check(organization: Organization) -> Iterator[Problem]:
    if organization.exchange not in SPLIT_TRANSPORT:
        return
    for server in organization.servers:
        if HUB_TRANSPORT in server.roles:
            yield Problem(
                f"server '{server.name}' has the HubTransport role, which exists only in Exchange 2007 and 2010; "
                f"organization '{organization.name}' is Exchange {organization.exchange}",
                server.location,
                hint="give it the Mailbox role (its Transport service is the old Hub Transport), or Edge",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="(2013+) a server with the HubTransport role, which Exchange 2013 and later do not have",
    tags=("references", "servers"),
    check=check,
    doc=RuleDoc(
        what=(
            "In an organization of Exchange 2013, 2016, 2019 or SE (`exchange:`), reports a server whose "
            "`roles` include `HubTransport`. The role is valid in 2007 and 2010 organizations."
        ),
        why=(
            "Exchange 2013 folded the Hub Transport role into the Mailbox role (the Transport service) and "
            "2016 removed the Client Access role too: setup cannot install a Hub Transport server, so the file "
            "describes a server that cannot exist. It is usually a 2010 inventory copied forward, and the "
            "rules that depend on the Mailbox role (its port-25 Front End Transport, EXL309) then miss it."
        ),
        example="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [HubTransport]}   # EXL312
""",
        use_instead="""\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox]}
""",
        references=(
            "Exchange Server architecture (2016/2019: Mailbox and Edge Transport roles), "
            "https://learn.microsoft.com/exchange/architecture/architecture",
        ),
    ),
)
