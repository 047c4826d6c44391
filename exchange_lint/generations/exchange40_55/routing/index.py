"""The organization's address spaces indexed by type and literal structure, so a recipient is
matched against the few patterns that can match it, not against all of them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from exchange_lint.addresses import X400_HIERARCHY, Recipient, has_wildcard, match, x400_fields
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.generations.exchange40_55.routing.select import Entry
from exchange_lint.generations.exchange40_55.routing.topology import linking


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
    return pattern[max(pattern.rfind("*"), pattern.rfind("%")) + 1 :].casefold()


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


@lru_cache(maxsize=65536)
def chain(space_type: str, text: str) -> tuple[str, ...]:
    """Index keys, most general first: a pattern is filed under the last; an address (or another
    pattern) can share recipients with the patterns filed under any of its keys, or under ''.

    SMTP and other flat types: the suffixes of the literal tail. X.400, MS Mail and EX directory
    names: the prefixes of the literal leading levels. Blank patterns: none (filed under '', "wide").
    """
    if not text.strip():
        return ()
    if space_type in ("X400", "MS", "EX"):
        levels = _levels(space_type, text)
        return tuple("\x1f".join(levels[: depth + 1]) for depth in range(len(levels)))
    tail = literal_suffix(text)
    return tuple(tail[start:] for start in range(len(tail) - 1, -1, -1))


def bucket(space_type: str, text: str) -> str:
    """The key a pattern is filed under: the last of its chain."""
    if space_type in ("X400", "MS", "EX") or not text.strip():
        keys = chain(space_type, text)
        return keys[-1] if keys else ""
    return literal_suffix(text)


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


@dataclass
class RoutingIndex:
    organization: Organization
    ignored: list[Ignored] = field(default_factory=list)
    spaces: list[tuple[Connector, AddressSpace]] = field(default_factory=list)
    _buckets: dict[tuple[str, str], list[tuple[Connector, AddressSpace]]] = field(default_factory=dict)
    memo: dict[str, Any] = field(default_factory=dict)  # derived views, computed once (see overlap.py)

    def candidates(self, recipient: Recipient) -> Iterator[tuple[Connector, AddressSpace]]:
        """Every space that might match: the type's wide bucket plus buckets keyed by the address."""
        kind = recipient.type
        yield from self._buckets.get((kind, ""), ())
        for key in chain(kind, recipient.address):
            yield from self._buckets.get((kind, key), ())

    def entries(self, recipient: Recipient) -> list[Entry]:
        """The spaces that match the recipient, with their match class, in declaration order."""
        found = []
        for connector, space in self.candidates(recipient):
            quality = match(space.type, space.address, recipient)
            if quality is not None:
                found.append((space.location.path, space.location.region.start_line, Entry(connector, space, quality)))
        found.sort(key=lambda item: (item[0], item[1]))
        return [entry for _, _, entry in found]


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
            index.spaces.append((connector, space))
            index._buckets.setdefault((space.type, bucket(space.type, space.address)), []).append((connector, space))
    return index
