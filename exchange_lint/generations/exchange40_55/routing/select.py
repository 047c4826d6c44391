"""Route selection for one recipient from one origin, step by step, as the MTA narrows it.

Steady state (nothing retrying, every connector healthy; domain doc §1.7): the candidates are the
address spaces of the recipient's type that match it and are visible from the origin; then the
best match class wins, then the lowest cost, then a connector on the routing server, then a random
pick among what is left (Q193322, BORES-MTA).

Each step is one function here. `select` explains them, and the organization-wide analysis
(`analysis.Decisions`) applies the same functions per site and then per server: both come to the
same answer because they share the steps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from exchange_lint.addresses import Match, Recipient
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector
from exchange_lint.generations.exchange40_55.routing.topology import Origin, Paths, Topology, in_scope

DETERMINISTIC = "deterministic"
LOAD_BALANCED = "load-balanced"
NO_ROUTE = "no-route"
LOCAL = "local"

# Why an entry is no candidate from an origin.
OUT_OF_SCOPE = "scope"
NO_SITE = "no site"
NOT_LINKED = "not linked"


class Entry(NamedTuple):
    """An address space that matches the recipient, before anything about the origin is known."""

    connector: Connector
    space: AddressSpace
    match: Match


class Candidate:
    """An entry as seen from an origin: its end-to-end cost and whether it is on the routing
    server. Made by the thousand, so a plain slotted class (treat it as read-only); equal when
    connector, space, match, cost and locality are."""

    __slots__ = ("connector", "cost", "home", "local", "match", "reach", "space")
    __hash__ = None  # type: ignore[assignment]  # equal by value, yet changeable: never a key

    def __init__(
        self, connector: Connector, space: AddressSpace, match: Match, cost: int, local: bool, home: str, reach: Paths
    ) -> None:
        self.connector = connector
        self.space = space
        self.match = match
        self.cost = cost
        self.local = local
        self.home = home
        self.reach = reach

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Candidate):
            return NotImplemented
        return (self.connector, self.space, self.match, self.cost, self.local) == (
            other.connector,
            other.space,
            other.match,
            other.cost,
            other.local,
        )

    def __repr__(self) -> str:
        return f"Candidate({self.name!r}, {self.space.text!r}, cost={self.cost}, local={self.local})"

    def seen_from(self, local: bool) -> Candidate:
        """The same candidate, on the routing server or not."""
        return Candidate(self.connector, self.space, self.match, self.cost, local, self.home, self.reach)

    @property
    def name(self) -> str:
        return self.connector.name

    @property
    def path(self) -> tuple[str, ...]:
        """The sites from the origin's to the connector's, both included."""
        return self.reach.chain(self.home)


class Step(NamedTuple):
    name: str
    kept: tuple[Candidate, ...]
    reason: str


class Route(NamedTuple):
    origin: Origin
    recipient: Recipient
    candidates: tuple[Candidate, ...]
    steps: tuple[Step, ...]
    outcome: str
    hops: tuple[Route, ...] = ()  # earlier sites' selections that handed the message on, in order

    @property
    def selected(self) -> tuple[Candidate, ...]:
        return self.steps[-1].kept if self.steps and self.outcome not in (NO_ROUTE, LOCAL) else ()

    @property
    def first(self) -> Route:
        """The origin's own selection: the route itself, or the first hop when it was handed on."""
        return self.hops[0] if self.hops else self


def _names(candidates: Iterable[Candidate]) -> str:
    names = sorted({c.name for c in candidates})
    return ", ".join(f"'{n}'" for n in names) if names else "none"


def _keep(name: str, kept: Sequence[Candidate], dropped: Sequence[Candidate], why: str) -> Step:
    reason = f"{why}: kept {_names(kept)}"
    if dropped:
        reason += f"; dropped {_names(dropped)}"
    return Step(name, tuple(kept), reason)


class Placed(NamedTuple):
    """An entry with where its connector is, worked out once for every origin it is seen from:
    its site (None: in no known site) and whether a 5.5 restriction keeps it to that site."""

    entry: Entry
    home: str | None
    restricted: bool


def place(topology: Topology, entries: Iterable[Entry]) -> list[Placed]:
    return [
        Placed(entry, topology.connector_site(entry.connector), topology.restricted(entry.space)) for entry in entries
    ]


def distance(home: str | None, restricted: bool, site: str, paths: Paths) -> int | str:
    """The cost of the site links from a site (`paths` are the site's) to a connector's site, or
    why the connector is no candidate there (`OUT_OF_SCOPE`, `NO_SITE`, `NOT_LINKED`): its scope
    hides it, it is in no known site, or no site link reaches it."""
    if not in_scope(restricted, home, site):
        return OUT_OF_SCOPE
    if home is None:
        return NO_SITE
    cost = paths.costs.get(home)
    return NOT_LINKED if cost is None else cost


