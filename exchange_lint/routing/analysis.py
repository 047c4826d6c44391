"""Organization-wide routing facts the rules share: load-balanced ties and never-selected spaces.

Computed once per organization (several rules ask) from the overlap index: only recipients that
two or more connectors can match are routed, and only from origins that can decide differently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from exchange_lint.model import AddressSpace, Connector, Organization
from exchange_lint.routing.address import Recipient, has_wildcard, literal_count, match, matches_everything
from exchange_lint.routing.index import RoutingIndex, build_index
from exchange_lint.routing.kinds import SITE_TO_SITE
from exchange_lint.routing.overlap import PatternGroup, overlaps, pattern_groups
from exchange_lint.routing.select import LOAD_BALANCED, Candidate, Entry, Route, follow, select
from exchange_lint.routing.topology import Origin, Topology, build_topology


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


_last: tuple[Organization, Analysis] | None = None


def analyse(organization: Organization) -> Analysis:
    """The analysis of one organization; the last one is kept, since every rule asks for the same."""
    global _last
    if _last is not None and _last[0] is organization:
        return _last[1]
    analysis = Analysis(organization, build_topology(organization), build_index(organization))
    analysis.ties = _ties(analysis)
    analysis.shadowed = _shadowed(analysis)
    _last = (organization, analysis)
    return analysis


def routing_view(organization: Organization) -> Analysis:
    """Topology and index only, for `route` and `gwart` (no organization-wide search)."""
    return Analysis(organization, build_topology(organization), build_index(organization))


def origins_for(topology: Topology, hosts: set[str], only: str | None = None) -> list[Origin]:
    """Per site (or only site `only`): each server hosting a candidate, plus one server that hosts
    none (they all agree)."""
    origins = []
    folded = {host.casefold() for host in hosts}
    sites = sorted(topology.servers_of_site.items()) if only is None else [(only, topology.servers_of_site[only])]
    for site, servers in sites:
        if not servers:
            origins.append(Origin(site, None))
            continue
        origins.extend(Origin(site, server) for server in servers if server.casefold() in folded)
        neutral = next((server for server in servers if server.casefold() not in folded), None)
        if neutral is not None:
            origins.append(Origin(site, neutral))
    return origins


def _witnesses(analysis: Analysis) -> Iterable[Recipient]:
    """Recipients where two address spaces on different connectors may rank equally."""
    seen: set[Recipient] = set()
    for overlap in overlaps(analysis.index):
        if overlap.first is not overlap.second:
            if overlap.first.type not in ("X400", "MS", "EX") and not _may_rank_alike(
                overlap.first.address, overlap.second.address
            ):
                continue
            first, second = (
                match(group.type, group.address, overlap.witness) for group in (overlap.first, overlap.second)
            )
            if first != second:
                continue
        if overlap.witness not in seen:
            seen.add(overlap.witness)
            yield overlap.witness


def _may_rank_alike(left: str, right: str) -> bool:
    """Flat patterns rank by class and literal count, both fixed by the pattern itself."""
    left, right = left.strip(), right.strip()
    return has_wildcard(left) == has_wildcard(right) and literal_count(left) == literal_count(right)


def _ties(analysis: Analysis) -> list[Tie]:
    topology = analysis.topology
    sites = list(topology.servers_of_site)
    everywhere = {home for home in sites if all(home in topology.paths_from(site) for site in sites)}
    found: dict[frozenset[tuple[str, str]], tuple[list[Candidate], list[Origin], Recipient]] = {}
    for recipient in _witnesses(analysis):
        entries = analysis.index.entries(recipient)
        if len({entry.connector.name for entry in entries}) < 2 or _uncontested(topology, entries):
            continue
        probe = _Probe(topology, entries, everywhere)
        if len(probe.names) < 2:
            continue
        hosts = {entry.connector.server for entry in entries if entry.connector.server}
        for origin in origins_for(topology, hosts):
            if not probe.tied(origin):
                continue
            key = _tie_key(found, select(topology, origin, recipient, entries), recipient)
            if key is not None:
                found[key][1].append(origin)
    ties = []
    for tied, origins, recipient in found.values():
        ordered = sorted(
            tied, key=lambda c: (c.space.implicit, c.space.location.path, c.space.location.region.start_line)
        )
        ties.append(Tie(tuple(ordered), tuple(origins), recipient))
    return ties


class _Probe:
    """A lean copy of the selection steps over plain tuples, to find the origins where a witness
    ties before building the full, explained route for those only.

    Entries below the best organization-wide match that every site reaches can never win.
    """

    def __init__(self, topology: Topology, entries: list[Entry], everywhere: set[str]) -> None:
        self.topology = topology
        rows = []
        for entry in entries:
            home = topology.connector_site(entry.connector)
            # Locality as `Topology.is_local`: a Site Connector tied to no bridgehead is local everywhere.
            server = (entry.connector.server or ("\x00any" if entry.connector.kind == "site" else "")).casefold()
            scoped = topology.restricted(entry.space)
            rows.append((entry.match, entry.space.cost, home, scoped, server, entry.connector.name))
        floor = max((r[0] for r in rows if not r[3] and r[2] in everywhere), default=None)
        self.rows = [(q, c, h, s, v, n) for q, c, h, s, v, n in rows if h is not None and (floor is None or q >= floor)]
        self.names = {r[5] for r in self.rows}

    def tied(self, origin: Origin) -> bool:
        paths = self.topology.paths_from(origin.site)
        best: tuple[Any, int] | None = None
        winners: list[tuple[str, bool]] = []
        local_server = (origin.server or "").casefold()
        for quality, cost, home, scoped, server, name in self.rows:
            if scoped and home != origin.site:
                continue
            reach = paths.get(home)
            if reach is None:
                continue
            key = (quality, -(cost + reach[0]))
            local = server == local_server or server == "\x00any"
            if best is None or key > best:
                best, winners = key, [(name, local)]
            elif key == best:
                winners.append((name, local))
        if origin.server is not None and any(local for _, local in winners):
            winners = [w for w in winners if w[1]]
        return len({name for name, _ in winners}) > 1


def _tie_key(
    found: dict[frozenset[tuple[str, str]], tuple[list[Candidate], list[Origin], Recipient]],
    route: Route,
    recipient: Recipient,
) -> frozenset[tuple[str, str]] | None:
    """Record a load-balanced selection; its key, or None when the route is not a tie worth reporting."""
    if route.outcome != LOAD_BALANCED:
        return None
    members: dict[str, Candidate] = {}
    for candidate in route.selected:
        members.setdefault(candidate.name, candidate)
    if all(m.space.implicit for m in members.values()):
        return None  # parallel links to one site: the MTA balances them, as designed
    key = frozenset((c.name, c.space.location.anchor) for c in members.values())
    if key not in found:
        found[key] = (list(members.values()), [], recipient)
    return key


def _uncontested(topology: Topology, entries: list[Entry]) -> bool:
    """One connector holds the best match, is visible everywhere and reachable from every site: it always wins."""
    best = max(entry.match for entry in entries)
    top = [entry for entry in entries if entry.match == best]
    if len({entry.connector.name for entry in top}) != 1 or any(e.space.scope != "organization" for e in top):
        return False
    home = topology.connector_site(top[0].connector)
    return home is not None and all(home in topology.paths_from(site) for site in topology.servers_of_site)


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
    from exchange_lint.routing.overlap import witness

    recipient = witness(space.type, space.address)
    if recipient is None:
        return None
    entries = analysis.index.entries(recipient)
    hosts = {entry.connector.server for entry in entries if entry.connector.server}
    always: list[Origin] = []
    sometimes: list[tuple[Origin, int]] = []
    never: list[Origin] = []
    for origin in origins_for(analysis.topology, hosts, site):
        chosen = {candidate.name for candidate in select(analysis.topology, origin, recipient, entries).selected}
        if connector.name not in chosen:
            never.append(origin)
        elif len(chosen) == 1:
            always.append(origin)
        else:
            sometimes.append((origin, len(chosen)))
    return Fate(tuple(always), tuple(sometimes), tuple(never), recipient)
