"""Connector selection for one recipient from one origin, step by step (DESIGN §9).

Exchange 2007–SE narrows the Send connectors in a fixed order ("Connector selection"): message
size, then enabled, in scope and with a matching address space, then the most specific match,
the lowest aggregate cost, the fewest hops, and last the connector whose name sorts lowest. The
order leaves nothing to chance: unlike 4.0–5.5 (EXL103) there is never a random pick.

`select` is the one place these steps are written; `route`, `routing_tests` (EXL106), the
analysis behind the EXL11x rules and the per-site table all call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from exchange_lint.addresses import Recipient
from exchange_lint.generations.exchange2007_se.model import AUTHORITATIVE, AddressSpace, SendConnector
from exchange_lint.generations.exchange2007_se.routing.spaces import SMTP, Specificity, covers, domain_of, specificity
from exchange_lint.generations.exchange2007_se.routing.topology import Origin, Topology

DETERMINISTIC = "deterministic"
LOCAL = "local"
NO_ROUTE = "no-route"
# What a message without a connector becomes (DESIGN §9): SMTP waits in the Unreachable queue,
# anything else (or a message too large for every connector) is returned.
UNREACHABLE = "unreachable"
NDR = "ndr"

# The hop counts of the hops step: the source server is the origin, is in its site, is remote.
HOP_NAMES = ("the origin itself", "the origin's site", "a remote site")


class Entry(NamedTuple):
    """An address space that matches the recipient, before anything about the origin is known."""

    connector: SendConnector
    space: AddressSpace
    specificity: Specificity


class Candidate(NamedTuple):
    """An entry seen from an origin: what reaching its nearest source server costs, and how far."""

    connector: SendConnector
    space: AddressSpace
    specificity: Specificity
    link_cost: int | None  # None: no source server the site links reach
    source: str | None  # the nearest source server
    hops: int  # 0 the origin is a source server, 1 one is in its site, 2 remote

    @property
    def name(self) -> str:
        return self.connector.name

    @property
    def cost(self) -> int | None:
        """The aggregate cost: site links to the nearest source server plus the address space's cost."""
        return None if self.link_cost is None else self.link_cost + self.space.cost


class Step(NamedTuple):
    """One step of selection: what it kept, and why. The reason names what was kept and dropped
    and is written when read: a routing test that only checks the verdict weighs hundreds of
    candidates per origin and never reads it."""

    name: str
    kept: tuple[Candidate, ...]
    why: str
    before: tuple[Candidate, ...] | None = None  # None: `why` is the whole reason

    @property
    def reason(self) -> str:
        if self.before is None:
            return self.why
        still = {id(c) for c in self.kept}  # by identity: comparing candidates field by field was quadratic
        dropped = [c for c in self.before if id(c) not in still]
        reason = f"{self.why}: kept {_names(self.kept)}"
        return reason + (f"; dropped {_names(dropped)}" if dropped else "")


class Route(NamedTuple):
    origin: Origin
    recipient: Recipient
    size: int | None
    candidates: tuple[Candidate, ...]
    steps: tuple[Step, ...]
    outcome: str  # deterministic | local | no-route
    verdict: str  # the connector's name, `local`, `unreachable` or `ndr`
    decided_by: str  # the step that left one connector (or none)

    @property
    def selected(self) -> tuple[str, ...]:
        return (self.verdict,) if self.outcome == DETERMINISTIC else ()

    @property
    def winner(self) -> Candidate | None:
        """The winning address space (None unless deterministic)."""
        return self.steps[-1].kept[0] if self.outcome == DETERMINISTIC else None


def entries_for(connectors: Iterable[SendConnector], recipient: Recipient) -> list[Entry]:
    """Every address space matching the recipient (the linear way; the analysis uses an index)."""
    found = []
    for connector in connectors:
        for space in connector.address_spaces:
            how = specificity(space.type, space.address, recipient)
            if how is not None:
                found.append(Entry(connector, space, how))
    return found


def local_domain(topology: Topology, recipient: Recipient) -> str | None:
    """The Authoritative accepted domain the recipient belongs to (exactly or as `*.parent`)."""
    if recipient.type != SMTP:
        return None
    domain = domain_of(recipient)
    for accepted in topology.organization.accepted_domains:
        if accepted.type == AUTHORITATIVE and accepted.domain.strip() != "*" and covers(accepted.domain, domain):
            return accepted.domain
    return None


def seen_from(topology: Topology, origin: Origin, entry: Entry) -> Candidate:
    reach = topology.nearest(entry.connector, origin.site)
    if reach is None:
        return Candidate(entry.connector, entry.space, entry.specificity, None, None, 2)
    if origin.server is not None and origin.server.casefold() in topology.source_names(entry.connector):
        return Candidate(entry.connector, entry.space, entry.specificity, 0, origin.server, 0)
    return Candidate(
        entry.connector, entry.space, entry.specificity, reach.cost, reach.server, 1 if reach.site == origin.site else 2
    )


