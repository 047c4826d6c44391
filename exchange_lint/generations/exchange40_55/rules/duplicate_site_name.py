"""EXL305: the same site declared twice in one organization.

The 4.0–5.5 half of the rule `exchange_lint/rules/duplicate_site_name.py` serves for both generations; `RULE` is
re-exported here, where the 4.0–5.5 tests import it."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.duplicate_site_name import RULE
from exchange_lint.rules.support import duplicate_groups, primary_and_related


def check(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.sites, lambda s: s.name):
        primary, related = primary_and_related([s.location for s in group], f"site '{group[0].name}' declared here")
        yield Problem(
            f"site '{group[0].name}' is declared {len(group)} times",
            primary,
            related,
            hint="declare each site once, with all its servers",
        )


__all__ = ["RULE", "check"]
