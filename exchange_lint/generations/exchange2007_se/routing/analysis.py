"""Which connector wins each address space from each origin, and by which step: the facts the
EXL11x rules, `routing_tests` and the per-site table share, derived once per organization.

Nothing here compares address spaces pair by pair. SMTP spaces are indexed by domain (exact
spaces by their domain, `*.suffix` spaces by their suffix, `*` apart), so the spaces matching a
domain are found by walking its suffixes. Each distinct address space gets one probe: a
recipient that it matches and that no more specific declared space does (`ann@contoso.com` for
`contoso.com`, a fresh label under `*.contoso.com`, a fresh domain for `*`). Within a site, only
a connector's own source servers can choose differently (the hops step); every other server of
the site chooses as the site does, so one route stands for all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import NamedTuple

from exchange_lint.addresses import Recipient
from exchange_lint.generations.exchange2007_se.model import AddressSpace, Organization, SendConnector
from exchange_lint.generations.exchange2007_se.routing.select import (
    DETERMINISTIC,
    LOCAL,
    NDR,
    NO_ROUTE,
    UNREACHABLE,
    Entry,
    Route,
    local_domain,
    select,
)
from exchange_lint.generations.exchange2007_se.routing.spaces import (
    ANY,
    EDGE_SPACE,
    SMTP,
    domain_of,
    smtp_pattern,
    specificity,
)
from exchange_lint.generations.exchange2007_se.routing.topology import Origin, Topology

_KEY = "exchange2007_se.routing.analysis"
_FRESH = "x--probe"  # a label no one declares (checked), for recipients only a wildcard matches


class Probe(NamedTuple):
    """One recipient standing for every recipient an address space routes alike."""

    type: str
    pattern: str  # the address space as written in the index (SMTP folded)
    recipient: Recipient


class Decision:
    """The route a probe takes from a group of origins that all choose alike, kept compact.

    An analysis of 10,000 connectors has ~50,000 probes and hundreds of sites: a full `Route` (with
    its reason strings) for each pair took minutes and gigabytes. So a decision keeps the verdict,
    the deciding step and the winning address space; `route` is built when someone reads it (a
    rule reporting it, `route`, the property tests). A decision either covers whole sites
    (`sites`: each of their origins chooses alike, as where one connector is left after the match
    step) or names its origins (a group of one site where the later steps had to run).
    """

    __slots__ = (
        "_origins",
        "_route",
        "analysis",
        "decided_by",
        "outcome",
        "probe",
        "sites",
        "tied",
        "verdict",
        "winner",
    )

    def __init__(
        self,
        analysis: Analysis,
        probe: Probe,
        outcome: str,
        verdict: str,
        decided_by: str,
        winner: Entry | None,
        sites: tuple[str, ...] = (),
        origins: tuple[Origin, ...] = (),
        route: Route | None = None,
        tied: tuple[Entry, ...] = (),
    ) -> None:
        self.analysis, self.probe = analysis, probe
        self.outcome, self.verdict, self.decided_by, self.winner = outcome, verdict, decided_by, winner
        self.sites = sites
        # decided by name: the spaces left before the name step (the winner and its standbys)
        self.tied = tied
        self._origins: tuple[Origin, ...] | None = origins or None
        self._route = route

    @property
    def origins(self) -> tuple[Origin, ...]:
        """The origins decided alike, in the order the analysis visits them (site by site; in a
        site the servers that are no source of a matching connector first)."""
        if self._origins is None:
            return tuple(o for site in self.sites for o in self.analysis.site_origins(self.probe, site))
        return self._origins

    @property
    def route(self) -> Route:
        """The full route (steps and reasons) from the first origin, built on first use."""
        if self._route is None:
            self._route = self.analysis.route(self.origins[0], self.probe.recipient)
        return self._route

    def __repr__(self) -> str:
        return f"Decision({self.probe.type}:{self.probe.pattern}, {self.verdict}, {self.decided_by})"


class SpaceIndex:
    """The Send connectors' address spaces by domain (SMTP) or type (any other)."""

    def __init__(self, connectors: Sequence[SendConnector]) -> None:
        self.exact: dict[str, list[tuple[SendConnector, AddressSpace]]] = {}
        self.wildcard: dict[str, list[tuple[SendConnector, AddressSpace]]] = {}
        self.any: list[tuple[SendConnector, AddressSpace]] = []
        self.other: dict[str, list[tuple[SendConnector, AddressSpace]]] = {}
        for connector in connectors:
            for space in connector.address_spaces:
                item = (connector, space)
                if space.type != SMTP:
                    self.other.setdefault(space.type, []).append(item)
                    continue
                pattern = smtp_pattern(space.address)
                if pattern == ANY:
                    self.any.append(item)
                elif pattern.startswith("*.") and len(pattern) > 2:
                    self.wildcard.setdefault(pattern[2:], []).append(item)
                elif pattern and pattern != EDGE_SPACE and "*" not in pattern:
                    self.exact.setdefault(pattern, []).append(item)

    def entries(self, recipient: Recipient) -> list[Entry]:
        """The address spaces matching the recipient, in declaration order of the index."""
        if recipient.type == SMTP:
            domain = domain_of(recipient)
            labels = domain.split(".")
            items = list(self.exact.get(domain, ()))
            for start in range(len(labels)):
                items += self.wildcard.get(".".join(labels[start:]), ())
            items += self.any
        else:
            items = self.other.get(recipient.type, [])
        found = []
        for connector, space in items:
            how = specificity(space.type, space.address, recipient)
            if how is not None:
                found.append(Entry(connector, space, how))
        return found

    def _fresh(self, suffix: str) -> str:
        """A domain under `suffix` (or a top-level one) that no exact or wildcard space names."""
        label = _FRESH
        while True:
            domain = f"{label}.{suffix}" if suffix else f"{label}.{label}"
            if domain not in self.exact and domain not in self.wildcard and (suffix or label not in self.wildcard):
                return domain
            label += "-"

    def probes(self) -> Iterator[Probe]:
        """One probe per distinct address space, in a stable order."""
        for domain in sorted(self.exact):
            yield Probe(SMTP, domain, Recipient(SMTP, f"probe@{domain}"))
        for suffix in sorted(self.wildcard):
            yield Probe(SMTP, f"*.{suffix}", Recipient(SMTP, f"probe@{self._fresh(suffix)}"))
        if self.any:
            yield Probe(SMTP, ANY, Recipient(SMTP, f"probe@{self._fresh('')}"))
        for kind in sorted(self.other):
            for pattern in sorted({space.address for _, space in self.other[kind]}):
                recipient = Recipient(kind, pattern.replace("*", "x").replace("%", "x"))
                if specificity(kind, pattern, recipient) is not None:
                    yield Probe(kind, pattern, recipient)


