"""EXL302: connected site or routing-test origin that the organization does not declare.

The 4.0–5.5 half of the rule `exchange_lint/rules/unknown_site.py` serves for both generations; `RULE` is
re-exported here, where the 4.0–5.5 tests import it."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem
from exchange_lint.rules.unknown_site import RULE


def check(organization: Organization) -> Iterator[Problem]:
    sites = {site.name.casefold() for site in organization.sites}
    origins = sites | {server.name.casefold() for server in organization.servers}
    for connector in organization.connectors:
        for connected in connector.connected_sites:
            if connected.name.casefold() not in sites:
                yield Problem(
                    f"connector '{connector.name}' connects to site '{connected.name}', which organization "
                    f"'{organization.name}' does not declare",
                    connected.location,
                    hint="declare the site under `sites`, or correct the name",
                )
    for test in organization.routing_tests:
        if test.origin.casefold() not in origins:
            yield Problem(
                f"routing test starts at '{test.origin}', which is neither a declared site nor a declared server",
                test.location,
                hint="start it at a site or server the organization declares",
            )


__all__ = ["RULE", "check"]
