"""The organization's address spaces indexed by type and literal structure, so a recipient is
matched against the few patterns that can match it, not against all of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from exchange_lint.model import AddressSpace, Connector, Organization
from exchange_lint.routing.address import Recipient, has_wildcard, match, x400_fields
from exchange_lint.routing.select import Entry


@dataclass(frozen=True)
class Ignored:
    """An address space that never reaches the GWART, and why."""

    connector: Connector
    space: AddressSpace
    reason: str


def pattern_key(space: AddressSpace) -> tuple[str, str]:
    """Identical patterns share a key: type, and the address case-folded and trimmed."""
    return space.type, space.address.strip().casefold()


def literal_suffix(pattern: str) -> str:
    """The case-folded literal tail after the last wildcard; '' when the pattern ends in one."""
    tail = pattern
    for index in range(len(pattern) - 1, -1, -1):
        if pattern[index] in "*%":
            tail = pattern[index + 1 :]
            break
    return tail.casefold()


def _head_key(space_type: str, pattern: str) -> str:
    """X.400 by country, MS Mail by network: '' when that first level is a wildcard or missing."""
    if space_type == "X400":
        fields = x400_fields(pattern) or {}
        country = fields.get("c", "").strip()
        return "" if has_wildcard(country) else country.casefold()
    first = pattern.split("/", 1)[0]
    return "" if has_wildcard(first) else first.casefold()


def _bucket(space_type: str, pattern: str) -> str:
    if not pattern.strip():
        return ""
    if space_type in ("X400", "MS"):
        return _head_key(space_type, pattern)
    if space_type == "EX":
        return ""
    return literal_suffix(pattern)


def replicated_site_space(connector: Connector, space: AddressSpace) -> bool:
    """Site Connector spaces are ignored once the sites replicate (Q182128), unless kept local."""
    return (
        connector.kind == "site"
        and space.scope == "organization"
        and any(site.replicated for site in connector.connected_sites)
    )


@dataclass
class RoutingIndex:
    organization: Organization
    ignored: list[Ignored] = field(default_factory=list)
    spaces: list[tuple[Connector, AddressSpace]] = field(default_factory=list)
    _buckets: dict[tuple[str, str], list[tuple[Connector, AddressSpace]]] = field(default_factory=dict)

    def candidates(self, recipient: Recipient) -> Iterator[tuple[Connector, AddressSpace]]:
        """Every space that might match: the type's wide bucket plus buckets keyed by the address."""
        kind, address = recipient.type, recipient.address
        yield from self._buckets.get((kind, ""), ())
        if kind in ("X400", "MS"):
            head = _head_key(kind, address)
            if head:
                yield from self._buckets.get((kind, head), ())
            return
        folded = address.casefold()
        for start in range(len(folded)):
            yield from self._buckets.get((kind, folded[start:]), ())

    def entries(self, recipient: Recipient) -> list[Entry]:
        """The spaces that match the recipient, with their match class, in declaration order."""
        found = []
        for connector, space in self.candidates(recipient):
            quality = match(space.type, space.address, recipient)
            if quality is not None:
                found.append((space.location.path, space.location.region.start_line, Entry(connector, space, quality)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [entry for _, _, entry in found]


def build_index(organization: Organization) -> RoutingIndex:
    index = RoutingIndex(organization)
    for connector in organization.connectors:
        for space in connector.address_spaces:
            if replicated_site_space(connector, space):
                index.ignored.append(
                    Ignored(
                        connector,
                        space,
                        "a Site Connector's address spaces are ignored once the sites replicate directories (Q182128)",
                    )
                )
                continue
            index.spaces.append((connector, space))
            index._buckets.setdefault((space.type, _bucket(space.type, space.address)), []).append((connector, space))
    return index
