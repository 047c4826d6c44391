"""EXL306: a server listed in more than one site, or twice in one.

The 4.0–5.5 half of the rule `exchange_lint/rules/duplicate_server.py` serves for both generations; `RULE` is
re-exported here, where the 4.0–5.5 tests import it."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.duplicate_server import RULE
from exchange_lint.rules.support import duplicate_groups, primary_and_related


def check(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.servers, lambda s: s.name):
        sites = ", ".join(sorted({f"'{server.site}'" for server in group}))
        primary, related = primary_and_related([s.location for s in group], f"server '{group[0].name}' listed here")
        yield Problem(
            f"server '{group[0].name}' is listed {len(group)} times (sites {sites})",
            primary,
            related,
            hint="a server belongs to one site: list it once",
        )


__all__ = ["RULE", "check"]