class Analysis:
    """The routing facts of one organization, computed when first asked for."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.topology = Topology(organization)
        self.index = SpaceIndex(organization.send_connectors)
        self._entries: dict[Probe, list[Entry]] = {}
        self._probe_sources: dict[Probe, frozenset[str]] = {}
        self._site_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}  # kept alive: ids below
        self._site_sets: dict[int, frozenset[str]] = {}
        # With no negative site-link cost, a site reaches itself at cost 0, its cheapest
        self._links_nonnegative = all(link.cost >= 0 for link in organization.site_links)
        self._names: dict[int, frozenset[str]] = {}  # resolved source servers (folded) per connector (id)
        self._reach: dict[int, frozenset[str]] = {}  # source servers' components per connector (id)

    def route(self, origin: Origin, recipient: Recipient, size: int | None = None) -> Route:
        return select(self.topology, origin, recipient, self.index.entries(recipient), size)

    def entries(self, probe: Probe) -> list[Entry]:
        """The probe's matching entries, kept for the probes asked about (decisions, the table)."""
        known = self._entries.get(probe)
        if known is None:
            known = self._entries[probe] = self.index.entries(probe.recipient)
        return known

    def sources(self, probe: Probe) -> frozenset[str]:
        """The (folded) source servers of the connectors matching the probe: the servers that may
        choose on their own (the hops step)."""
        known = self._probe_sources.get(probe)
        if known is None:
            entries = self.entries(probe)
            known = frozenset(name.casefold() for e in entries for name in e.connector.source_transport_servers)
            self._probe_sources[probe] = known
        return known

    def groups_of_site(self, site: str, sources: frozenset[str]) -> list[tuple[Origin, ...]]:
        """The origins of one site that may choose differently: the servers that are a source of
        one of the matching connectors on their own, all other servers together (first)."""
        servers = self.topology.servers_of_site[site]
        if not servers:
            return [(Origin(site, None),)]
        found = []
        plain = tuple(Origin(site, s) for s in servers if s.casefold() not in sources)
        if plain:
            found.append(plain)
        found += [(Origin(site, s),) for s in servers if s.casefold() in sources]
        return found

    def site_origins(self, probe: Probe, site: str) -> tuple[Origin, ...]:
        """Every origin of the site, in the order of its groups for this probe."""
        return tuple(o for group in self.groups_of_site(site, self.sources(probe)) for o in group)

    def groups(self, entries: Sequence[Entry]) -> Iterator[tuple[Origin, tuple[Origin, ...]]]:
        """(the origin routed, the origins it stands for): per site, the servers that are a source
        of one of these connectors on their own, all other servers together."""
        sources = frozenset(name.casefold() for entry in entries for name in entry.connector.source_transport_servers)
        for site in self.topology.servers_of_site:
            for group in self.groups_of_site(site, sources):
                yield group[0], group

    def _shared(self, sites: list[str]) -> tuple[str, ...]:
        """One tuple object per distinct list of sites, so 50,000 decisions over the same sites
        hold one tuple between them."""
        key = tuple(sites)
        return self._site_tuples.setdefault(key, key)

    def _decide(self, probe: Probe) -> list[Decision]:
        """The probe's decisions. What does not depend on the origin is settled once: the local
        domain, the matching entries, the enabled ones. Sites then fall in classes that see the
        same connectors: those linked together (reachability), less the sites of a scoped matching
        connector's source servers (visibility). In a class where one connector is left after the
        match step, every origin selects it and its first cheapest space, decided by the first step
        that left one name: one decision for the class. Otherwise (several connectors survive the
        match step, or the site sees a scoped connector) the per-origin steps run group by group,
        exactly as `select` does."""
        topology = self.topology
        sites = list(topology.servers_of_site)
        recipient = probe.recipient
        none_verdict = UNREACHABLE if recipient.type == SMTP else NDR
        if local_domain(topology, recipient) is not None:
            return [Decision(self, probe, LOCAL, LOCAL, "local", None, sites=self._shared(sites))]
        entries = self.entries(probe)
        if not entries:
            return [Decision(self, probe, NO_ROUTE, none_verdict, "match", None, sites=self._shared(sites))]
        enabled = [e for e in entries if e.connector.enabled]
        all_names = len({e.connector.name for e in entries})
        enabled_names = len({e.connector.name for e in enabled})
        unscoped = [e for e in enabled if not e.connector.scoped]
        unscoped_names = len({e.connector.name for e in unscoped})
        special = {home for e in enabled if e.connector.scoped for home in topology.source_sites(e.connector)}
        classes: dict[str, list[str]] = {}
        for site in sites:
            if site not in special:
                classes.setdefault(topology.component(site), []).append(site)
        found: list[tuple[tuple[int, int], Decision]] = []
        position = {site: number for number, site in enumerate(sites)}
        per_group: list[str] = [site for site in sites if site in special]
        for component, members in classes.items():
            kept = [e for e in unscoped if component in self._components_of(e.connector)]
            reached = len({e.connector.name for e in kept})
            counts = [("enabled", enabled_names), ("scope", unscoped_names), ("source", reached)]
            if kept:
                best = max(e.specificity for e in kept)
                top = [e for e in kept if e.specificity == best]
                if len({e.connector.name for e in top}) > 1:
                    per_group += members
                    continue
                counts.append(("match", 1))
                lowest = min(e.space.cost for e in top)
                first = next(e for e in top if e.space.cost == lowest)
                winner: Entry | None = first
                outcome, verdict = DETERMINISTIC, first.connector.name
            else:
                winner, outcome, verdict = None, NO_ROUTE, none_verdict
            decided_by = _first_narrowing(all_names, counts)
            decision = Decision(self, probe, outcome, verdict, decided_by, winner, sites=self._shared(members))
            found.append(((position[members[0]], 0), decision))
        for site in per_group:
            for number, decision in enumerate(self._site_decisions(probe, site, all_names, enabled_names)):
                found.append(((position[site], number), decision))
        found.sort(key=lambda item: item[0])
        return [decision for _, decision in found]

    def _source_names(self, connector: SendConnector) -> frozenset[str]:
        """The connector's source servers (folded) that resolve: the origins that are one of them."""
        known = self._names.get(id(connector))
        if known is None:
            known = self._names[id(connector)] = frozenset(n.casefold() for n, _ in self.topology.sources(connector))
        return known

    def _site_decisions(self, probe: Probe, site: str, all_names: int, enabled_names: int) -> list[Decision]:
        """The decisions of each group of one site's origins, with `select`'s steps but no reasons.

        The steps up to the cost step depend on the site only (a source server of a connector has
        the link cost of its own site, 0, like the site), so they run once; each group of servers
        then redoes the cost, hops and name steps only when it is itself a source server of one of
        the connectors left after the match step, which is what `seen_from` changes for it."""
        topology = self.topology
        none_verdict = UNREACHABLE if probe.recipient.type == SMTP else NDR
        enabled = [e for e in self.entries(probe) if e.connector.enabled]
        visible = [e for e in enabled if topology.visible(e.connector, site)]
        linked = [(e, r) for e in visible if (r := topology.nearest(e.connector, site)) is not None]
        counts = [("enabled", enabled_names), ("scope", _count(visible)), ("source", _count(e for e, _ in linked))]
        groups = self.groups_of_site(site, self.sources(probe))
        if not linked:
            decided_by = _first_narrowing(all_names, counts)
            return [Decision(self, probe, NO_ROUTE, none_verdict, decided_by, None, origins=g) for g in groups]
        best = max(e.specificity for e, _ in linked)
        top = [(e, r) for e, r in linked if e.specificity == best]
        counts.append(("match", _count(e for e, _ in top)))
        considered = top
        if self._links_nonnegative:
            # A source server's own connectors cost it what they cost its site (link cost 0 both
            # ways), so only the hops step can differ, and only for the cheapest of the site's.
            lowest = min(r.cost + e.space.cost for e, r in top)
            considered = [(e, r) for e, r in top if r.cost + e.space.cost == lowest]
        sourced = frozenset(name for e, _ in considered for name in self._source_names(e.connector))
        plain: tuple[str, str, Entry, tuple[Entry, ...]] | None = None
        found = []
        for group in groups:
            server = group[0].server
            own = server is not None and server.casefold() in sourced
            if own or plain is None:
                folded = server.casefold() if own and server is not None else None
                # (link cost, hops) as `seen_from` gives them from the group's first origin
                seen = [
                    (e, (0, 0) if folded in self._source_names(e.connector) else (r.cost, 1 if r.site == site else 2))
                    for e, r in top
                ]
                lowest = min(link + e.space.cost for e, (link, _) in seen)
                cheap = [(e, hops) for e, (link, hops) in seen if link + e.space.cost == lowest]
                fewest = min(hops for _, hops in cheap)
                near = [e for e, hops in cheap if hops == fewest]
                first = min(near, key=lambda e: (e.connector.name.casefold(), e.connector.name))
                steps = [*counts, ("cost", _count(e for e, _ in cheap)), ("hops", _count(near)), ("name", 1)]
                decided_by = _first_narrowing(all_names, steps)
                result = (first.connector.name, decided_by, first, tuple(near) if decided_by == "name" else ())
                if not own:
                    plain = result
            else:
                result = plain
            verdict, decided_by, winner, tied = result
            found.append(Decision(self, probe, DETERMINISTIC, verdict, decided_by, winner, origins=group, tied=tied))
        return found

    @cached_property
    def by_probe(self) -> dict[Probe, list[Decision]]:
        """Every probe's decisions, in the order the origins are visited."""
        return {probe: self._decide(probe) for probe in self.index.probes()}

    @cached_property
    def decisions(self) -> tuple[Decision, ...]:
        """Every probe's route from every group of origins that may choose differently."""
        return tuple(decision for decisions in self.by_probe.values() for decision in decisions)

    def _components_of(self, connector: SendConnector) -> frozenset[str]:
        """The linked components the connector's source servers are in: it is reached from these."""
        known = self._reach.get(id(connector))
        if known is None:
            known = frozenset(self.topology.component(home) for home in self.topology.source_sites(connector))
            self._reach[id(connector)] = known
        return known

    def site_set(self, decision: Decision) -> frozenset[str]:
        """The sites a decision covers, as a set (one per shared tuple of sites)."""
        members = self._site_sets.get(id(decision.sites))
        if members is None:
            members = self._site_sets[id(decision.sites)] = frozenset(decision.sites)
        return members

    def decision_at(self, probe: Probe, origin: Origin) -> Decision | None:
        """The decision standing for `origin` (None if the origin is not one of the analysis's)."""
        for decision in self.by_probe.get(probe, ()):
            if decision.sites:
                if origin.site in self.site_set(decision):
                    return decision
            elif origin in decision.origins:
                return decision
        return None


def _count(entries: Iterable[Entry]) -> int:
    """How many connectors (by name, as `select` counts them) the entries belong to."""
    return len({e.connector.name for e in entries})


def _first_narrowing(before: int, counts: Sequence[tuple[str, int]]) -> str:
    """`select`'s deciding step from the number of connector names each step keeps: the first
    that narrows to one (or none); `match` when no step narrows."""
    for name, now in counts:
        if now < before and now <= 1:
            return name
        before = now
    return "match"


def analyse(organization: Organization) -> Analysis:
    """The organization's analysis, built once and shared by every rule that asks."""
    analysis = organization.derived.get(_KEY)
    if not isinstance(analysis, Analysis):
        analysis = organization.derived[_KEY] = Analysis(organization)
    return analysis