def _names(candidates: Iterable[Candidate]) -> str:
    names = sorted({c.name for c in candidates})
    return ", ".join(f"'{n}'" for n in names) if names else "none"


def _step(name: str, kept: Sequence[Candidate], before: Sequence[Candidate], why: str) -> Step:
    return Step(name, tuple(kept), why, tuple(before))


def _narrow(origin: Origin, topology: Topology, size: int | None, candidates: Sequence[Candidate]) -> list[Step]:
    """The steps in Exchange's order, each over what the one before kept."""
    steps: list[Step] = []
    kept = list(candidates)
    if size is None:
        steps.append(Step("size", tuple(kept), "no message size given: every connector's limit allows it"))
    else:
        fits = [c for c in kept if c.connector.max_message_size.allows(size)]
        steps.append(_step("size", fits, kept, f"max_message_size allows {size:,} bytes"))
        kept = fits
    enabled = [c for c in kept if c.connector.enabled]
    steps.append(_step("enabled", enabled, kept, "enabled"))
    visible = [c for c in enabled if topology.visible(c.connector, origin.site)]
    steps.append(_step("scope", visible, enabled, f"in scope from site {origin.site} (scoped connectors only there)"))
    linked = [c for c in visible if c.link_cost is not None]
    steps.append(_step("source", linked, visible, "a source server the site links reach"))
    kept = linked
    if not kept:
        return steps
    best = max(c.specificity for c in kept)
    steps.append(_step("match", [c for c in kept if c.specificity == best], kept, f"most specific match is {best}"))
    kept = list(steps[-1].kept)
    lowest = min(c.cost or 0 for c in kept)
    steps.append(_step("cost", [c for c in kept if c.cost == lowest], kept, f"lowest aggregate cost is {lowest}"))
    kept = list(steps[-1].kept)
    fewest = min(c.hops for c in kept)
    steps.append(_step("hops", [c for c in kept if c.hops == fewest], kept, f"nearest source is {HOP_NAMES[fewest]}"))
    kept = list(steps[-1].kept)
    first = min(kept, key=lambda c: (c.name.casefold(), c.name))
    # One connector with several equal spaces stays one choice: its first such space stands for it.
    steps.append(_step("name", [first], kept, "the connector whose name sorts lowest (never random)"))
    return steps


def _decided_by(candidates: Sequence[Candidate], steps: Sequence[Step]) -> str:
    """The first step that narrowed the connectors to one (or none); `match` when only one matched."""
    before = {c.name for c in candidates}
    for step in steps:
        now = {c.name for c in step.kept}
        if len(now) < len(before) and len(now) <= 1:
            return step.name
        before = now
    return "match"


def _no_route(recipient: Recipient, size: int | None, visible: Sequence[Candidate]) -> str:
    """`ndr` for a non-SMTP recipient, or for a message too large for every connector that would
    route it (enabled, in scope, reached); `unreachable` for SMTP otherwise."""
    would = [c for c in visible if c.connector.enabled and c.link_cost is not None]
    if size is not None and would and not any(c.connector.max_message_size.allows(size) for c in would):
        return NDR
    return UNREACHABLE if recipient.type == SMTP else NDR


def select(
    topology: Topology,
    origin: Origin,
    recipient: Recipient,
    entries: Sequence[Entry],
    size: int | None = None,
    candidates: tuple[Candidate, ...] | None = None,
) -> Route:
    """Narrow the matching entries as the transport service on `origin` would; `candidates`, when
    given, are the entries as `seen_from` sees them from `origin`, worked out by the caller."""
    domain = local_domain(topology, recipient)
    if domain is not None:
        step = Step("local", (), f"{recipient} is in the Authoritative accepted domain {domain}: delivered inside")
        return Route(origin, recipient, size, (), (step,), LOCAL, LOCAL, "local")
    if candidates is None:
        candidates = tuple(seen_from(topology, origin, entry) for entry in entries)
    if not candidates:
        reason = f"no address space of type {recipient.type} matches {recipient}"
        verdict = UNREACHABLE if recipient.type == SMTP else NDR
        return Route(origin, recipient, size, (), (Step("match", (), reason),), NO_ROUTE, verdict, "match")
    steps = _narrow(origin, topology, size, candidates)
    decided_by = _decided_by(candidates, steps)
    if not steps[-1].kept:
        visible = [c for c in candidates if topology.visible(c.connector, origin.site)]
        verdict = _no_route(recipient, size, visible)
        return Route(origin, recipient, size, candidates, tuple(steps), NO_ROUTE, verdict, decided_by)
    return Route(origin, recipient, size, candidates, tuple(steps), DETERMINISTIC, steps[-1].kept[0].name, decided_by)
