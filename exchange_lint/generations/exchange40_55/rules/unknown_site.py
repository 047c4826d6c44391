"""EXL302: connected site or routing-test origin that the organization does not declare."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER


def check_unknown_site(organization: Organization) -> Iterator[Problem]:
    sites = {site.name.casefold() for site in organization.sites}
    origins = sites | {server.name.casefold() for server in organization.servers}
    for connector in organization.connectors:
        for connected in connector.connected_sites:
            if connected.name.casefold() not in sites:
                yield Problem(
                    f"connector '{connector.name}' connects to site '{connected.name}', which organization "
                    f"'{organization.name}' does not declare",
                    connected.location,
                    hint="declare the site under `sites`, or correct the name",
                )
    for test in organization.routing_tests:
        if test.origin.casefold() not in origins:
            yield Problem(
                f"routing test starts at '{test.origin}', which is neither a declared site nor a declared server",
                test.location,
                hint="start it at a site or server the organization declares",
            )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL302",
    name="unknown-site",
    severity=Severity.ERROR,
    summary="connected site or routing-test origin that the organization does not declare",
    tags=("references",),
    check=check_unknown_site,
    doc=RuleDoc(
        what=(
            "Reports a `connected_sites` entry naming a site the organization does not declare, and a "
            "routing test whose `from` is neither a declared site nor a declared server."
        ),
        why=(
            "Connected sites feed the GWART with routes to other sites; a misspelt one advertises a route "
            "to nowhere, and a routing test from an unknown origin tests nothing."
        ),
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: X.400 to Paris
    kind: x400
    server: TRADE
    connected_sites: [{name: PARISS, cost: 1}]   # EXL302
    address_spaces: ["X400:c=FR;a= ;p=Contoso;o=PARIS;1"]
""",
        use_instead=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: X.400 to Paris
    kind: x400
    server: TRADE
    connected_sites: [{name: PARIS, cost: 1}]
    address_spaces: ["X400:c=FR;a= ;p=Contoso;o=PARIS;1"]
""",
    ),
)
