"""EXL303 for 2007–SE: two Send connectors with one name, or two Receive connectors with one name on
the same server.

The 2007–SE half of the rule `exchange_lint/rules/duplicate_connector_name.py` serves for both
generations. A Send connector is an organization-wide object (its identity is its name); a Receive
connector belongs to its server (identity `SERVER\\Name`), so `Default Frontend EX01` may exist
once on each server.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.support import duplicate_groups, primary_and_related


def check(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.send_connectors, lambda c: c.name):
        name = group[0].name
        primary, related = primary_and_related([c.location for c in group], f"a Send connector named '{name}'")
        yield Problem(
            f"Send connector name '{name}' is used by {len(group)} Send connectors",
            primary,
            related,
            hint="Send connector names are unique in the organization: rename all but one",
        )
    with_server = [c for c in organization.receive_connectors if c.server is not None]
    for same in duplicate_groups(with_server, lambda c: f"{c.server}\\{c.name}"):
        name, server = same[0].name, same[0].server
        primary, related = primary_and_related(
            [c.location for c in same], f"a Receive connector named '{name}' on server '{server}'"
        )
        yield Problem(
            f"Receive connector name '{name}' is used by {len(same)} Receive connectors on server '{server}'",
            primary,
            related,
            hint="Receive connector names are unique on a server (identity SERVER\\Name): rename all but one",
        )
