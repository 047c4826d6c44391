"""Organization-wide routing facts the rules share: load-balanced ties and never-selected spaces.

Computed once per organization (several rules ask) from the overlap index: only recipients that
two or more connectors can match are routed, and only from origins that can decide differently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from exchange_lint.addresses import Recipient, match, match_bound, matches_everything
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.generations.exchange40_55.routing.index import RoutingIndex, build_index
from exchange_lint.generations.exchange40_55.routing.kinds import SITE_TO_SITE
from exchange_lint.generations.exchange40_55.routing.overlap import Overlap, PatternGroup, overlaps, pattern_groups
from exchange_lint.generations.exchange40_55.routing.select import Candidate, Entry, Route, candidate, follow, selection
from exchange_lint.generations.exchange40_55.routing.topology import Origin, Topology, build_topology


@dataclass(frozen=True)
class Tie:
    """Connectors the MTA load-balances between for some recipients, and from where."""

    members: tuple[Candidate, ...]
    origins: tuple[Origin, ...]
    recipient: Recipient


@dataclass(frozen=True)
class Shadow:
    """An address space that is never selected, and what always wins instead (if anything)."""

    connector: Connector
    space: AddressSpace
    reason: str
    winner: tuple[Connector, AddressSpace] | None = None


@dataclass
class Analysis:
    organization: Organization
    topology: Topology
    index: RoutingIndex
    ties: list[Tie] = field(default_factory=list)
    shadowed: list[Shadow] = field(default_factory=list)

    def route(self, origin: Origin, recipient: Recipient) -> Route:
        """The route as the message travels: hop by hop to the site that hands it to a connector."""
        return follow(self.topology, origin, recipient, self.index.entries(recipient))


def analyse(organization: Organization) -> Analysis:
    """The analysis of one organization, computed once: every routing rule asks for the same. It is
    kept in the organization's `derived` facts, so it lives exactly as long as the organization
    the engine built for one run of the rules."""
    found = organization.derived.get("analysis")
    if isinstance(found, Analysis):
        return found
    analysis = Analysis(organization, build_topology(organization), build_index(organization))
    analysis.ties = _ties(analysis)
    analysis.shadowed = _shadowed(analysis)
    organization.derived["analysis"] = analysis
    return analysis


def routing_view(organization: Organization) -> Analysis:
    """Topology and index only, for `route` and `gwart` (no organization-wide search)."""
    return Analysis(organization, build_topology(organization), build_index(organization))


def origins_for(topology: Topology, hosts: set[str], only: str | None = None) -> list[Origin]:
    """Per site (or only site `only`): each server hosting a candidate, plus one server that hosts
    none (they all agree)."""
    folded = {host.casefold() for host in hosts}
    sites = sorted(topology.servers_of_site.items()) if only is None else [(only, topology.servers_of_site[only])]
    return [origin for site, servers in sites for origin in _site_origins(site, servers, folded)]


def _site_origins(site: str, servers: tuple[str, ...], folded: set[str]) -> list[Origin]:
    """One site's share of `origins_for`; `folded` holds the hosts, case-folded."""
    if not servers:
        return [Origin(site, None)]
    origins = [Origin(site, server) for server in servers if server.casefold() in folded]
    neutral = next((server for server in servers if server.casefold() not in folded), None)
    if neutral is not None:
        origins.append(Origin(site, neutral))
    return origins


def _witnesses(analysis: Analysis) -> Iterable[Recipient]:
    """Recipients where two address spaces on different connectors may rank equally."""
    seen: set[Recipient] = set()
    for overlap in overlaps(analysis.index, _may_tie):
        if overlap.first is not overlap.second and not _rank_alike(overlap):
            continue
        if overlap.witness not in seen:
            seen.add(overlap.witness)
            yield overlap.witness


def _may_tie(first: PatternGroup, second: PatternGroup) -> bool:
    """Whether two patterns may match a common recipient equally well, decided before a witness is
    searched: a blank pattern is its own, weakest class, and a flat pattern's class and literal
    count are its own (`match_bound`). The witness settles the rest."""
    if first.type in ("X400", "MS", "EX"):
        return bool(first.address.strip()) == bool(second.address.strip())
    return match_bound(first.type, first.address) == match_bound(second.type, second.address)


def _rank_alike(overlap: Overlap) -> bool:
    """Whether both patterns match the witness equally well (or neither does). The second
    pattern's literal count is known without matching, which often settles it."""
    first, second, witness = overlap.first, overlap.second, overlap.witness
    quality = match(first.type, first.address, witness)
    bound = match_bound(second.type, second.address)
    if quality is not None and (bound is None or bound.literals != quality.literals):
        return False
    return quality == match(second.type, second.address, witness)


_Found = dict[frozenset[tuple[str, str]], tuple[list[Candidate], list[Origin], Recipient]]


