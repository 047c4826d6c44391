"""The organization's address spaces indexed by type and literal structure, so a recipient is
matched against the few patterns that can match it, not against all of them.

A flat pattern (SMTP, cc:Mail, custom types) is filed under its literal tail (what follows its
last wildcard: a match must end with it), or, when it ends in a wildcard, under its literal head
(a match must start with it); a hierarchical one (X.400, MS Mail, EX) under its literal leading
levels. A flat pattern with wildcards at both ends (`*@contoso*`) is filed under the first
`INNER_KEY` characters of its longest literal run, which every match contains: a recipient looks
them up at each of its positions. Only patterns with none of these (`*`, `*a*`, blank) are "wide"
and met by every recipient. A recipient looks up only the tail and head lengths some pattern has,
so a long address costs one lookup per such length, never one per suffix.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Iterator
from typing import Any, NamedTuple

from exchange_lint.addresses import (
    MAX_ADDRESS_LENGTH,
    X400_HIERARCHY,
    Match,
    Recipient,
    has_wildcard,
    match,
    x400_fields,
)
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.generations.exchange40_55.routing.select import Entry
from exchange_lint.generations.exchange40_55.routing.topology import linking

HIERARCHICAL = frozenset({"X400", "MS", "EX"})
# Characters of a literal run a pattern with wildcards at both ends is filed under: long enough to
# tell `*@d1.example*` from `*@d2.example*`, short enough that most such patterns have one.
INNER_KEY = 4
_Rank = tuple[str, int, int, int, int]  # file, line, then the order the index used to yield them in


class Ignored(NamedTuple):
    """An address space that never reaches the GWART, and why."""

    connector: Connector
    space: AddressSpace
    reason: str


def pattern_key(space: AddressSpace) -> tuple[str, str]:
    """Identical patterns share a key: type, and the address case-folded and trimmed."""
    return space.type, space.address.strip().casefold()


def literal_suffix(pattern: str) -> str:
    """The case-folded literal tail after the last wildcard; '' when the pattern ends in one."""
    return pattern[max(pattern.rfind("*"), pattern.rfind("%")) + 1 :].casefold()


def literal_prefix(pattern: str) -> str:
    """The case-folded literal head before the first wildcard of the trimmed pattern (what `match`
    compares); the whole of it when it has none."""
    pattern = pattern.strip()
    stops = [found for found in (pattern.find("*"), pattern.find("%")) if found >= 0]
    return pattern[: min(stops, default=len(pattern))].casefold()


def _levels(space_type: str, text: str) -> list[str]:
    """The literal leading levels of a hierarchical address: X.400 c, a, p, o, ou; MS Mail components.

    Stops at the first level that is missing or a wildcard. The X.400 ADMD is left out: a
    single-space ADMD matches any ADMD, and most Exchange address spaces have one.
    """
    if space_type == "X400":
        fields = x400_fields(text) or {}
        values = [fields.get(attribute) for attribute in X400_HIERARCHY if attribute != "a"]
    else:
        values = list(text.strip().lstrip("/").split("/"))
    levels = []
    for value in values:
        if value is None or value.strip() == "" or has_wildcard(value):
            break
        levels.append(value.strip().casefold())
    return levels


def level_key(space_type: str, text: str) -> tuple[str, ...]:
    """A hierarchical pattern's literal leading levels; () for a blank one (it meets everything)."""
    return tuple(_levels(space_type, text)) if text.strip() else ()


def inner_key(pattern: str) -> str:
    """The case-folded first `INNER_KEY` characters of the trimmed pattern's longest literal run
    (between wildcards): every address the pattern matches contains them. '' when no run is that long."""
    runs = pattern.strip().casefold().replace("%", "*").split("*")
    longest = max(runs, key=len)
    return longest[:INNER_KEY] if len(longest) >= INNER_KEY else ""


def tail_key(text: str) -> str:
    """A flat pattern's literal tail as written (untrimmed); '' for a blank one."""
    return literal_suffix(text) if text.strip() else ""


class Pattern:
    """Every address space written exactly alike (type and address): matched once for all."""

    def __init__(self, type: str, address: str) -> None:
        self.type = type
        self.address = address
        self.members: list[tuple[Connector, AddressSpace, _Rank]] = []
        self.order = (0, 0)  # where its bucket came when the index yielded whole buckets (`_file`)


def replicated_site_space(organization: Organization, connector: Connector, space: AddressSpace) -> bool:
    """Site Connector spaces are ignored once the sites replicate (Q182128), unless kept local or
    the connected site's own address (the space the connector gets automatically, XOG06006)."""
    if connector.kind != "site" or space.scope != "organization":
        return False
    replicated = {site.name for site in connector.connected_sites if site.replicated}
    if not replicated:
        return False
    own = {f"/o={organization.name}/ou={name}".casefold() for name in replicated} | {
        site.x400_address.strip().casefold()
        for site in organization.sites
        if site.name in replicated and site.x400_address
    }
    return space.address.strip().casefold() not in own


