"""The Send connectors' address spaces indexed by what they match, and one probe per space.

Nothing here compares address spaces pair by pair. SMTP spaces are indexed by domain (exact
spaces by their domain, `*.suffix` spaces by their suffix, `*` apart), so the spaces matching a
domain are found by walking its suffixes. Every SMTP space in one place of the index is equally
specific for each recipient it matches, so its entries are built once, in a `Bucket`, and a
recipient's buckets come in decreasing specificity. Each distinct address space gets one probe:
a recipient that it matches and that no more specific declared space does (`ann@contoso.com`
for `contoso.com`, a fresh label under `*.contoso.com`, a fresh domain for `*`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from exchange_lint.addresses import Recipient
from exchange_lint.generations.exchange2007_se.model import AddressSpace, SendConnector
from exchange_lint.generations.exchange2007_se.routing.select import Entry
from exchange_lint.generations.exchange2007_se.routing.spaces import (
    ANY,
    EDGE_SPACE,
    SMTP,
    Specificity,
    domain_of,
    labels,
    smtp_pattern,
    specificity,
)

_FRESH = "x--probe"  # a label no one declares (checked), for recipients only a wildcard matches


class Probe(NamedTuple):
    """One recipient standing for every recipient an address space routes alike."""

    type: str
    pattern: str  # the address space as written in the index (SMTP folded)
    recipient: Recipient


class Bucket:
    """Entries equally specific for a recipient, in declaration order, with the enabled ones
    split by scope once: selection filters them the same way for every probe."""

    __slots__ = ("enabled", "entries", "scoped", "unscoped")

    def __init__(self, entries: list[Entry]) -> None:
        self.entries = entries
        self.enabled = [e for e in entries if e.connector.enabled]
        self.unscoped = [e for e in self.enabled if not e.connector.scoped]
        self.scoped = [e for e in self.enabled if e.connector.scoped]


class SpaceIndex:
    """The Send connectors' address spaces by domain (SMTP) or type (any other)."""

    def __init__(self, connectors: Sequence[SendConnector]) -> None:
        exact: dict[str, list[Entry]] = {}
        wildcard: dict[str, list[Entry]] = {}
        catch_all: list[Entry] = []
        self.other: dict[str, list[tuple[SendConnector, AddressSpace]]] = {}
        for connector in connectors:
            for space in connector.address_spaces:
                if space.type != SMTP:
                    self.other.setdefault(space.type, []).append((connector, space))
                    continue
                pattern = smtp_pattern(space.address)
                if pattern == ANY:
                    catch_all.append(Entry(connector, space, Specificity(1, 0, "*")))
                elif pattern.startswith("*.") and len(pattern) > 2:
                    suffix = pattern[2:]
                    how = Specificity(2, labels(suffix), f"*.{suffix}")
                    wildcard.setdefault(suffix, []).append(Entry(connector, space, how))
                elif pattern and pattern != EDGE_SPACE and "*" not in pattern:
                    exact.setdefault(pattern, []).append(
                        Entry(connector, space, Specificity(3, labels(pattern), "exact"))
                    )
        self.exact = {domain: Bucket(entries) for domain, entries in exact.items()}
        self.wildcard = {suffix: Bucket(entries) for suffix, entries in wildcard.items()}
        self.any = Bucket(catch_all) if catch_all else None

    def buckets(self, recipient: Recipient) -> list[Bucket]:
        """The entries matching the recipient, most specific first, grouped by specificity."""
        if recipient.type != SMTP:
            found: dict[Specificity, list[Entry]] = {}
            for entry in self._other_entries(recipient):
                found.setdefault(entry.specificity, []).append(entry)
            return [Bucket(found[how]) for how in sorted(found, reverse=True)]
        domain = domain_of(recipient)
        names = domain.split(".")
        buckets = [self.exact[domain]] if domain in self.exact else []
        for start in range(len(names)):
            bucket = self.wildcard.get(".".join(names[start:]))
            if bucket is not None:
                buckets.append(bucket)
        if self.any is not None:
            buckets.append(self.any)
        return buckets

    def entries(self, recipient: Recipient) -> list[Entry]:
        """The address spaces matching the recipient (SMTP: most specific first; any other type
        in declaration order)."""
        if recipient.type != SMTP:
            return self._other_entries(recipient)
        return [entry for bucket in self.buckets(recipient) for entry in bucket.entries]

    def _other_entries(self, recipient: Recipient) -> list[Entry]:
        found = []
        for connector, space in self.other.get(recipient.type, ()):
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
        if self.any is not None:
            yield Probe(SMTP, ANY, Recipient(SMTP, f"probe@{self._fresh('')}"))
        for kind in sorted(self.other):
            for pattern in sorted({space.address for _, space in self.other[kind]}):
                recipient = Recipient(kind, pattern.replace("*", "x").replace("%", "x"))
                if specificity(kind, pattern, recipient) is not None:
                    yield Probe(kind, pattern, recipient)
