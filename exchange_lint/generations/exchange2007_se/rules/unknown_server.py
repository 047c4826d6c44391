"""EXL301 for 2007–SE: a Send connector source server or a Receive connector server that no AD site
(nor an Edge subscription) declares.

The 2007–SE half of the rule `exchange_lint/rules/unknown_server.py` serves for both generations.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Location
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem

HINT = "declare the server under its AD site's `servers` (an Edge under `edge_subscriptions`), or correct the name"


def check(organization: Organization) -> Iterator[Problem]:
    # An Edge subscription declares its Edge: the Edge is in no AD site, it is placed in the
    # subscription's (DESIGN §9), so a connector on it names a known server.
    declared = [server.name for server in organization.servers]
    declared += [subscription.edge for subscription in organization.edge_subscriptions]
    known = {name.casefold(): name for name in reversed(declared)}  # as first written
    listing = ", ".join(sorted(known.values(), key=str.casefold)) or "none declared"

    def unknown(kind: str, connector: str, server: str, location: Location) -> Problem:
        return Problem(
            f"{kind} '{connector}' runs on server '{server}', which no site of organization "
            f"'{organization.name}' declares (servers: {listing})",
            location,
            hint=HINT,
        )

    for send in organization.send_connectors:
        for index, server in enumerate(send.source_transport_servers):
            if server.casefold() not in known:
                yield unknown("Send connector", send.name, server, send.source_at(index))
    for receive in organization.receive_connectors:
        if receive.server is not None and receive.server.casefold() not in known:
            yield unknown("Receive connector", receive.name, receive.server, receive.at("server"))
