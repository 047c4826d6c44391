"""Organization-wide routing facts the rules share: load-balanced ties, never-selected spaces, and
what the MTA decides for a recipient from each origin.

Computed once per organization (several rules ask), each part when first asked for: ties from the
overlap index (only recipients that two or more connectors can match are routed, and only from
origins that can decide differently), decisions per recipient, kept for the next rule. Every part
is bounded: addresses longer than `MAX_ADDRESS_LENGTH` and organizations of more than `MAX_SITES`
sites are left out, and the tie search compares at most `MAX_TIE_PAIRS` pairs of patterns; what
was left out is reported (EXL113).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, NamedTuple, TypeVar

from exchange_lint.addresses import Match, Recipient, match, match_bound, matches_everything
from exchange_lint.budget import OverBudget
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.generations.exchange40_55.routing.index import Pattern, RoutingIndex, build_index
from exchange_lint.generations.exchange40_55.routing.kinds import SITE_TO_SITE
from exchange_lint.generations.exchange40_55.routing.overlap import Overlap, PatternGroup, Search, search, witness
from exchange_lint.generations.exchange40_55.routing.select import (
    LOAD_BALANCED,
    Candidate,
    Entry,
    Located,
    Route,
    best_from_site,
    choose,
    follow,
    locate,
    place,
)
from exchange_lint.generations.exchange40_55.routing.topology import Origin, Topology, build_topology

# The most sites the routing analysis models, a limit of the linter rather than of Exchange: path
# costs are kept from every site to every other (a million pairs here, found in a few seconds), and
# a larger organization is reported (EXL113), its routes not analysed.
MAX_SITES = 1000
# The most pairs of distinct patterns the tie search compares, and the most ties it reports. Real
# organizations need far fewer (the 10,000-connector benchmark: 25,000 pairs, 1,100 ties): only
# patterns that can match equally well and share literal parts are paired. A few hundred
# connectors that all tie with each other make ties by the hundred thousand; past either limit the
# search stops and says so (EXL113).
MAX_TIE_PAIRS = 100_000
MAX_TIES = 10_000

T = TypeVar("T")


class Tie(NamedTuple):
    """Connectors the MTA load-balances between for some recipients, and from where."""

    members: tuple[Candidate, ...]
    origins: tuple[Origin, ...]
    recipient: Recipient


class Shadow(NamedTuple):
    """An address space that is never selected, and what always wins instead (if anything)."""

    connector: Connector
    space: AddressSpace
    reason: str
    winner: tuple[Connector, AddressSpace] | None = None


class Fate(NamedTuple):
    """How often mail for an address space's recipients lands on its connector, from where."""

    always: tuple[Origin, ...]
    sometimes: tuple[tuple[Origin, int], ...]  # (origin, number of connectors sharing the load)
    never: tuple[Origin, ...]
    recipient: Recipient


class _Failed:
    """What is kept for a part of the analysis a rule ran out of time computing."""


_FAILED = _Failed()


class _Ties(NamedTuple):
    found: list[Tie]
    stopped_at: PatternGroup | None  # the group of the witness the search stopped at (`MAX_TIES`)


def remembered(store: dict[str, Any], key: str, compute: Callable[[], T]) -> T:
    """`store[key]`, computed once. When the rule computing it runs out of its time budget, that is
    remembered: the next rule that needs it stops at once, instead of paying the same budget again
    for the same work."""
    if key in store:
        found = store[key]
        if isinstance(found, _Failed):
            raise OverBudget
        return found  # type: ignore[no-any-return]
    try:
        value = compute()
    except OverBudget:
        store[key] = _FAILED
        raise
    store[key] = value
    return value


