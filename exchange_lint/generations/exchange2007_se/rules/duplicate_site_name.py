"""EXL305 for 2007–SE: the same AD site declared twice in one organization.

The 2007–SE half of the rule `exchange_lint/rules/duplicate_site_name.py` serves for both generations.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.support import duplicate_groups, primary_and_related


def check(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.sites, lambda s: s.name):
        primary, related = primary_and_related([s.location for s in group], f"site '{group[0].name}' declared here")
        yield Problem(
            f"AD site '{group[0].name}' is declared {len(group)} times",
            primary,
            related,
            hint="declare each AD site once, with all its servers: site-link costs and scopes follow the site",
        )
