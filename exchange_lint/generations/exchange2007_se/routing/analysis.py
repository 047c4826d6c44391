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

from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import NamedTuple

from exchange_lint.addresses import Recipient
from exchange_lint.generations.exchange2007_se.model import AddressSpace, Organization, SendConnector
from exchange_lint.generations.exchange2007_se.routing.select import Entry, Route, select
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


class Decision(NamedTuple):
    """The route a probe takes from a group of origins that all choose alike."""

    probe: Probe
    origins: tuple[Origin, ...]
    route: Route


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

    def route(self, origin: Origin, recipient: Recipient, size: int | None = None) -> Route:
        return select(self.topology, origin, recipient, self.index.entries(recipient), size)

    def groups(self, entries: Sequence[Entry]) -> Iterator[tuple[Origin, tuple[Origin, ...]]]:
        """(the origin routed, the origins it stands for): per site, the servers that are a source
        of one of these connectors on their own, all other servers together."""
        sources = {name.casefold() for entry in entries for name in entry.connector.source_transport_servers}
        for site, servers in self.topology.servers_of_site.items():
            if not servers:
                yield Origin(site, None), (Origin(site, None),)
                continue
            plain = tuple(Origin(site, s) for s in servers if s.casefold() not in sources)
            if plain:
                yield plain[0], plain
            for server in servers:
                if server.casefold() in sources:
                    yield Origin(site, server), (Origin(site, server),)

    @cached_property
    def decisions(self) -> tuple[Decision, ...]:
        """Every probe's route from every group of origins that may choose differently."""
        found = []
        for probe in self.index.probes():
            entries = self.index.entries(probe.recipient)
            for origin, origins in self.groups(entries):
                route = select(self.topology, origin, probe.recipient, entries)
                found.append(Decision(probe, origins, route))
        return tuple(found)


def analyse(organization: Organization) -> Analysis:
    """The organization's analysis, built once and shared by every rule that asks."""
    analysis = organization.derived.get(_KEY)
    if not isinstance(analysis, Analysis):
        analysis = organization.derived[_KEY] = Analysis(organization)
    return analysis