class Analysis:
    def __init__(self, organization: Organization, topology: Topology, index: RoutingIndex) -> None:
        self.organization = organization
        self.topology = topology
        self.index = index
        self._parts: dict[str, Any] = {}
        self._facts: dict[int, _Facts] = {}  # by id(pattern)
        self._decisions: dict[Recipient, Decisions] = {}
        self._routes: dict[tuple[Origin, Recipient], Route] = {}
        self._witnesses: dict[tuple[str, str], Recipient | None] = {}

    @property
    def oversized(self) -> bool:
        """More sites than the analysis models (`MAX_SITES`): no route is analysed."""
        return len(self.topology.servers_of_site) > MAX_SITES

    @property
    def ties(self) -> list[Tie]:
        return self._ties().found

    def _ties(self) -> _Ties:
        return remembered(self._parts, "ties", lambda: _Ties([], None) if self.oversized else _ties(self))

    @property
    def tie_search(self) -> Search:
        """How the search for ties went: what it compared, and where it stopped."""
        return remembered(self._parts, "tie search", lambda: _search_ties(self))

    @property
    def ties_stopped_at(self) -> PatternGroup | None:
        """Where the tie search stopped, having found `MAX_TIES` ties; None when it did not stop."""
        return self._ties().stopped_at

    @property
    def shadowed(self) -> list[Shadow]:
        return remembered(self._parts, "shadowed", lambda: [] if self.oversized else _shadowed(self))

    def route(self, origin: Origin, recipient: Recipient) -> Route:
        """The route as the message travels: hop by hop to the site that hands it to a connector."""
        key = (origin, recipient)
        if key not in self._routes:
            self._routes[key] = follow(self.topology, origin, recipient, self.index.entries(recipient))
        return self._routes[key]

    def decisions(self, recipient: Recipient) -> Decisions:
        """What the MTA decides for the recipient, kept for every rule that asks again."""
        found = self._decisions.get(recipient)
        if found is None:
            found = self._decisions[recipient] = Decisions(self, recipient)
        return found

    def witness(self, space: AddressSpace) -> Recipient | None:
        """A typical recipient of the space (see `overlap.witness`), once per pattern."""
        key = (space.type, space.address)
        if key not in self._witnesses:
            self._witnesses[key] = witness(space.type, space.address)
        return self._witnesses[key]

    def everywhere(self) -> set[str]:
        """The sites every site reaches over site links."""

        def compute() -> set[str]:
            sites = list(self.topology.servers_of_site)
            reached = [self.topology.paths_from(site).costs for site in sites]
            return {home for home in sites if all(home in costs for costs in reached)}

        return remembered(self._parts, "everywhere", compute)


class _Facts:
    """What the selection needs to know about all the spaces of one pattern at once."""

    def __init__(
        self,
        names: frozenset[str],
        hosts: frozenset[str],
        homes: frozenset[str | None],
        open_homes: frozenset[str | None],
    ) -> None:
        self.names = names
        self.hosts = hosts  # their servers, case-folded
        self.homes = homes
        self.open_homes = open_homes  # the sites of those no 5.5 restriction keeps to their site


class Decisions:
    """What the MTA decides for one recipient, from each origin, computed when asked and kept:
    the match classes, then per site the cheapest of the best visible class (`best_from_site`),
    then per server the routing server's own connectors (`on_routing_server`), as `select`
    does for one origin."""

    def __init__(self, analysis: Analysis, recipient: Recipient) -> None:
        self.analysis = analysis
        self.recipient = recipient
        matched = analysis.index.matching(recipient)
        qualities = sorted({quality for quality, _ in matched}, reverse=True)
        self.patterns: list[list[Pattern]] = [[p for q, p in matched if q == quality] for quality in qualities]
        self.qualities: list[Match] = qualities
        self._facts = [_facts(analysis, pattern) for patterns in self.patterns for pattern in patterns]
        # The matching connectors' servers, case-folded: never more than the organization has,
        # however many connectors match.
        self.hosts = frozenset().union(*(fact.hosts for fact in self._facts))
        self._classes: list[list[Located]] = []
        self._best: dict[str, list[Candidate]] = {}
        self._kept: dict[Origin, tuple[str, tuple[Candidate, ...]]] = {}
        self._chosen: dict[Origin, frozenset[str]] = {}

    def contested(self) -> bool:
        """Whether two or more connectors can be selected from somewhere: a class below one that
        every site sees and reaches is never selected, so only the classes down to it count."""
        everywhere = self.analysis.everywhere()
        facts = []
        for patterns in self.patterns:
            level = [_facts(self.analysis, pattern) for pattern in patterns]
            facts += level
            if any(fact.open_homes & everywhere for fact in level):
                break
        return not _one_connector(facts)

    def classes(self) -> Iterable[list[Located]]:
        """The matching entries by match class, best first, in declaration order: expanded only as far as asked."""
        for number, patterns in enumerate(self.patterns):
            if number == len(self._classes):
                quality = self.qualities[number]
                members = sorted(
                    (rank, connector, space) for pattern in patterns for connector, space, rank in pattern.members
                )
                entries = (Entry(connector, space, quality) for _, connector, space in members)
                self._classes.append(locate(place(self.analysis.topology, entries)))
            yield self._classes[number]

    def homes(self, patterns: Iterable[Pattern]) -> frozenset[str | None]:
        """The sites of the connectors carrying these patterns (None: in no known site)."""
        return frozenset().union(*(_facts(self.analysis, pattern).homes for pattern in patterns))

    def best_from(self, site: str) -> list[Candidate]:
        if site not in self._best:
            self._best[site] = best_from_site(self.analysis.topology, site, self.classes())
        return self._best[site]

    def kept(self, origin: Origin) -> tuple[str, tuple[Candidate, ...]]:
        """The outcome and what is left, from the origin (as `select` decides it)."""
        found = self._kept.get(origin)
        if found is None:
            found = self._kept[origin] = choose(self.analysis.topology, origin, self.recipient, self.best_from)
        return found

    def chosen(self, origin: Origin) -> frozenset[str]:
        """The names of the connectors left, from the origin."""
        found = self._chosen.get(origin)
        if found is None:
            found = self._chosen[origin] = frozenset(candidate.connector.name for candidate in self.kept(origin)[1])
        return found


