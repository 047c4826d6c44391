"""EXL301: connector on a server that no site declares.

The 4.0–5.5 half of the rule `exchange_lint/rules/unknown_server.py` serves for both generations; `RULE` is
re-exported here, where the 4.0–5.5 tests import it."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.unknown_server import RULE


def check(organization: Organization) -> Iterator[Problem]:
    servers = {server.name.casefold() for server in organization.servers}
    for connector in organization.connectors:
        if connector.server is None and len(organization.sites) > 1:
            yield Problem(
                f"connector '{connector.name}' names no `server`, and organization '{organization.name}' has "
                f"{len(organization.sites)} sites: the routing model cannot tell which site it is in, so it "
                "leaves it out of every route",
                connector.location,
                hint="name its server (for a Site Connector, any server of its site)",
            )
            continue
        if connector.server is None or connector.server.casefold() in servers:
            continue
        known = ", ".join(sorted(s.name for s in organization.servers)) or "none declared"
        yield Problem(
            f"connector '{connector.name}' runs on server '{connector.server}', which no site of "
            f"organization '{organization.name}' declares (servers: {known})",
            connector.server_location or connector.location,
            hint="declare the server under its site's `servers`, or correct the name",
        )


__all__ = ["RULE", "check"]
