"""EXL302 for 2007–SE: a site link or Edge subscription naming an AD site the organization does not
declare, or a routing test from neither a site nor a server.

The 2007–SE half of the rule `exchange_lint/rules/unknown_site.py` serves for both generations.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem

HINT = "declare the AD site under `sites`, or correct the name"


def check(organization: Organization) -> Iterator[Problem]:
    sites = {site.name.casefold() for site in organization.sites}
    servers = {server.name.casefold() for server in organization.servers}
    origins = sites | servers | {subscription.edge.casefold() for subscription in organization.edge_subscriptions}
    for link in organization.site_links:
        for index, site in enumerate(link.sites):
            if site.casefold() not in sites:
                yield Problem(
                    f"site link between {', '.join(link.sites)} names site '{site}', which organization "
                    f"'{organization.name}' does not declare: its cost joins no path",
                    link.site_locations[index] if link.site_locations else link.location,
                    hint=HINT,
                )
    for subscription in organization.edge_subscriptions:
        if subscription.site.casefold() not in sites:
            yield Problem(
                f"Edge subscription of '{subscription.edge}' names site '{subscription.site}', which organization "
                f"'{organization.name}' does not declare: the routing model cannot place the Edge",
                subscription.site_location or subscription.location,
                hint=HINT,
            )
    for test in organization.routing_tests:
        if test.origin.casefold() not in origins:
            yield Problem(
                f"routing test starts at '{test.origin}', which is neither a declared site nor a declared server",
                test.location,
                hint="start it at a site or server the organization declares",
            )