def _one_connector(facts: Iterable[_Facts]) -> bool:
    """Whether the spaces of these patterns are all on one connector (by name)."""
    names: set[str] = set()
    for fact in facts:
        names |= fact.names
        if len(names) > 1:
            return False
    return True


def _facts(analysis: Analysis, pattern: Pattern) -> _Facts:
    found = analysis._facts.get(id(pattern))
    if found is None:
        members = [(connector, space) for connector, space, _ in pattern.members]
        found = analysis._facts[id(pattern)] = _Facts(
            frozenset(connector.name for connector, _ in members),
            frozenset(connector.server.casefold() for connector, _ in members if connector.server),
            frozenset(analysis.topology.connector_site(connector) for connector, _ in members),
            frozenset(
                analysis.topology.connector_site(connector)
                for connector, space in members
                if not analysis.topology.restricted(space)
            ),
        )
    return found


def analyse(organization: Organization) -> Analysis:
    """The analysis of one organization, made once: every routing rule asks for the same. It is
    kept in the organization's `derived` facts, so it lives exactly as long as the organization
    the engine built for one run of the rules; each of its parts is computed when first asked for."""
    return remembered(organization.derived, "analysis", lambda: routing_view(organization))


def routing_view(organization: Organization) -> Analysis:
    """Topology and index: what `route` and `gwart` need (no organization-wide search)."""
    return Analysis(organization, build_topology(organization), build_index(organization))


def origins_for(topology: Topology, hosts: Iterable[str], only: str | None = None) -> list[Origin]:
    """Per site (or only site `only`): each server hosting a candidate, plus one server that hosts
    none (they all agree)."""
    folded = {host.casefold() for host in hosts}
    sites = sorted(topology.servers_of_site.items()) if only is None else [(only, topology.servers_of_site[only])]
    return [origin for site, servers in sites for origin in _site_origins(site, servers, folded)]


def _site_origins(site: str, servers: tuple[str, ...], folded: Iterable[str]) -> list[Origin]:
    """One site's share of `origins_for`; `folded` holds the hosts, case-folded."""
    if not servers:
        return [Origin(site, None)]
    origins = [Origin(site, server) for server in servers if server.casefold() in folded]
    neutral = next((server for server in servers if server.casefold() not in folded), None)
    if neutral is not None:
        origins.append(Origin(site, neutral))
    return origins


def _tie_class(group: PatternGroup) -> Hashable:
    """Patterns that may match a common recipient equally well share a class, decided before a
    witness is searched: a blank pattern is its own, weakest class, and a flat pattern's class
    and literal count are its own (`match_bound`). The witness settles the rest."""
    if group.type in ("X400", "MS", "EX"):
        return bool(group.address.strip())
    return match_bound(group.type, group.address)


def _search_ties(analysis: Analysis) -> Search:
    return search(analysis.index, _tie_class, MAX_TIE_PAIRS)


def tie_witnesses(analysis: Analysis) -> Iterable[Overlap]:
    """The overlaps whose recipient the tie search routes: those two address spaces on different
    connectors may rank equally for (the first overlap of each recipient)."""
    seen: set[Recipient] = set()
    for overlap in analysis.tie_search.overlaps:
        if overlap.first is not overlap.second and not _rank_alike(overlap):
            continue
        if overlap.witness not in seen:
            seen.add(overlap.witness)
            yield overlap


def _rank_alike(overlap: Overlap) -> bool:
    """Whether both patterns match the witness equally well (or neither does). The second
    pattern's literal count is known without matching, which often settles it."""
    first, second, witnessed = overlap.first, overlap.second, overlap.witness
    quality = match(first.type, first.address, witnessed)
    bound = match_bound(second.type, second.address)
    if quality is not None and (bound is None or bound.literals != quality.literals):
        return False
    return quality == match(second.type, second.address, witnessed)