class RoutingIndex:
    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.ignored: list[Ignored] = []
        self.too_long: list[tuple[Connector, AddressSpace]] = []  # longer than MAX_ADDRESS_LENGTH
        self.spaces: list[tuple[Connector, AddressSpace]] = []
        self.patterns: list[Pattern] = []
        self.memo: dict[str, Any] = {}  # derived views, computed once (see overlap.py)
        self._by_text: dict[tuple[str, str], Pattern] = {}
        self._wide: dict[str, list[Pattern]] = {}
        # (type, "tail"/"head"/"levels", key)
        self._keyed: dict[tuple[str, str, Any], list[Pattern]] = {}
        self._lengths: dict[tuple[str, str], list[int]] = {}  # (type, kind) → key lengths, sorted
        self._inner: set[str] = set()  # the types some pattern is filed under an inner run of

    def add(self, connector: Connector, space: AddressSpace) -> None:
        number = len(self.spaces)
        self.spaces.append((connector, space))
        found = self._by_text.get((space.type, space.address))
        if found is None:
            found = self._by_text[(space.type, space.address)] = Pattern(space.type, space.address)
            self.patterns.append(found)
            self._file(found)
        # The order entries come in: by file and line, then as the buckets were once read (the
        # wide ones first, then by key length), then in declaration order.
        where = space.location
        found.members.append((connector, space, (where.path, where.region.start_line, *found.order, number)))

    def _file(self, pattern: Pattern) -> None:
        kind, key = self._slot(pattern)
        pattern.order = (1, len(key)) if kind in ("tail", "levels") else (0, 0)
        if kind == "wide":
            self._wide.setdefault(pattern.type, []).append(pattern)
            return
        if kind == "inner":
            self._inner.add(pattern.type)
            self._keyed.setdefault((pattern.type, kind, key), []).append(pattern)
            return
        bucket = self._keyed.setdefault((pattern.type, kind, key), [])
        if not bucket:
            lengths = self._lengths.setdefault((pattern.type, kind), [])
            if len(key) not in lengths:
                insort(lengths, len(key))
        bucket.append(pattern)

    @staticmethod
    def _slot(pattern: Pattern) -> tuple[str, Any]:
        if pattern.type in HIERARCHICAL:
            levels = level_key(pattern.type, pattern.address)
            return ("levels", levels) if levels else ("wide", None)
        tail = tail_key(pattern.address)
        if tail:
            return "tail", tail
        head = literal_prefix(pattern.address) if pattern.address.strip() else ""
        if head:
            return "head", head
        inner = inner_key(pattern.address)
        return ("inner", inner) if inner else ("wide", None)

    def candidates(self, recipient: Recipient) -> Iterator[Pattern]:
        """Every pattern that might match: the type's wide ones plus those filed under a key the
        address has (a suffix, a prefix, or leading levels)."""
        kind = recipient.type
        yield from self._wide.get(kind, ())
        if not recipient.address.strip():
            return
        if kind in HIERARCHICAL:
            levels = _levels(kind, recipient.address)
            for depth in self._lengths.get((kind, "levels"), ()):
                if depth > len(levels):
                    break
                yield from self._keyed.get((kind, "levels", tuple(levels[:depth])), ())
            return
        folded = recipient.address.casefold()
        for length in self._lengths.get((kind, "tail"), ()):
            if length > len(folded):
                break
            yield from self._keyed.get((kind, "tail", folded[len(folded) - length :]), ())
        for length in self._lengths.get((kind, "head"), ()):
            if length > len(folded):
                break
            yield from self._keyed.get((kind, "head", folded[:length]), ())
        if kind in self._inner:
            # Each key once, though the address may hold it at several positions.
            for key in dict.fromkeys(folded[start : start + INNER_KEY] for start in range(len(folded) - INNER_KEY + 1)):
                yield from self._keyed.get((kind, "inner", key), ())

    def matching(self, recipient: Recipient) -> list[tuple[Match, Pattern]]:
        """The patterns that match the recipient, each with how well."""
        found = []
        for pattern in self.candidates(recipient):
            quality = match(pattern.type, pattern.address, recipient)
            if quality is not None:
                found.append((quality, pattern))
        return found

    def entries(self, recipient: Recipient) -> list[Entry]:
        """The spaces that match the recipient, with their match class, in declaration order."""
        found = [
            (rank, Entry(connector, space, quality))
            for quality, pattern in self.matching(recipient)
            for connector, space, rank in pattern.members
        ]
        found.sort(key=lambda item: item[0])
        return [entry for _, entry in found]


def implicit_spaces(organization: Organization, connector: Connector) -> list[AddressSpace]:
    """What a site-to-site connector routes without being told: each connected site's directory
    name (`EX:/O=org/OU=site`) and, when declared, its X.400 address (XOG06006, XOG06021), at the
    connected-site cost."""
    x400 = {site.name: site.x400_address for site in organization.sites if site.x400_address}
    spaces = []
    for connected in connector.connected_sites:
        where = connected.location
        spaces.append(
            AddressSpace(
                "EX",
                f"/O={organization.name}/OU={connected.name}",
                connected.cost,
                "organization",
                where,
                implicit=True,
            )
        )
        if connected.name in x400:
            spaces.append(
                AddressSpace("X400", x400[connected.name], connected.cost, "organization", where, implicit=True)
            )
    return spaces


def build_index(organization: Organization) -> RoutingIndex:
    index = RoutingIndex(organization)
    linking_set = {id(c) for c in linking(organization.connectors)}
    for connector in organization.connectors:
        linked = id(connector) in linking_set and connector.connected_sites
        implicit = implicit_spaces(organization, connector) if linked else []
        for space in (*connector.address_spaces, *implicit):
            if not space.implicit and replicated_site_space(organization, connector, space):
                index.ignored.append(
                    Ignored(
                        connector,
                        space,
                        "a Site Connector's address spaces are ignored once the sites replicate directories (Q182128)",
                    )
                )
                continue
            if len(space.address) > MAX_ADDRESS_LENGTH:
                index.too_long.append((connector, space))
                continue
            index.add(connector, space)
    return index
