"""Small helpers several rules share: name clashes, the headers of rule-doc examples, and the check
of a rule several generations share."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from importlib import import_module
from typing import Any, TypeVar

from exchange_lint.findings import Location
from exchange_lint.rules.api import Problem

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


def per_generation(module: str) -> Callable[[Any], Iterable[Problem]]:
    """The check of a rule whose ID means the same in several generations (EXL301 unknown-server):
    each generation's half is the `check` of `<generation package>.rules.<module>`, picked by the
    package the organization's model comes from, and imported only when that generation is linted."""

    def check(organization: Any) -> Iterable[Problem]:
        generation_package = type(organization).__module__.rpartition(".")[0]
        half: Callable[[Any], Iterable[Problem]] = import_module(f"{generation_package}.rules.{module}").check
        return half(organization)

    check.__qualname__ = check.__name__ = f"check_{module}"
    return check
