"""Route selection for one recipient from one origin, step by step, as the MTA narrows it.

Steady state (nothing retrying, every connector healthy; domain doc §1.7): the candidates are the
address spaces of the recipient's type that match it and are visible from the origin; then the
best match class wins, then the lowest cost, then a connector on the routing server, then a random
pick among what is left (Q193322, BORES-MTA).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from exchange_lint.addresses import Match, Recipient
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector
from exchange_lint.generations.exchange40_55.routing.topology import Origin, Topology

DETERMINISTIC = "deterministic"
LOAD_BALANCED = "load-balanced"
NO_ROUTE = "no-route"
LOCAL = "local"


@dataclass(frozen=True)
class Entry:
    """An address space that matches the recipient, before anything about the origin is known."""

    connector: Connector
    space: AddressSpace
    match: Match


@dataclass(frozen=True)
class Candidate:
    connector: Connector
    space: AddressSpace
    match: Match
    cost: int
    path: tuple[str, ...]
    local: bool

    @property
    def name(self) -> str:
        return self.connector.name


@dataclass(frozen=True)
class Step:
    name: str
    kept: tuple[Candidate, ...]
    reason: str


@dataclass(frozen=True)
class Route:
    origin: Origin
    recipient: Recipient
    candidates: tuple[Candidate, ...]
    steps: tuple[Step, ...]
    outcome: str
    hops: tuple[Route, ...] = ()  # earlier sites' selections that handed the message on, in order

    @property
    def selected(self) -> tuple[Candidate, ...]:
        return self.steps[-1].kept if self.steps and self.outcome not in (NO_ROUTE, LOCAL) else ()


def _names(candidates: Iterable[Candidate]) -> str:
    names = sorted({c.name for c in candidates})
    return ", ".join(f"'{n}'" for n in names) if names else "none"


def _keep(name: str, kept: Sequence[Candidate], dropped: Sequence[Candidate], why: str) -> Step:
    reason = f"{why}: kept {_names(kept)}"
    if dropped:
        reason += f"; dropped {_names(dropped)}"
    return Step(name, tuple(kept), reason)


def candidate(
    topology: Topology, origin: Origin, paths: dict[str, tuple[int, tuple[str, ...]]], entry: Entry
) -> Candidate | str:
    """The entry as a candidate from the origin, or why it is not one (scope, no site, no site path)."""
    connector, space = entry.connector, entry.space
    if not topology.visible(space, connector, origin):
        return f"'{connector.name}' ({space.text}: scope {space.scope})"
    home = topology.connector_site(connector)
    if home is None:
        return f"'{connector.name}' (in no known site: it names no server the sites declare)"
    reach = paths.get(home)
    if reach is None:
        return f"'{connector.name}' (site {home} is not linked to site {origin.site})"
    here = topology.is_local(connector, origin)
    return Candidate(connector, space, entry.match, space.cost + reach[0], reach[1], here)


def _best_and_cheapest(candidates: Sequence[Candidate]) -> tuple[Match, list[Candidate], int, list[Candidate]]:
    """Steps 5 and 6: the best match class, then the lowest cost among those."""
    best = max(c.match for c in candidates)
    kept = [c for c in candidates if c.match == best]
    lowest = min(c.cost for c in kept)
    return best, kept, lowest, [c for c in kept if c.cost == lowest]


def _narrows_to_local(origin: Origin, kept: Sequence[Candidate]) -> bool:
    """Step 7 applies: a routing server is named and holds some, not all, of what is left."""
    local = sum(1 for c in kept if c.local)
    return origin.server is not None and 0 < local < len(kept)


def selection(
    topology: Topology, origin: Origin, recipient: Recipient, entries: Sequence[Entry]
) -> tuple[str, tuple[Candidate, ...]]:
    """The outcome and the selected candidates of `select`, without the explained steps: what
    rules that route many recipients from many origins need."""
    if topology.local_recipient(origin, recipient) is not None:
        return LOCAL, ()
    paths = topology.paths_from(origin.site)
    candidates = [c for c in (candidate(topology, origin, paths, entry) for entry in entries) if not isinstance(c, str)]
    if not candidates:
        return NO_ROUTE, ()
    kept = _best_and_cheapest(candidates)[3]
    if _narrows_to_local(origin, kept):
        kept = [c for c in kept if c.local]
    outcome = LOAD_BALANCED if len({c.connector.name for c in kept}) > 1 else DETERMINISTIC
    return outcome, tuple(kept)


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
    for entry in entries:
        costed = candidate(topology, origin, paths, entry)
        if isinstance(costed, str):
            hidden.append(costed)
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
    best, kept, lowest, cheapest = _best_and_cheapest(candidates)
    steps.append(
        _keep("match class", kept, [c for c in candidates if c.match != best], f"best match is {best} (before cost)")
    )
    steps.append(_keep("cost", cheapest, [c for c in kept if c.cost != lowest], f"lowest cost is {lowest}"))
    kept = cheapest
    local = [c for c in kept if c.local]
    if origin.server is None:
        steps.append(Step("locality", tuple(kept), f"origin is {origin}, no routing server named: not applied"))
    elif _narrows_to_local(origin, kept):
        dropped = [c for c in kept if not c.local]
        steps.append(_keep("locality", local, dropped, f"on the routing server {origin.server}"))
        kept = local
    else:
        where = f"all on {origin.server}" if local else f"none on {origin.server}"
        steps.append(Step("locality", tuple(kept), f"{where}: no preference"))
    connectors = {c.connector.name for c in kept}
    if len(connectors) > 1:
        share = f"about 1/{len(connectors)} each"
        steps.append(Step("random", tuple(kept), f"the MTA picks one of {len(connectors)} at random ({share})"))
        return Route(origin, recipient, candidates, tuple(steps), LOAD_BALANCED)
    return Route(origin, recipient, candidates, tuple(steps), DETERMINISTIC)


def follow(topology: Topology, origin: Origin, recipient: Recipient, entries: Sequence[Entry]) -> Route:
    """Route hop by hop (Q279404): when every connector left sits in one other site, that site's MTA
    chooses again, with its own view (its site-scoped routes now visible). Stops at a site already
    visited, so a loop shows as the hop that would close it."""
    route = select(topology, origin, recipient, entries)
    earlier: list[Route] = []
    seen = {origin.site}
    while route.outcome in (DETERMINISTIC, LOAD_BALANCED):
        sites = {topology.connector_site(candidate.connector) for candidate in route.selected}
        if len(sites) != 1:
            break
        (site,) = sites
        if site is None or site in seen:
            break
        seen.add(site)
        earlier.append(route)
        route = select(topology, Origin(site, None), recipient, entries)
    return replace(route, hops=tuple(earlier)) if earlier else route
