"""EXL110: catch-all `c=*` X.400 route while some site has no SMTP route: DDA fallback can loop."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import (
    Recipient,
    matches_everything,
)
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.analysis import analyse
from exchange_lint.generations.exchange40_55.routing.select import NO_ROUTE
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb


def check_dda_fallback_loop(organization: Organization) -> Iterator[Problem]:
    if len(organization.sites) < 2:
        return
    catch_alls = [
        (connector, space)
        for connector in organization.connectors
        if connector.kind == "x400"
        for space in connector.address_spaces
        if space.type == "X400" and matches_everything("X400", space.address)
    ]
    if not catch_alls:
        return
    # A DDA falls back to X.400 only where no DDA route exists (§1.3): route a typical SMTP
    # recipient from each site and list the sites that find none.
    analysis = analyse(organization)
    if analysis.oversized:
        return  # EXL113 says why
    typical = Recipient("SMTP", "someone@example.com")
    without = [
        site.name
        for site in organization.sites
        if all(analysis.route(origin, typical).outcome == NO_ROUTE for origin in analysis.topology.resolve(site.name))
    ]
    if not without:
        return
    for connector, space in catch_alls:
        yield Problem(
            f"catch-all X.400 address space `{space.address}` (cost {space.cost}) on '{connector.name}' while "
            f"site(s) {', '.join(without)} have no SMTP route: an SMTP custom recipient or one-off "
            "that finds no DDA route falls back to its X.400 address, this connector takes it, and the message "
            "can loop back to its site until it is NDRed after about 512 hops (KB Q262116, Q262124)",
            space.location,
            hint="give those sites an SMTP route, or narrow the X.400 address space",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL110",
    name="dda-fallback-loop",
    severity=Severity.WARNING,
    summary="catch-all `c=*` X.400 route while some site has no SMTP route: DDA fallback can loop",
    tags=("routing", "x400"),
    check=check_dda_fallback_loop,
    doc=RuleDoc(
        what=(
            "In an organization of two or more sites, reports a catch-all X.400 address space (`c=*`, every "
            "attribute a wildcard) on an X.400 connector when, from some site, an SMTP recipient finds no "
            "route at all (for example every SMTP route there is site-scoped elsewhere)."
        ),
        why=(
            "A custom recipient or one-off is routed by its DDA (for example `SMTP:...`) first; when no DDA "
            "route is found, the MTA falls back to the recipient's X.400 address, the `c=*` connector takes "
            "it, and the message can loop back to the originating site until it is NDRed after about 512 "
            "reroutes."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces: [{type: SMTP, address: "*", scope: site}]   # LONDON has no SMTP route
  - name: X.400 to provider (LONDON)
    kind: x400
    server: LON1
    address_spaces: ["X400:c=*;1"]                 # EXL110
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces: [{type: SMTP, address: "*", scope: site}]
  - name: X.400 to provider (LONDON)
    kind: x400
    server: LON1
    address_spaces: ["X400:c=GB;a=TMAILUK;p=*;1"]
""",
        references=(
            kb(262116, "custom recipient falls back to X.400 and loops over c=*"),
            kb(262124, "SMTP custom recipient over an X.400 connector loops 512 times"),
            kb(166611, "a single X.400 connector with c=*: loop NDR"),
        ),
    ),
)
