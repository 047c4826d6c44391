"""Which connector wins each address space from each origin, and by which step: the facts the
EXL11x rules, `routing_tests` and the per-site table share, derived once per organization.

Each distinct address space gets one probe (`index.py`). What does not depend on the origin is
settled once per probe. Sites fall in classes that see the same connectors (linked together,
less the sites where a scoped matching connector is seen); where one connector is left after
the match step, one decision covers the class. Where several are (a contest), the steps after
the match step are weighed per site, and per server only for a connector's own source servers
(the hops step): the same connectors with the same costs contest many probes (a partner and its
backup on each of their spaces, the internet connectors under every scoped partner space), so
the outcome over a class is planned once per contest and reused. The steps only ask whether one
connector name or none is left, so names are counted up to two.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import NamedTuple

from exchange_lint.addresses import Recipient
from exchange_lint.generations.exchange2007_se.model import AUTHORITATIVE, Organization, SendConnector
from exchange_lint.generations.exchange2007_se.routing.index import Bucket, Probe, SpaceIndex
from exchange_lint.generations.exchange2007_se.routing.select import (
    DETERMINISTIC,
    LOCAL,
    NDR,
    NO_ROUTE,
    UNREACHABLE,
    Candidate,
    Entry,
    Route,
    seen_from,
    select,
)
from exchange_lint.generations.exchange2007_se.routing.spaces import ANY, EDGE_SPACE, SMTP, domain_of, smtp_pattern
from exchange_lint.generations.exchange2007_se.routing.topology import Origin, Topology

_KEY = "exchange2007_se.routing.analysis"
_Key = tuple[int, int]  # where a decision sorts: (position of its first site, its number there)
_Contest = tuple[tuple[int, int], ...]  # (connector id, space cost above the cheapest) per entry
_Outcome = tuple[str, Entry, tuple[Entry, ...]]  # deciding step, winner, entries tied by name


class Decision:
    """The route a probe takes from a group of origins that all choose alike, kept compact.

    An analysis of 10,000 connectors has ~50,000 probes and hundreds of sites: a full `Route` (with
    its reason strings) for each pair took minutes and gigabytes. So a decision keeps the verdict,
    the deciding step and the winning address space; `route` is built when someone reads it (a
    rule reporting it, `route`, the property tests). A decision either covers whole sites
    (`sites`: each of their origins chooses alike) or names its origins (the servers of one site
    that choose alike where the site's servers differ).
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
        """The origins decided alike, site by site (in a site, the servers that are no Send
        connector's source first)."""
        if self._origins is None:
            return tuple(o for site in self.sites for o in self.analysis.site_origins(site))
        return self._origins

    @property
    def route(self) -> Route:
        """The full route (steps and reasons) from the first origin, built on first use."""
        if self._route is None:
            self._route = self.analysis.route(self.origins[0], self.probe.recipient)
        return self._route

    def __repr__(self) -> str:
        return f"Decision({self.probe.type}:{self.probe.pattern}, {self.verdict}, {self.decided_by})"


class _Choice(NamedTuple):
    """What a group of one site's origins selects among the entries the match step left, given
    by position so that one choice serves every probe contested alike: how many connector names
    (up to two) the cost and hops steps keep, the winner, and the entries the name step chose among."""

    cheap: int
    near: int
    winner: int
    near_entries: tuple[int, ...]


class _Item(NamedTuple):
    """One decision of a plan: a choice and the sites (all their origins) or origins it covers."""

    choice: _Choice
    sites: tuple[str, ...]
    origins: tuple[Origin, ...]


def _choose(top: Sequence[Entry], seen: Sequence[tuple[int, int]]) -> _Choice:
    """The cost, hops and name steps over `top`, each seen as (link cost, hops) from one origin."""
    totals = [link + e.space.cost for e, (link, _) in zip(top, seen, strict=True)]
    lowest = min(totals)
    cheap = [i for i, total in enumerate(totals) if total == lowest]
    fewest = min(seen[i][1] for i in cheap)
    near = [i for i in cheap if seen[i][1] == fewest]
    first = min(near, key=lambda i: (top[i].connector.name.casefold(), top[i].connector.name))
    return _Choice(_count(top[i] for i in cheap), _count(top[i] for i in near), first, tuple(near))


def _outcome(top: Sequence[Entry], choice: _Choice, all_names: int, counts: list[tuple[str, int]]) -> _Outcome:
    """The deciding step, the winner and (decided by name) the entries tied before the name step."""
    steps = [*counts, ("cost", choice.cheap), ("hops", choice.near), ("name", 1)]
    decided_by = _first_narrowing(all_names, steps)
    tied = tuple(top[i] for i in choice.near_entries) if decided_by == "name" else ()
    return decided_by, top[choice.winner], tied


def _contest(top: Sequence[Entry]) -> _Contest:
    lowest = min(e.space.cost for e in top)
    return tuple((id(e.connector), e.space.cost - lowest) for e in top)


class Analysis:
    """The routing facts of one organization, computed when first asked for."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.topology = Topology(organization)
        self.index = SpaceIndex(organization.send_connectors)
        self._site_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}  # kept alive: ids below
        self._site_sets: dict[int, frozenset[str]] = {}
        # With no negative site-link cost, a site reaches itself at cost 0, its cheapest
        self._links_nonnegative = all(link.cost >= 0 for link in organization.site_links)
        self._components: dict[int, frozenset[str]] = {}  # source servers' components per connector (id)
        self._kept: dict[tuple[int, str], list[Entry]] = {}  # per (bucket, component)
        self._contests: dict[int, _Contest] = {}  # per kept list (id)
        self._plans: dict[tuple[int, _Contest], list[tuple[_Key, _Item]]] = {}
        # per (kept list, names before the steps, counts of the steps up to the match step)
        self._outcomes: dict[tuple[int, int, tuple[tuple[str, int], ...]], dict[_Choice, _Outcome]] = {}
        self._at: dict[Probe, dict[object, Decision]] = {}
        self._seen: tuple[tuple[Recipient, str], list[Candidate], dict[str, list[int]]] | None = None

    def route(self, origin: Origin, recipient: Recipient, size: int | None = None) -> Route:
        """`select` over the index's entries. The candidates as the origin's site sees them are
        kept for the last (recipient, site): a routing test from a site routes from each of its
        servers, and only the connectors a server is a source of look different from it."""
        entries = self.index.entries(recipient)
        key = (recipient, origin.site)
        if self._seen is None or self._seen[0] != key:
            plain = Origin(origin.site, None)
            sourcing: dict[str, list[int]] = {}
            for number, entry in enumerate(entries):
                for name in self.topology.source_names(entry.connector):
                    sourcing.setdefault(name, []).append(number)
            self._seen = (key, [seen_from(self.topology, plain, e) for e in entries], sourcing)
        _, site_view, sourcing = self._seen
        candidates = list(site_view)
        if origin.server is not None:
            for number in sourcing.get(origin.server.casefold(), ()):
                candidates[number] = seen_from(self.topology, origin, entries[number])
        return select(self.topology, origin, recipient, entries, size, tuple(candidates))

    def site_origins(self, site: str) -> tuple[Origin, ...]:
        """Every origin of the site: its servers that are no Send connector's source first (they
        see the site as the site sees itself), then the others."""
        return self._site_origins[site]

    @cached_property
    def _site_origins(self) -> dict[str, tuple[Origin, ...]]:
        topology = self.topology
        sources = {n.casefold() for c in self.organization.send_connectors for n in c.source_transport_servers}
        found = {}
        for site in topology.servers_of_site:
            origins = topology.resolve(site)
            plain = [o for o in origins if o.server is None or o.server.casefold() not in sources]
            found[site] = (*plain, *(o for o in origins if o not in plain))
        return found

    def _shared(self, sites: Sequence[str]) -> tuple[str, ...]:
        """One tuple object per distinct list of sites, so 50,000 decisions over the same sites
        hold one tuple between them."""
        key = tuple(sites)
        return self._site_tuples.setdefault(key, key)

    @cached_property
    def _classes(self) -> dict[str, tuple[str, ...]]:
        """The sites by linked component (each in declaration order): the classes a probe's sites
        fall in before its scoped connectors take their sites out."""
        classes: dict[str, list[str]] = {}
        for site in self.topology.servers_of_site:
            classes.setdefault(self.topology.component(site), []).append(site)
        return {component: self._shared(members) for component, members in classes.items()}

    @cached_property
    def _position(self) -> dict[str, int]:
        return {site: number for number, site in enumerate(self.topology.servers_of_site)}

    @cached_property
    def _local(self) -> tuple[frozenset[str], frozenset[str], bool]:
        """The Authoritative accepted domains as `select.local_domain` reads them: (exact domains,
        `*.parent` parents, folded; whether one covers every domain, as `*.` does)."""
        exact, parents, everything = set(), set(), False
        for accepted in self.organization.accepted_domains:
            if accepted.type != AUTHORITATIVE or accepted.domain.strip() == ANY:
                continue
            pattern = smtp_pattern(accepted.domain)
            if pattern == ANY:
                everything = True
            elif pattern.startswith("*."):
                parents.add(pattern[2:])
            elif pattern and pattern != EDGE_SPACE:
                exact.add(pattern)
        return frozenset(exact), frozenset(parents), everything

    def _is_local(self, recipient: Recipient) -> bool:
        """`select.local_domain`'s answer by suffix lookups (it is asked for every probe)."""
        if recipient.type != SMTP:
            return False
        exact, parents, everything = self._local
        domain = domain_of(recipient)
        if everything or domain in exact:
            return True
        names = domain.split(".")
        return any(".".join(names[start:]) in parents for start in range(len(names)))

    def _decide(self, probe: Probe) -> list[Decision]:
        """The probe's decisions. Local and unmatched probes have one, for every site. Otherwise
        each class of sites gets the decision of the one connector the match step leaves there, or
        its contest's plan; the sites where a scoped matching connector is seen are weighed one by
        one. The steps are `select`'s, without reasons."""
        recipient = probe.recipient
        all_sites = self._shared(list(self.topology.servers_of_site))
        none_verdict = UNREACHABLE if recipient.type == SMTP else NDR
        if self._is_local(recipient):
            return [Decision(self, probe, LOCAL, LOCAL, "local", None, sites=all_sites)]
        buckets = self.index.buckets(recipient)
        if not buckets:
            return [Decision(self, probe, NO_ROUTE, none_verdict, "match", None, sites=all_sites)]
        all_names = _count(e for b in buckets for e in b.entries)
        enabled_names = _count(e for b in buckets for e in b.enabled)
        unscoped_names = _count(e for b in buckets for e in b.unscoped)
        special = {home for b in buckets for e in b.scoped for home in self.topology.source_sites(e.connector)}
        found: list[tuple[_Key, Decision]] = []
        for component, members in self._classes.items():
            if special:
                members = self._shared([site for site in members if site not in special])
                if not members:
                    continue
            kept = [self._kept_in(bucket, component) for bucket in buckets]
            counts = [
                ("enabled", enabled_names),
                ("scope", unscoped_names),
                ("source", _count(e for k in kept for e in k)),
            ]
            top = next((entries for entries in kept if entries), None)
            if top is None:
                decided_by = _first_narrowing(all_names, counts)
                decision = Decision(self, probe, NO_ROUTE, none_verdict, decided_by, None, sites=members)
                found.append(((self._position[members[0]], 0), decision))
                continue
            counts.append(("match", _count(top)))
            if counts[-1][1] > 1:
                plan = self._plan(self._classes[component], top, self._contest_of(top))
                if special:
                    plan = self._without(plan, special)
                outcomes = self._outcomes.setdefault((id(top), all_names, tuple(counts)), {})
                found += self._decisions(probe, top, all_names, counts, plan, outcomes)
                continue
            lowest = min(e.space.cost for e in top)
            first = next(e for e in top if e.space.cost == lowest)
            decided_by = _first_narrowing(all_names, counts)
            decision = Decision(self, probe, DETERMINISTIC, first.connector.name, decided_by, first, sites=members)
            found.append(((self._position[members[0]], 0), decision))
        for site in all_sites:
            if site in special:
                found += self._special_site(probe, buckets, site, all_names, enabled_names)
        found.sort(key=lambda item: item[0])
        return [decision for _, decision in found]

    def _kept_in(self, bucket: Bucket, component: str) -> list[Entry]:
        """The bucket's enabled unscoped entries whose source servers the component reaches."""
        key = (id(bucket), component)
        known = self._kept.get(key)
        if known is None:
            known = self._kept[key] = [e for e in bucket.unscoped if component in self._components_of(e.connector)]
        return known

    def _contest_of(self, top: list[Entry]) -> _Contest:
        """What decides a contest (kept per kept list): its connectors, and their spaces' costs
        above the cheapest (adding the same to every cost changes no choice)."""
        known = self._contests.get(id(top))
        if known is None:
            known = self._contests[id(top)] = _contest(top)
        return known

    def _without(self, plan: list[tuple[_Key, _Item]], special: set[str]) -> list[tuple[_Key, _Item]]:
        """A class's plan less the sites where a scoped connector is seen (weighed apart)."""
        found = []
        for (_, number), item in plan:
            if item.origins:
                if item.origins[0].site not in special:
                    found.append(((self._position[item.origins[0].site], number), item))
                continue
            sites = [site for site in item.sites if site not in special]
            if sites:
                kept = item if len(sites) == len(item.sites) else item._replace(sites=self._shared(sites))
                found.append(((self._position[sites[0]], 0), kept))
        return found

    def _decisions(
        self,
        probe: Probe,
        top: Sequence[Entry],
        all_names: int,
        counts: list[tuple[str, int]],
        plan: list[tuple[_Key, _Item]],
        outcomes: dict[_Choice, _Outcome],
    ) -> list[tuple[_Key, Decision]]:
        """A plan's items as the probe's decisions, each choice's outcome (deciding step, winner,
        standbys) worked out once in `outcomes`: shared by the probes of one kept list and counts."""
        found = []
        for key, item in plan:
            outcome = outcomes.get(item.choice)
            if outcome is None:
                outcome = outcomes[item.choice] = _outcome(top, item.choice, all_names, counts)
            decided_by, winner, tied = outcome
            decision = Decision(
                self,
                probe,
                DETERMINISTIC,
                winner.connector.name,
                decided_by,
                winner,
                sites=item.sites,
                origins=item.origins,
                tied=tied,
            )
            found.append((key, decision))
        return found

    def _special_site(
        self, probe: Probe, buckets: list[Bucket], site: str, all_names: int, enabled_names: int
    ) -> list[tuple[_Key, Decision]]:
        """The decisions of a site that sees a scoped connector the probe matches: what it sees
        (the unscoped connectors and its own scoped ones) and reaches, then the contest of what
        the match step leaves."""
        topology = self.topology
        component = topology.component(site)

        def seen(entry: Entry) -> bool:
            return not entry.connector.scoped or site in topology.source_sites(entry.connector)

        def linked(entry: Entry) -> bool:  # a scoped connector seen here has a source server here
            return entry.connector.scoped or component in self._components_of(entry.connector)

        visible = _count(e for b in buckets for e in b.enabled if seen(e))
        reached = _count(e for b in buckets for e in b.enabled if seen(e) and linked(e))
        counts = [("enabled", enabled_names), ("scope", visible), ("source", reached)]
        here = self._shared([site])
        position = self._position[site]
        if not reached:
            decided_by = _first_narrowing(all_names, counts)
            verdict = UNREACHABLE if probe.recipient.type == SMTP else NDR
            return [((position, 0), Decision(self, probe, NO_ROUTE, verdict, decided_by, None, sites=here))]
        top = next(t for b in buckets if (t := [e for e in b.enabled if seen(e) and linked(e)]))
        counts.append(("match", _count(top)))
        return self._decisions(probe, top, all_names, counts, self._plan(here, top, _contest(top)), {})

    def _plan(self, members: tuple[str, ...], top: Sequence[Entry], contest: _Contest) -> list[tuple[_Key, _Item]]:
        """How a contest is decided over some sites (a shared tuple), kept per (sites, contest).
        Sites whose origins all choose alike are merged by choice; a site whose servers differ
        gets an item per choice, its plain servers' first."""
        key = (id(members), contest)
        known = self._plans.get(key)
        if known is not None:
            return known
        alike: dict[_Choice, list[str]] = {}
        items: list[tuple[_Key, _Item]] = []
        for site in members:
            plain, own = self._choices(site, top)
            groups: dict[_Choice, list[Origin]] = {plain: []}
            for origin in self.site_origins(site):
                mine = own.get(origin.server.casefold()) if origin.server is not None else None
                groups.setdefault(mine or plain, []).append(origin)
            if not groups[plain]:
                del groups[plain]
            if len(groups) == 1:
                alike.setdefault(next(iter(groups)), []).append(site)
                continue
            for number, (choice, origins) in enumerate(groups.items()):
                items.append(((self._position[site], number), _Item(choice, (), tuple(origins))))
        for choice, sites in alike.items():
            items.append(((self._position[sites[0]], 0), _Item(choice, self._shared(sites), ())))
        self._plans[key] = items
        return items

    def _choices(self, site: str, top: Sequence[Entry]) -> tuple[_Choice, dict[str, _Choice]]:
        """What the site's servers choose among `top` (each reached from the site): the plain
        servers' choice, and that of each server (folded) that is a source of a connector it may
        prefer. A source server of a connector has the link cost of its own site, 0, like the site,
        so only the hops step can differ for it, and only among the site's cheapest connectors."""
        seen = []
        for e in top:
            reach = self.topology.nearest(e.connector, site)
            assert reach is not None  # `top` holds what the site reaches
            seen.append((reach.cost, 1 if reach.site == site else 2))
        totals = [link + e.space.cost for e, (link, _) in zip(top, seen, strict=True)]
        considered = list(range(len(top)))
        if self._links_nonnegative:
            lowest = min(totals)
            considered = [i for i in considered if totals[i] == lowest]
        sourced = {name for i in considered for name in self.topology.source_names(top[i].connector)}
        plain = _choose(top, seen)
        own: dict[str, _Choice] = {}
        for server in self.topology.servers_of_site[site]:
            folded = server.casefold()
            if folded in sourced:
                mine = [
                    (0, 0) if folded in self.topology.source_names(e.connector) else at
                    for e, at in zip(top, seen, strict=True)
                ]
                own[folded] = _choose(top, mine)
        return plain, own

    def _components_of(self, connector: SendConnector) -> frozenset[str]:
        """The linked components the connector's source servers are in: it is reached from these."""
        known = self._components.get(id(connector))
        if known is None:
            known = frozenset(self.topology.component(home) for home in self.topology.source_sites(connector))
            self._components[id(connector)] = known
        return known

    @cached_property
    def by_probe(self) -> dict[Probe, list[Decision]]:
        """Every probe's decisions, in the order the origins are visited."""
        return {probe: self._decide(probe) for probe in self.index.probes()}

    @cached_property
    def decisions(self) -> tuple[Decision, ...]:
        """Every probe's route from every group of origins that may choose differently."""
        return tuple(decision for decisions in self.by_probe.values() for decision in decisions)

    def site_set(self, decision: Decision) -> frozenset[str]:
        """The sites a decision covers, as a set (one per shared tuple of sites)."""
        members = self._site_sets.get(id(decision.sites))
        if members is None:
            members = self._site_sets[id(decision.sites)] = frozenset(decision.sites)
        return members

    def decision_at(self, probe: Probe, origin: Origin) -> Decision | None:
        """The decision standing for `origin` (None if the origin is not one of the analysis's).

        A site is covered either by one decision for all its origins or by one per group."""
        at = self._at.get(probe)
        if at is None:
            at = self._at[probe] = {}
            for decision in self.by_probe.get(probe, ()):
                for key in decision.sites or decision.origins:
                    at[key] = decision
        return at.get(origin.site) or at.get(origin)


def _count(entries: Iterable[Entry]) -> int:
    """How many connectors (by name, as `select` counts them) the entries belong to, up to two:
    a step narrows when it leaves one or none, so two stands for any more."""
    first = None
    for entry in entries:
        if first is None:
            first = entry.connector.name
        elif entry.connector.name != first:
            return 2
    return 0 if first is None else 1


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
