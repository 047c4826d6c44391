"""Exchange generations: the axis of the design.

Each generation's model, routing and rules sit together in a package of their own under
`generations/` (`generations/exchange40_55` for Exchange 4.0–5.5, `generations/exchange2007_se`
for Exchange 2007 to Subscription Edition, `generations/exchange_online` for an Exchange Online
tenant). Everything outside that folder
(loading, schema, address syntax, findings, suppressions, baseline, fixes, reports) is shared by
all of them.
A document's `exchange:` value says which generation it belongs to; a rule names the
generations it understands and never runs on another. A rule about one generation names that
one; a rule about both sides of a hybrid deployment names `hybrid`, a generation no file names:
its model pairs the two sides' models and exists only where an organization has both.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple, TypeVar

R = TypeVar("R")


class Generation(NamedTuple):
    """One product generation: the `exchange:` values it covers and the package that models it."""

    id: str  # what a rule's `generations` names
    title: str
    versions: tuple[str, ...]  # the `exchange:` values of its documents
    package: str  # holds `model.build_organization` and a `rules` package of one module per rule
    # The generations whose files together form this one's model (hybrid); empty: its own files do.
    pairs: tuple[str, ...] = ()


EXCHANGE_40_55 = Generation(
    "4.0-5.5", "Exchange 4.0–5.5", ("4.0", "5.0", "5.5"), "exchange_lint.generations.exchange40_55"
)
EXCHANGE_2007_SE = Generation(
    "2007-SE",
    "Exchange 2007–SE",
    ("2007", "2010", "2013", "2016", "2019", "SE"),
    "exchange_lint.generations.exchange2007_se",
)
EXCHANGE_ONLINE = Generation("online", "Exchange Online", ("online",), "exchange_lint.generations.exchange_online")
HYBRID = Generation(
    "hybrid",
    "Hybrid (Exchange 2007–SE with Exchange Online)",
    (),
    "exchange_lint.generations.hybrid",
    (EXCHANGE_2007_SE.id, EXCHANGE_ONLINE.id),
)
GENERATIONS = (EXCHANGE_40_55, EXCHANGE_2007_SE, EXCHANGE_ONLINE, HYBRID)
# What the rules reported by the loader and engine (EXL0xx, EXL901) state: they apply to every file.
EVERY = "every"


def generation_of(exchange: Any) -> Generation | None:
    """The generation an `exchange:` value names; None for a value no generation knows (EXL002
    reports it). A document without `exchange` is 4.0–5.5, the only generation the format began with."""
    if exchange is None:
        return EXCHANGE_40_55
    text = str(exchange)
    return next((generation for generation in GENERATIONS if text in generation.versions), None)


def by_id(generation_id: str) -> Generation | None:
    return next((generation for generation in GENERATIONS if generation.id == generation_id), None)


def title(generation_id: str) -> str:
    """How a generation is named to people: `Exchange 4.0–5.5 (exchange: 4.0, 5.0, 5.5)`."""
    if generation_id == EVERY:
        return "Every generation (files, suppressions, the linter itself)"
    generation = by_id(generation_id)
    if generation is None:
        return generation_id
    if generation.pairs:
        return f"{generation.title}: one organization with files of both"
    return f"{generation.title} (exchange: {', '.join(generation.versions)})"


def grouped(rules: Sequence[R], generations_of: Callable[[R], Sequence[str]]) -> list[tuple[str, list[R]]]:
    """(generation id, its rules) in the order `every`, then each generation; a rule for several
    generations is listed under each."""
    order = [EVERY, *(generation.id for generation in GENERATIONS)]
    return [(key, [rule for rule in rules if key in generations_of(rule)]) for key in order]


def organization_key(data: Any) -> str | None:
    """The organization a document belongs to, or None when it is not a connector document."""
    if isinstance(data, dict) and "version" in data and "organization" in data:
        name = data["organization"]
        return name if isinstance(name, str) else str(name)
    return None