def _ties(analysis: Analysis) -> list[Tie]:
    topology = analysis.topology
    sites = sorted(topology.servers_of_site.items())
    everywhere = {home for home, _ in sites if all(home in topology.paths_from(site) for site, _ in sites)}
    found: _Found = {}
    for recipient in _witnesses(analysis):
        entries = analysis.index.entries(recipient)
        if len({entry.connector.name for entry in entries}) < 2 or _uncontested(topology, entries, everywhere):
            continue
        probe = _Probe(topology, entries, everywhere)
        if len(probe.names) < 2:
            continue
        hosts = {entry.connector.server for entry in entries if entry.connector.server}
        for origin, kept in probe.tied(sites, hosts, recipient):
            _record(found, topology, origin, recipient, kept)
    ties = []
    for tied, origins, recipient in found.values():
        ordered = sorted(
            tied, key=lambda c: (c.space.implicit, c.space.location.path, c.space.location.region.start_line)
        )
        ties.append(Tie(tuple(ordered), tuple(origins), recipient))
    return ties


class _Row(NamedTuple):
    quality: tuple[int, int, str]  # the entry's Match as a plain tuple: same order, compared in C
    cost: int
    home: str
    scoped: bool
    server: str
    name: str
    entry: Entry


class _Probe:
    """A lean copy of the selection steps over plain tuples, to find the origins where a witness
    ties without routing it from every origin: the best rows are found once per site, not per
    origin, and a site where one connector wins outright is passed over.

    Entries below the best organization-wide match that every site reaches can never win.
    """

    def __init__(self, topology: Topology, entries: list[Entry], everywhere: set[str]) -> None:
        self.topology = topology
        rows = []
        for entry in entries:
            home = topology.connector_site(entry.connector)
            if home is None:
                continue
            # Locality as `Topology.is_local`: a Site Connector tied to no bridgehead is local everywhere.
            server = (entry.connector.server or ("\x00any" if entry.connector.kind == "site" else "")).casefold()
            scoped = topology.restricted(entry.space)
            quality = (entry.match.rank, entry.match.literals, entry.match.kind)
            rows.append(_Row(quality, entry.space.cost, home, scoped, server, entry.connector.name, entry))
        floor = max((r.quality for r in rows if not r.scoped and r.home in everywhere), default=None)
        self.rows = [r for r in rows if floor is None or r.quality >= floor]
        self.names = {r.name for r in self.rows}

    def tied(
        self, sites: list[tuple[str, tuple[str, ...]]], hosts: set[str], recipient: Recipient
    ) -> Iterator[tuple[Origin, list[Entry]]]:
        """The origins (in `origins_for` order) where the MTA load-balances, with what it keeps there."""
        folded = {host.casefold() for host in hosts}
        for site, servers in sites:
            winners = self._best(site)
            if len({r.name for r in winners}) < 2:
                continue  # locality only narrows the best rows further
            origins = [origin for origin in _site_origins(site, servers, folded) if self._tied(origin, winners)]
            if origins and self.topology.local_recipient(origins[0], recipient) is None:
                yield from ((origin, self._kept(origin, winners)) for origin in origins)

    def _best(self, site: str) -> list[_Row]:
        """The rows of the best match class and lowest cost from the site (steps 5 and 6)."""
        paths = self.topology.paths_from(site)
        best: tuple[tuple[int, int, str], int] | None = None
        winners: list[_Row] = []
        for row in self.rows:
            if row.scoped and row.home != site:
                continue
            reach = paths.get(row.home)
            if reach is None:
                continue
            key = (row.quality, -(row.cost + reach[0]))
            if best is None or key > best:
                best, winners = key, [row]
            elif key == best:
                winners.append(row)
        return winners

    @staticmethod
    def _tied(origin: Origin, winners: list[_Row]) -> bool:
        """More than one connector left once the routing server's own are preferred."""
        local_server = (origin.server or "").casefold()
        flagged = [(row.name, row.server == local_server or row.server == "\x00any") for row in winners]
        if origin.server is not None and any(local for _, local in flagged):
            flagged = [w for w in flagged if w[1]]
        return len({name for name, _ in flagged}) > 1

    def _kept(self, origin: Origin, winners: list[_Row]) -> list[Entry]:
        """What `select` keeps from the best rows: those on the routing server, when that narrows them."""
        local = [row for row in winners if self.topology.is_local(row.entry.connector, origin)]
        chosen = local if origin.server is not None and 0 < len(local) < len(winners) else winners
        return [row.entry for row in chosen]


def _record(found: _Found, topology: Topology, origin: Origin, recipient: Recipient, kept: list[Entry]) -> None:
    """Add the origin to its tie when what the MTA keeps there is a load-balanced tie worth reporting."""
    members: dict[str, Entry] = {}
    for entry in kept:
        members.setdefault(entry.connector.name, entry)
    if len(members) < 2 or all(entry.space.implicit for entry in members.values()):
        return  # one connector, or parallel links to one site: the MTA balances them, as designed
    key = frozenset((name, entry.space.location.anchor) for name, entry in members.items())
    if key not in found:
        paths = topology.paths_from(origin.site)
        costed = (candidate(topology, origin, paths, entry) for entry in members.values())
        found[key] = ([c for c in costed if isinstance(c, Candidate)], [], recipient)
    found[key][1].append(origin)


