"""EXL112: a site's own IMS loses its internet mail to a cheaper IMS in another site."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import match
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.generations.exchange40_55.routing.analysis import Analysis, analyse, fate
from exchange_lint.generations.exchange40_55.routing.kinds import sends
from exchange_lint.generations.exchange40_55.routing.select import deciding_reason
from exchange_lint.generations.exchange40_55.routing.topology import describe_origins
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb


def _own_smtp(organization: Organization) -> Iterator[tuple[Connector, AddressSpace]]:
    for connector in organization.connectors:
        if connector.kind == "internet_mail" and sends(connector):
            for space in connector.address_spaces:
                if space.type == "SMTP" and space.scope == "organization":
                    yield connector, space


def _remote_rivals(analysis: Analysis, space: AddressSpace, home: str) -> bool:
    """Whether a connector in another site matches a typical recipient of the space at least as
    well. Most IMS spaces have none; it is settled per pattern, not per address space."""
    recipient = analysis.witness(space)
    own = match(space.type, space.address, recipient) if recipient is not None else None
    if recipient is None or own is None:
        return False
    decisions = analysis.decisions(recipient)
    return any(
        home_ != home
        for quality, patterns in zip(decisions.qualities, decisions.patterns, strict=True)
        if quality >= own
        for home_ in decisions.homes(patterns)
    )


def check_remote_site_preferred(organization: Organization) -> Iterator[Problem]:
    if len(organization.sites) < 2:
        return
    analysis = analyse(organization)
    topology = analysis.topology
    for connector, space in _own_smtp(organization):
        home = topology.connector_site(connector)
        if home is None or not _remote_rivals(analysis, space, home):
            continue
        found = fate(analysis, connector, space, home)
        if found is None:
            continue
        lost = list(found.never)
        if not lost:
            continue
        route = analysis.route(lost[0], found.recipient)
        winners = sorted({c.name for c in route.selected})
        if not winners or all(topology.connector_site(c.connector) == home for c in route.selected):
            continue
        # Why the origin's own MTA hands it on (not why a later site's MTA chooses as it does).
        yield Problem(
            f"mail from site {home} ({describe_origins(lost)}) to recipients like {found.recipient} leaves through "
            f"{', '.join(repr(w) for w in winners)} in another site ({deciding_reason(route.first)}) instead of its "
            f"own '{connector.name}' ({space.text}): address spaces replicate organization-wide, so the cheaper remote "
            "route wins (KB Q161947)",
            space.location,
            hint="give the remote IMS `scope: site` or adjust the costs (5.5; KB Q279404)",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL112",
    name="remote-site-preferred",
    severity=Severity.WARNING,
    summary="a site's own IMS loses its internet mail to a cheaper IMS in another site",
    tags=("routing", "internet-mail"),
    check=check_remote_site_preferred,
    doc=RuleDoc(
        what=(
            "For each organization-wide SMTP address space of a sending IMS, routes a typical recipient from "
            "the IMS's own site and reports when the mail leaves through a connector in another site instead."
        ),
        why=(
            "Address spaces replicate to every site, and the MTA compares end-to-end costs: when another "
            "site's IMS is cheaper, a site's internet mail crosses the site link and leaves there, although "
            "the site has its own IMS. Since 5.5, `scope: site` keeps an IMS for its own site's mail "
            "(Q279404: mail entering that site from elsewhere still uses it)."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    connected_sites: [{name: LONDON, cost: 1}]
  - {name: IMS (TRADE), kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;10"]}   # EXL112
  - {name: IMS (LONDON), kind: internet_mail, server: LON1, address_spaces: ["SMTP:*;1"]}
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    connected_sites: [{name: LONDON, cost: 1}]
  - {name: IMS (TRADE), kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS (LONDON), kind: internet_mail, server: LON1, address_spaces: ["SMTP:*;1"]}
""",
        references=(
            kb(161947, "address spaces replicate: mail goes to a remote site's IMC"),
            kb(279404, "a site-scoped IMS is still used by mail entering the site"),
            kb(239228, "the IMS ignored site/location restrictions before 5.5 SP4"),
        ),
    ),
)
