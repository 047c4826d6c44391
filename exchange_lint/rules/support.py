"""Small helpers several rules share: name clashes, and the headers of rule-doc examples."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from exchange_lint.findings import Location

T = TypeVar("T")

# The first lines of most rule-doc examples: one organization, and for routing examples one site.
ORGANIZATION_HEADER = """\
version: 1
organization: Contoso
"""
TRADE_HEADER = (
    ORGANIZATION_HEADER
    + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
"""
)


def duplicate_groups(items: Iterable[T], name: Callable[[T], str]) -> Iterator[list[T]]:
    """Every group of items sharing a name (compared without case), in file order: one finding a group."""
    groups: dict[str, list[T]] = {}
    for item in items:
        groups.setdefault(name(item).casefold(), []).append(item)
    return (group for group in groups.values() if len(group) > 1)


def primary_and_related(locations: list[Location], label: str) -> tuple[Location, tuple[Location, ...]]:
    """The first place as primary, the others as related; each labelled, since the engine may swap them."""
    labelled = [location.labelled(label) for location in locations]
    return labelled[0], tuple(labelled[1:])