def reach(placed: Placed, site: str, paths: Paths) -> int | str:
    """The entry's end-to-end cost from a site: its own cost plus the site links' (`distance`)."""
    cost = distance(placed.home, placed.restricted, site, paths)
    return cost if isinstance(cost, str) else placed.entry.space.cost + cost


def candidate(topology: Topology, origin: Origin, paths: Paths, placed: Placed) -> Candidate | str:
    """The entry as a candidate from the origin, or why it is none (see `reach`)."""
    cost = reach(placed, origin.site, paths)
    return cost if isinstance(cost, str) else _candidate(topology, origin, paths, placed, cost)


def _candidate(topology: Topology, origin: Origin, paths: Paths, placed: Placed, cost: int) -> Candidate:
    entry, home = placed.entry, placed.home
    assert home is not None
    local = topology.is_local(entry.connector, origin)
    return Candidate(entry.connector, entry.space, entry.match, cost, local, home, paths)


def _hidden(topology: Topology, origin: Origin, entry: Entry, why: str) -> str:
    connector, space = entry.connector, entry.space
    if why == OUT_OF_SCOPE:
        return f"'{connector.name}' ({space.text}: scope {space.scope})"
    if why == NO_SITE:
        return f"'{connector.name}' (in no known site: it names no server the sites declare)"
    return f"'{connector.name}' (site {topology.connector_site(connector)} is not linked to site {origin.site})"


def best_class(candidates: Sequence[Candidate]) -> tuple[Match, list[Candidate]]:
    """The best match class wins first, whatever the costs (Q193322, Q152471)."""
    best = max(c.match for c in candidates)
    return best, [c for c in candidates if c.match == best]


def cheapest(candidates: Sequence[Candidate]) -> tuple[int, list[Candidate]]:
    """Then the lowest end-to-end cost (XCP09007)."""
    lowest = min(c.cost for c in candidates)
    return lowest, [c for c in candidates if c.cost == lowest]


def on_routing_server(topology: Topology, origin: Origin, kept: Sequence[Candidate]) -> list[Candidate]:
    """Then a connector on this MTA's own server over one elsewhere in the site (BORES-MTA): it
    narrows what is left only when a routing server is named and holds some, not all, of it."""
    if origin.server is None:
        return list(kept)
    local = [c for c in kept if topology.is_local(c.connector, origin)]
    return local if 0 < len(local) < len(kept) else list(kept)


def outcome_of(kept: Sequence[Candidate]) -> str:
    """More than one connector left: the MTA picks one at random (load-balanced)."""
    return LOAD_BALANCED if len({c.connector.name for c in kept}) > 1 else DETERMINISTIC


class Located(NamedTuple):
    """The entries of one match class whose connectors share a site and a restriction: they are
    seen, and reached, alike from every site (`distance`), so they are weighed together."""

    home: str | None
    restricted: bool
    members: list[tuple[int, Placed]]  # (place in the class, entry)
    cheapest: int  # the lowest cost of an address space among them


def locate(placed: Sequence[Placed]) -> list[Located]:
    """One match class's entries by connector site and restriction."""
    groups: dict[tuple[str | None, bool], list[tuple[int, Placed]]] = {}
    for number, item in enumerate(placed):
        groups.setdefault((item.home, item.restricted), []).append((number, item))
    return [
        Located(home, restricted, members, min(item.entry.space.cost for _, item in members))
        for (home, restricted), members in groups.items()
    ]


def best_from_site(topology: Topology, site: str, classes: Iterable[Sequence[Located]]) -> list[Candidate]:
    """Match class, then cost, as seen from a site (neither depends on the server): `best_class`
    and `cheapest` over every visible candidate, looking at a class only when no better one is
    visible. The candidates' `local` is for no server in particular; `on_routing_server` decides."""
    paths = topology.paths_from(site)
    for located in classes:
        lowest = 0
        chosen: list[Located] = []  # the groups holding the cheapest
        for group in located:
            cost = distance(group.home, group.restricted, site, paths)
            if isinstance(cost, str):
                continue
            if not chosen or group.cheapest + cost < lowest:
                lowest, chosen = group.cheapest + cost, [group]
            elif group.cheapest + cost == lowest:
                chosen.append(group)
        if chosen:
            origin = Origin(site, None)
            cheap = sorted(
                (number, item)
                for group in chosen
                for number, item in group.members
                if item.entry.space.cost == group.cheapest
            )
            return [_candidate(topology, origin, paths, item, lowest) for _, item in cheap]
    return []