def _uncontested(topology: Topology, entries: list[Entry], everywhere: set[str]) -> bool:
    """One connector holds the best match, is visible everywhere and reachable from every site: it always wins."""
    best = max(entry.match for entry in entries)
    top = [entry for entry in entries if entry.match == best]
    if len({entry.connector.name for entry in top}) != 1 or any(e.space.scope != "organization" for e in top):
        return False
    return topology.connector_site(top[0].connector) in everywhere


def _site(topology: Topology, connector: Connector) -> str | None:
    return topology.connector_site(connector)


def _covers(topology: Topology, winner: tuple[Connector, AddressSpace], loser: tuple[Connector, AddressSpace]) -> bool:
    """Whoever can see the loser can see and reach the winner (scope, then site links)."""
    (w_connector, w_space), (l_connector, l_space) = winner, loser
    w_site, l_site = _site(topology, w_connector), _site(topology, l_connector)
    if w_space.scope != "organization" and (l_space.scope == "organization" or w_site != l_site):
        return False
    return w_site is not None and l_site is not None and w_site in topology.paths_from(l_site)


def _shadowed(analysis: Analysis) -> list[Shadow]:
    topology = analysis.topology
    shadows = [Shadow(item.connector, item.space, item.reason) for item in analysis.index.ignored]
    groups = pattern_groups(analysis.index)
    wide: dict[str, list[tuple[Connector, AddressSpace]]] = {}
    for group in groups:
        if group.address.strip() and matches_everything(group.type, group.address):
            wide.setdefault(group.type, []).extend(group.members)
    for group in groups:
        if not group.address.strip():
            shadows.extend(_blank_shadows(topology, group, wide.get(group.type, [])))
        elif len(group.connectors) > 1:
            shadows.extend(_cost_shadows(topology, group))
    return [shadow for shadow in shadows if not shadow.space.implicit]


def _blank_shadows(
    topology: Topology, group: PatternGroup, stars: list[tuple[Connector, AddressSpace]]
) -> Iterable[Shadow]:
    """A `*` space beats a blank one whatever the costs (Q152471, Q193322)."""
    for member in group.members:
        winner = next((star for star in stars if _covers(topology, star, member)), None)
        if winner is not None:
            yield Shadow(member[0], member[1], "blank loses to `*` on match class, before cost", winner)


def _cost_shadows(topology: Topology, group: PatternGroup) -> Iterable[Shadow]:
    """The same pattern cheaper on a gateway in the same site: gateways never hand mail back
    (BORES-MTA), and no site link stands between, so the dearer route is never even a backup.
    Both are equally far from any other site, so the cheaper one wins from everywhere."""
    for loser in group.members:
        for winner in group.members:
            w_connector, w_space = winner
            if w_connector.name == loser[0].name or w_connector.kind in SITE_TO_SITE:
                continue
            if not _covers(topology, winner, loser):
                continue
            if _site(topology, w_connector) != _site(topology, loser[0]):
                continue  # reached over a site link, which can be down or retrying: a real backup
            if w_space.cost < loser[1].cost:
                yield Shadow(loser[0], loser[1], "the same pattern costs less on an always-active gateway", winner)
                break


@dataclass(frozen=True)
class Fate:
    """How often mail for an address space's recipients lands on its connector, from where."""

    always: tuple[Origin, ...]
    sometimes: tuple[tuple[Origin, int], ...]  # (origin, number of connectors sharing the load)
    never: tuple[Origin, ...]
    recipient: Recipient


def fate(analysis: Analysis, connector: Connector, space: AddressSpace, site: str | None = None) -> Fate | None:
    """Route a typical recipient of the space from every origin that can decide differently
    (only from `site`, when given)."""
    from exchange_lint.generations.exchange40_55.routing.overlap import witness

    recipient = witness(space.type, space.address)
    if recipient is None:
        return None
    entries = analysis.index.entries(recipient)
    hosts = {entry.connector.server for entry in entries if entry.connector.server}
    always: list[Origin] = []
    sometimes: list[tuple[Origin, int]] = []
    never: list[Origin] = []
    for origin in origins_for(analysis.topology, hosts, site):
        chosen = {c.name for c in selection(analysis.topology, origin, recipient, entries)[1]}
        if connector.name not in chosen:
            never.append(origin)
        elif len(chosen) == 1:
            always.append(origin)
        else:
            sometimes.append((origin, len(chosen)))
    return Fate(tuple(always), tuple(sometimes), tuple(never), recipient)
