"""EXL303: two connectors with the same name in one organization.

The 4.0–5.5 half of the rule `exchange_lint/rules/duplicate_connector_name.py` serves for both generations; `RULE` is
re-exported here, where the 4.0–5.5 tests import it."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.duplicate_connector_name import RULE
from exchange_lint.rules.support import duplicate_groups, primary_and_related


def check(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.connectors, lambda c: c.name):
        primary, related = primary_and_related([c.location for c in group], f"a connector named '{group[0].name}'")
        yield Problem(
            f"connector name '{group[0].name}' is used by {len(group)} connectors",
            primary,
            related,
            hint="connector names are unique in an organization: rename all but one",
        )


__all__ = ["RULE", "check"]
