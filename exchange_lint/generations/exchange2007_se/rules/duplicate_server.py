"""EXL306 for 2007–SE: a server listed in more than one AD site, or twice in one.

The 2007–SE half of the rule `exchange_lint/rules/duplicate_server.py` serves for both generations.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.support import duplicate_groups, primary_and_related


def check(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.servers, lambda s: s.name):
        sites = ", ".join(sorted({f"'{server.site}'" for server in group}))
        primary, related = primary_and_related([s.location for s in group], f"server '{group[0].name}' listed here")
        yield Problem(
            f"server '{group[0].name}' is listed {len(group)} times (AD sites {sites})",
            primary,
            related,
            hint="a server is in one AD site: list it once (the connector costs from it follow its site)",
        )
