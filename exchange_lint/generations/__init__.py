"""Exchange generations: the axis of the design.

Each generation's model, routing and rules sit together in a package of their own here
(`exchange40_55` for Exchange 4.0–5.5). Everything outside `generations/` (loading, schema,
address syntax, findings, suppressions, baseline, fixes, reports) is shared by all of them.
A document's `exchange:` value says which generation it belongs to; a rule names the
generations it understands and never runs on another.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class Generation(NamedTuple):
    """One product generation: the `exchange:` values it covers and the package that models it."""

    id: str  # what a rule's `generations` names
    title: str
    versions: tuple[str, ...]  # the `exchange:` values of its documents
    package: str  # holds `model.build_organization` and a `rules` package of one module per rule


EXCHANGE_40_55 = Generation(
    "4.0-5.5", "Exchange 4.0–5.5", ("4.0", "5.0", "5.5"), "exchange_lint.generations.exchange40_55"
)
GENERATIONS = (EXCHANGE_40_55,)
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


def organization_key(data: Any) -> str | None:
    """The organization a document belongs to, or None when it is not a connector document."""
    if isinstance(data, dict) and "version" in data and "organization" in data:
        name = data["organization"]
        return name if isinstance(name, str) else str(name)
    return None
