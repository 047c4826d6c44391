"""EXL115: an address space of a scoped Send connector that some AD site has no route for (S31)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import TWO_SITES
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.generations.exchange2007_se.routing.analysis import analyse
from exchange_lint.generations.exchange2007_se.routing.spaces import SMTP, smtp_pattern, specificity
from exchange_lint.generations.exchange2007_se.routing.topology import Origin
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL115"
NAME = "scoped-connector-unreachable"


def check(organization: Organization) -> Iterator[Problem]:
    analysis = analyse(organization)
    topology = analysis.topology
    probes = {(p.type, p.pattern): p for p in analysis.index.probes()}
    for connector in organization.send_connectors:
        if not connector.scoped or not connector.enabled:
            continue
        for space in connector.address_spaces:
            pattern = smtp_pattern(space.address) if space.type == SMTP else space.address
            probe = probes.get((space.type, pattern))
            if probe is None:
                continue
            own = specificity(space.type, space.address, probe.recipient)
            unreachable, broader = [], []
            for site, servers in topology.servers_of_site.items():
                if not servers or topology.visible(connector, site):
                    continue
                # the analysis's decision for that server, not a fresh selection per site
                decision = analysis.decision_at(probe, Origin(site, servers[0]))
                assert decision is not None
                winner = decision.winner
                if decision.outcome == "local":
                    continue
                if winner is None:
                    unreachable.append(f"{site} ({decision.verdict})")
                elif own is not None and winner.specificity < own:
                    broader.append(f"{site} (through '{winner.connector.name}' {winner.space.text})")
            if unreachable:
                yield Problem(
                    f"{space.text} of scoped connector '{connector.name}' has no route from site(s) "
                    f"{', '.join(unreachable)}: a scoped connector is seen only from its source servers' sites",
                    space.location,
                    hint="add a connector for this space visible from those sites, or set `scoped: false`",
                )
            if broader:
                yield Problem(
                    f"{space.text} of scoped connector '{connector.name}' leaves site(s) {', '.join(broader)} "
                    "by a broader address space, not by this connector",
                    space.location,
                    hint="intended when other sites should use the broader route; else set `scoped: false`",
                    severity=Severity.NOTE,
                )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="an address space of a scoped Send connector that some AD site cannot route",
    tags=("routing", "scope"),
    check=check,
    doc=RuleDoc(
        what=(
            "For each address space of a `scoped: true` Send connector, routes a recipient of that space from "
            "every AD site with transport servers where the connector is invisible (no source server of it "
            "in that site). A warning names the sites with no route at all (SMTP waits in the Unreachable "
            "queue, anything else NDRs); a note names the sites whose mail leaves only by a broader space."
        ),
        why=(
            "`-IsScopedConnector` makes a connector visible only to the transport servers of its source "
            "servers' AD site. Mail for its domains from other sites is not routed to it: with nothing else "
            "matching, it queues until it expires, and with a broader connector it leaves another way, which "
            "may skip the partner's TLS or smart host."
        ),
        example=TWO_SITES
        + """\
send_connectors:
  - name: Partner Fabrikam
    scoped: true
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:fabrikam.example;1"]   # EXL115
""",
        use_instead=TWO_SITES
        + """\
send_connectors:
  - name: Partner Fabrikam
    scoped: false
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:fabrikam.example;1"]
""",
        references=(
            "New-SendConnector -IsScopedConnector, "
            "https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
            "Exchange Server: Connector selection (scoped connectors), "
            "https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
        ),
    ),
)