def choose(
    topology: Topology, origin: Origin, recipient: Recipient, best_from: Callable[[str], Sequence[Candidate]]
) -> tuple[str, tuple[Candidate, ...]]:
    """The outcome and what is left from the origin, given the best candidates of its site
    (`best_from_site`, which callers may keep per site): a recipient of the origin's own site is
    delivered there, then the routing server's own connectors are preferred."""
    if topology.local_recipient(origin, recipient) is not None:
        return LOCAL, ()
    best = best_from(origin.site)
    if not best:
        return NO_ROUTE, ()
    kept = on_routing_server(topology, origin, best)
    return outcome_of(kept), tuple(kept)


def select(topology: Topology, origin: Origin, recipient: Recipient, entries: Sequence[Entry]) -> Route:
    """Narrow the matching entries as the MTA on `origin` would."""
    steps: list[Step] = []
    local_reason = topology.local_recipient(origin, recipient)
    if local_reason is not None:
        reason = f"{recipient} is a recipient of the origin's own site: {local_reason}; the MTA delivers it locally"
        return Route(origin, recipient, (), (Step("local", (), reason),), LOCAL)
    paths = topology.paths_from(origin.site)
    visible: list[Candidate] = []
    hidden: list[str] = []
    for placed in place(topology, entries):
        costed = candidate(topology, origin, paths, placed)
        if isinstance(costed, str):
            hidden.append(_hidden(topology, origin, placed.entry, costed))
        else:
            visible.append(costed)
    candidates = tuple(visible)
    if not entries:
        reason = f"no address space of type {recipient.type} matches {recipient}"
        return Route(origin, recipient, (), (Step("match", (), reason),), NO_ROUTE)
    reason = f"{len(entries)} address space(s) match {recipient}"
    if hidden:
        reason += f"; not visible from {origin}: {'; '.join(sorted(hidden))}"
    steps.append(Step("match", candidates, reason))
    if not candidates:
        return Route(origin, recipient, candidates, tuple(steps), NO_ROUTE)
    best, kept = best_class(candidates)
    steps.append(
        _keep("match class", kept, [c for c in candidates if c.match != best], f"best match is {best} (before cost)")
    )
    lowest, cheap = cheapest(kept)
    steps.append(_keep("cost", cheap, [c for c in kept if c.cost != lowest], f"lowest cost is {lowest}"))
    narrowed = on_routing_server(topology, origin, cheap)
    if origin.server is None:
        steps.append(Step("locality", tuple(cheap), f"origin is {origin}, no routing server named: not applied"))
    elif len(narrowed) < len(cheap):
        dropped = [c for c in cheap if not c.local]
        steps.append(_keep("locality", narrowed, dropped, f"on the routing server {origin.server}"))
    else:
        where = f"all on {origin.server}" if any(c.local for c in cheap) else f"none on {origin.server}"
        steps.append(Step("locality", tuple(cheap), f"{where}: no preference"))
    connectors = {c.connector.name for c in narrowed}
    if outcome_of(narrowed) == LOAD_BALANCED:
        share = f"about 1/{len(connectors)} each"
        steps.append(Step("random", tuple(narrowed), f"the MTA picks one of {len(connectors)} at random ({share})"))
        return Route(origin, recipient, candidates, tuple(steps), LOAD_BALANCED)
    return Route(origin, recipient, candidates, tuple(steps), DETERMINISTIC)


def deciding_reason(route: Route) -> str:
    """The reason of the last step that decided something: locality counts only when it narrowed."""
    return next((step.reason for step in reversed(route.steps) if step.name != "locality" or "kept" in step.reason), "")


def next_site(candidate: Candidate) -> str | None:
    """The site a message for this candidate is handed to first: the next on the path, or None
    when the connector is in the site routing it."""
    return candidate.path[1] if len(candidate.path) > 1 else None


def follow(topology: Topology, origin: Origin, recipient: Recipient, entries: Sequence[Entry]) -> Route:
    """Route hop by hop (Q279404): a message for a connector in another site is handed over the
    first site link on the way, and the MTA of the next site chooses again, with its own view
    (its site-scoped routes now visible). It is followed while every connector left is reached
    through the same next site; it stops at a site already visited, so a loop shows as the hop
    that would close it."""
    route = select(topology, origin, recipient, entries)
    earlier: list[Route] = []
    seen = {origin.site}
    while route.outcome in (DETERMINISTIC, LOAD_BALANCED):
        sites = {next_site(candidate) for candidate in route.selected}
        if len(sites) != 1:
            break
        (site,) = sites
        if site is None or site in seen:
            break
        seen.add(site)
        earlier.append(route)
        route = select(topology, Origin(site, None), recipient, entries)
    return route._replace(hops=tuple(earlier)) if earlier else route
