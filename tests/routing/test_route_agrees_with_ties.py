"""Property: `route` and the tie analysis behind EXL103 come to the same answer, from every origin.

Both apply the same selection steps (select.py); the analysis only applies them per site and then
per server. On generated organizations (real files through the real loader), every load-balanced
tie the analysis reports must be what `route` shows from each of its origins, and wherever `route`
load-balances one of the recipients the analysis routes, the analysis must report that tie from
that origin.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exchange_lint.addresses import Recipient, match, match_bound
from exchange_lint.commands.route import routes_for
from exchange_lint.generations.exchange40_55.model import Organization, build_organization
from exchange_lint.generations.exchange40_55.routing.analysis import analyse
from exchange_lint.generations.exchange40_55.routing.overlap import witness
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


def _recipients(organization: Organization) -> set[Recipient]:
    """The recipients the tie analysis routes (overlap.py, analysis.py): a typical recipient of each
    pattern carried by two connectors or more, and one of each two patterns that can match alike
    where both do match alike."""
    groups: dict[str, set[str]] = {}
    for connector in organization.connectors:
        for space in connector.address_spaces:
            groups.setdefault(space.address.strip().casefold(), set()).add(connector.name)
    found = {witness("SMTP", pattern) for pattern, names in groups.items() if len(names) > 1}
    for one, two in combinations(groups, 2):
        if match_bound("SMTP", one) != match_bound("SMTP", two):
            continue
        both = witness("SMTP", one, two)
        if both is not None and match("SMTP", one, both) == match("SMTP", two, both):
            found.add(both)
    return {recipient for recipient in found if recipient is not None}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=organizations())
def test_route_from_every_origin_agrees_with_the_tie_analysis(tmp_path: Path, data: dict[str, Any]) -> None:
    organization = _model(tmp_path, data)
    ties = analyse(organization).ties
    origins = _origins(organization)
    tied_at = {frozenset((m.name, m.space.location.anchor) for m in tie.members): set(tie.origins) for tie in ties}
    for tie in ties:  # each tie is what `route` shows from each of its origins
        for name, origin in origins:
            if origin in tie.origins:
                (route,) = routes_for(organization, name, str(tie.recipient))
                assert _key(_first(route)) in tied_at, (name, tie.recipient)
                assert {c.name for c in _first(route).selected} == {m.name for m in tie.members}
    for recipient in _recipients(organization):  # and `route` load-balances nowhere else
        for name, origin in origins:
            (route,) = routes_for(organization, name, str(recipient))
            key = _key(_first(route))
            if key is None:
                continue
            assert key in tied_at, (name, recipient, "load-balanced in `route`, no such tie in EXL103")
            # The analysis routes one server per site for the servers hosting no candidate: they agree.
            site = [o for o in tied_at[key] if o.site == origin.site]
            assert origin in site or any(_same_choice(organization, o, origin, recipient) for o in site), (
                name,
                recipient,
            )


def _same_choice(organization: Organization, one: Origin, two: Origin, recipient: Recipient) -> bool:
    """Two servers of one site hosting no connector that matches the recipient choose alike."""
    entries = analyse(organization).index.entries(recipient)
    hosts = {entry.connector.server.casefold() for entry in entries if entry.connector.server}
    return (one.server or "").casefold() not in hosts and (two.server or "").casefold() not in hosts