_Found = dict[frozenset[tuple[str, str]], tuple[list[Candidate], list[Origin], Recipient]]


def _ties(analysis: Analysis) -> _Ties:
    topology = analysis.topology
    sites = sorted(topology.servers_of_site.items())
    found: _Found = {}
    stopped_at = None
    for overlap in tie_witnesses(analysis):
        if len(found) >= MAX_TIES:
            stopped_at = overlap.first
            break
        recipient = overlap.witness
        decisions = Decisions(analysis, recipient)  # not kept: most witnesses are asked about once
        if not decisions.contested():
            continue
        for site, servers in sites:
            if len({c.connector.name for c in decisions.best_from(site)}) < 2:
                continue  # locality only narrows the best further
            for origin in _site_origins(site, servers, decisions.hosts):
                outcome, kept = decisions.kept(origin)
                if outcome == LOAD_BALANCED:
                    _record(found, topology, origin, recipient, kept)
    ties = []
    for tied, origins, recipient in found.values():
        ordered = sorted(
            tied, key=lambda c: (c.space.implicit, c.space.location.path, c.space.location.region.start_line)
        )
        ties.append(Tie(tuple(ordered), tuple(origins), recipient))
    return _Ties(ties, stopped_at)


def _record(found: _Found, topology: Topology, origin: Origin, recipient: Recipient, kept: Sequence[Candidate]) -> None:
    """Add the origin to its tie when what the MTA keeps there is a load-balanced tie worth reporting."""
    members: dict[str, Candidate] = {}
    for candidate in kept:
        members.setdefault(candidate.name, candidate)
    if len(members) < 2 or all(candidate.space.implicit for candidate in members.values()):
        return  # one connector, or parallel links to one site: the MTA balances them, as designed
    key = frozenset((name, candidate.space.location.anchor) for name, candidate in members.items())
    if key not in found:
        local = [c.seen_from(topology.is_local(c.connector, origin)) for c in members.values()]
        found[key] = (local, [], recipient)
    found[key][1].append(origin)


def _covers(topology: Topology, winner: tuple[Connector, AddressSpace], loser: tuple[Connector, AddressSpace]) -> bool:
    """Whoever can see the loser can see and reach the winner (scope, then site links)."""
    (w_connector, w_space), (l_connector, l_space) = winner, loser
    w_site, l_site = topology.connector_site(w_connector), topology.connector_site(l_connector)
    if w_space.scope != "organization" and (l_space.scope == "organization" or w_site != l_site):
        return False
    return w_site is not None and l_site is not None and w_site in topology.paths_from(l_site).costs


def _shadowed(analysis: Analysis) -> list[Shadow]:
    from exchange_lint.generations.exchange40_55.routing.overlap import pattern_groups

    topology = analysis.topology
    shadows = [Shadow(item.connector, item.space, item.reason) for item in analysis.index.ignored]
    groups = pattern_groups(analysis.index)
    wide: dict[str, list[tuple[Connector, AddressSpace]]] = {}
    for group in groups:
        if group.address.strip() and matches_everything(group.type, group.address):
            wide.setdefault(group.type, []).extend(group.members)
    stars = {space_type: _FirstStar(topology, members) for space_type, members in wide.items()}
    for group in groups:
        if not group.address.strip():
            if group.type in stars:
                shadows.extend(_blank_shadows(group, stars[group.type]))
        elif len(group.connectors) > 1:
            shadows.extend(_cost_shadows(topology, group))
    return [shadow for shadow in shadows if not shadow.space.implicit]


class _FirstStar:
    """The first `*` space (in declaration order) that covers a blank one (`_covers`), found per
    site of the blank one, not per pair."""

    def __init__(self, topology: Topology, stars: list[tuple[Connector, AddressSpace]]) -> None:
        self.topology = topology
        self.stars = stars
        self.first: dict[tuple[str, bool], int] = {}  # (star's site, organization-wide) → first index
        for number, (connector, space) in enumerate(stars):
            home = topology.connector_site(connector)
            if home is not None:
                self.first.setdefault((home, space.scope == "organization"), number)
        self.found: dict[tuple[str, bool], tuple[Connector, AddressSpace] | None] = {}

    def covering(self, loser: tuple[Connector, AddressSpace]) -> tuple[Connector, AddressSpace] | None:
        home = self.topology.connector_site(loser[0])
        if home is None:
            return None
        wide = loser[1].scope == "organization"
        if (home, wide) not in self.found:
            reached = self.topology.paths_from(home).costs
            numbers = [n for (site, org), n in self.first.items() if org and site in reached]
            if not wide:  # a star scoped to the same site covers a scoped blank one
                numbers += [n for (site, org), n in self.first.items() if not org and site == home]
            self.found[(home, wide)] = self.stars[min(numbers)] if numbers else None
        return self.found[(home, wide)]


