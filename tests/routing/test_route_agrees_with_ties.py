"""Property: `route` and the tie analysis behind EXL103 come to the same answer, from every origin.

Both apply the same selection steps (select.py); the analysis only applies them per site and then
per server. On generated organizations (real files through the real loader), for the recipients
the tie search routes, the load-balanced choices `route` shows, connector by connector and origin
by origin, are exactly the ties EXL103 reports, from exactly its origins.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from exchange_lint.addresses import Recipient
from exchange_lint.commands.route import routes_for
from exchange_lint.generations.exchange40_55.model import Organization, build_organization
from exchange_lint.generations.exchange40_55.routing.analysis import analyse, tie_witnesses
from exchange_lint.generations.exchange40_55.routing.select import LOAD_BALANCED, Route
from exchange_lint.generations.exchange40_55.routing.topology import Origin
from exchange_lint.load import load_file

SITES = ("EAST", "WEST", "HUB")
SERVERS = {"EAST": ("E1", "E2"), "WEST": ("W1", "W2"), "HUB": ("H1",)}
PATTERNS = ("*", "", "*@a.example", "x@a.example", "*.example", "*@*.example", "*a.example")
KINDS = ("internet_mail", "msmail", "site", "x400")

space = st.fixed_dictionaries(
    {"type": st.just("SMTP"), "address": st.sampled_from(PATTERNS), "cost": st.integers(1, 2)},
    optional={"scope": st.sampled_from(["organization", "site"])},
)


@st.composite
def organizations(draw: st.DrawFn) -> dict[str, Any]:
    sites = draw(st.lists(st.sampled_from(SITES), min_size=1, max_size=3, unique=True))
    servers = [server for site in sites for server in SERVERS[site][: draw(st.integers(0, len(SERVERS[site])))]]
    connectors = []
    for number in range(draw(st.integers(2, 6))):
        connector: dict[str, Any] = {
            "name": f"C{number}",
            "kind": draw(st.sampled_from(KINDS)),
            "address_spaces": draw(st.lists(space, min_size=1, max_size=2)),
        }
        server = draw(st.sampled_from([*servers, None, ""]))
        if server is not None:
            connector["server"] = server
        if connector["kind"] in ("site", "x400"):
            connector["connected_sites"] = [
                {"name": name, "cost": draw(st.integers(1, 3))}
                for name in draw(st.lists(st.sampled_from(sites), max_size=2, unique=True))
            ]
        connectors.append(connector)
    return {
        "version": 1,
        "organization": "Contoso",
        "exchange": "5.5",
        "sites": [{"name": site, "servers": [s for s in SERVERS[site] if s in servers]} for site in sites],
        "connectors": connectors,
    }


def _model(tmp_path: Path, data: dict[str, Any]) -> Organization:
    path = tmp_path / "org.yaml"
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")  # JSON is YAML
    return build_organization("Contoso", [load_file(path, "org.yaml", 1 << 20)])


def _origins(organization: Organization) -> list[tuple[str, Origin]]:
    """Every origin `route` takes: each server by name, and a site with no server by its own."""
    found = []
    for site in organization.sites:
        found += [(server.name, Origin(site.name, server.name)) for server in site.servers]
        if not site.servers:
            found.append((site.name, Origin(site.name, None)))
    return found


def _first(route: Route) -> Route:
    """The origin's own choice (the analysis judges the origin's MTA, not the sites after it)."""
    return route.hops[0] if route.hops else route


def _key(route: Route) -> frozenset[tuple[str, str]] | None:
    """A load-balanced choice as EXL103 keys its ties: each connector with its first address space."""
    if route.outcome != LOAD_BALANCED:
        return None
    members: dict[str, Any] = {}
    for candidate in route.selected:
        members.setdefault(candidate.name, candidate)
    if all(candidate.space.implicit for candidate in members.values()):
        return None  # parallel links to one site: balanced by design, never reported
    return frozenset((name, candidate.space.location.anchor) for name, candidate in members.items())


# What the search found on the code before selection was written once: a Site Connector with
# `server: ""` read as local by the tie analysis and as on no server by `route`.
EMPTY_SERVER = {
    "version": 1,
    "organization": "Contoso",
    "exchange": "5.5",
    "sites": [{"name": "EAST", "servers": ["E1"]}],
    "connectors": [
        {"name": "C0", "kind": "internet_mail", "address_spaces": [{"type": "SMTP", "address": "", "cost": 1}]},
        {
            "name": "C1",
            "kind": "site",
            "address_spaces": [{"type": "SMTP", "address": "", "cost": 1}],
            "server": "",
            "connected_sites": [],
        },
    ],
}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=organizations())
@example(data=EMPTY_SERVER)
def test_route_from_every_origin_agrees_with_the_tie_analysis(tmp_path: Path, data: dict[str, Any]) -> None:
    organization = _model(tmp_path, data)
    analysis = analyse(organization)
    tied_at = {
        frozenset((m.name, m.space.location.anchor) for m in tie.members): set(tie.origins) for tie in analysis.ties
    }
    routed: dict[frozenset[tuple[str, str]], set[Origin]] = {}
    for recipient in {overlap.witness for overlap in tie_witnesses(analysis)}:
        for name, origin in _origins(organization):
            (route,) = routes_for(organization, name, str(recipient))
            key = _key(_first(route))
            if key is not None:
                routed.setdefault(key, set()).add(_standing_for(organization, origin, recipient))
    assert routed == tied_at


def _standing_for(organization: Organization, origin: Origin, recipient: Recipient) -> Origin:
    """The analysis routes each server hosting a connector that matches the recipient, and one
    server of the site for all the others (they choose alike): the origin that stands for this one."""
    entries = analyse(organization).index.entries(recipient)
    hosts = {entry.connector.server.casefold() for entry in entries if entry.connector.server}
    if origin.server is None or origin.server.casefold() in hosts:
        return origin
    site = next(site for site in organization.sites if site.name == origin.site)
    neutral = next(server.name for server in site.servers if server.name.casefold() not in hosts)
    return Origin(origin.site, neutral)