def _blank_shadows(group: PatternGroup, stars: _FirstStar) -> Iterable[Shadow]:
    """A `*` space beats a blank one whatever the costs (Q152471, Q193322)."""
    for member in group.members:
        winner = stars.covering(member)
        if winner is not None:
            yield Shadow(member[0], member[1], "blank loses to `*` on match class, before cost", winner)


def _cost_shadows(topology: Topology, group: PatternGroup) -> Iterable[Shadow]:
    """The same pattern cheaper on a gateway in the same site: gateways never hand mail back
    (BORES-MTA), and no site link stands between, so the dearer route is never even a backup.
    Both are equally far from any other site, so the cheaper one wins from everywhere.

    For each loser, the first member (in declaration order) that covers it (`_covers`) and costs
    less, found per site by cost, not by trying every member."""
    by_site: dict[str, tuple[_Cheaper, _Cheaper]] = {}
    placed: dict[str, list[tuple[int, tuple[Connector, AddressSpace]]]] = {}
    for number, member in enumerate(group.members):
        home = topology.connector_site(member[0])
        if home is not None and member[0].kind not in SITE_TO_SITE:
            placed.setdefault(home, []).append((number, member))
    for home, members in placed.items():
        wide = [(number, member) for number, member in members if member[1].scope == "organization"]
        by_site[home] = (_Cheaper(wide), _Cheaper(members))
    for loser in group.members:
        home = topology.connector_site(loser[0])
        if home is None or home not in by_site:
            continue
        # An organization-wide loser is covered only by organization-wide winners; a scoped one by any.
        cheaper = by_site[home][0 if loser[1].scope == "organization" else 1]
        winner = cheaper.first(loser[1].cost, loser[0].name)
        if winner is not None:
            yield Shadow(loser[0], loser[1], "the same pattern costs less on an always-active gateway", winner)


class _Cheaper:
    """Members by cost: the first (in declaration order) costing less than a given cost, on
    another connector than a given one."""

    def __init__(self, members: list[tuple[int, tuple[Connector, AddressSpace]]]) -> None:
        by_cost = sorted(members, key=lambda item: item[1][1].cost)
        self.costs = [member[1].cost for _, member in by_cost]
        self.members = dict(members)
        # After the k cheapest: the earliest member of the earliest two connectors among them.
        self.earliest: list[tuple[tuple[int, str] | None, tuple[int, str] | None]] = [(None, None)]
        one: tuple[int, str] | None = None
        two: tuple[int, str] | None = None
        for number, (connector, _) in by_cost:
            name = connector.name
            if one is not None and name == one[1]:
                one = min(one, (number, name))
            elif two is not None and name == two[1]:
                two = min(two, (number, name))
                if two < one:  # type: ignore[operator]
                    one, two = two, one
            elif one is None or number < one[0]:
                one, two = (number, name), one
            elif two is None or number < two[0]:
                two = (number, name)
            self.earliest.append((one, two))

    def first(self, cost: int, name: str) -> tuple[Connector, AddressSpace] | None:
        one, two = self.earliest[bisect_left(self.costs, cost)]
        chosen = one if one is not None and one[1] != name else two
        return self.members[chosen[0]] if chosen is not None else None


def fate(analysis: Analysis, connector: Connector, space: AddressSpace, site: str | None = None) -> Fate | None:
    """Route a typical recipient of the space from every origin that can decide differently
    (only from `site`, when given)."""
    recipient = analysis.witness(space)
    if recipient is None or analysis.oversized:
        return None
    decisions = analysis.decisions(recipient)
    always: list[Origin] = []
    sometimes: list[tuple[Origin, int]] = []
    never: list[Origin] = []
    for origin in origins_for(analysis.topology, decisions.hosts, site):
        chosen = decisions.chosen(origin)
        if connector.name not in chosen:
            never.append(origin)
        elif len(chosen) == 1:
            always.append(origin)
        else:
            sometimes.append((origin, len(chosen)))
    return Fate(tuple(always), tuple(sometimes), tuple(never), recipient)
