"""The GWART: the routing table the MTA of one site routes from (Q149121, Q243274).

One row per address space the site can see: its own connectors' spaces, and every other site's
organization-wide spaces (replicated), at the end-to-end cost over the cheapest site path.
Site-scoped spaces of other sites are not replicated; Site Connector spaces between replicated
sites never get in (Q182128).
"""

from __future__ import annotations

from typing import NamedTuple

from exchange_lint.addresses import parse_recipient
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector
from exchange_lint.generations.exchange40_55.routing.analysis import Analysis
from exchange_lint.generations.exchange40_55.routing.select import distance
from exchange_lint.generations.exchange40_55.routing.topology import Origin

SECTIONS = ("DN", "DDA", "O/R")


def section(space_type: str) -> str:
    """The GWART's three parts: DN (`EX`), O/R (`X400`), DDA (everything else)."""
    return "DN" if space_type == "EX" else "O/R" if space_type == "X400" else "DDA"


class Row(NamedTuple):
    section: str
    connector: Connector
    space: AddressSpace
    cost: int
    path: tuple[str, ...]


def gwart(analysis: Analysis, site: str) -> list[Row]:
    topology = analysis.topology
    paths = topology.paths_from(site)
    best: dict[tuple[str, str, str], Row] = {}
    for connector, space in analysis.index.spaces:
        home = topology.connector_site(connector)
        cost = distance(home, topology.restricted(space), site, paths)
        if isinstance(cost, str) or home is None:  # out of scope, in no site (`distance` says so), not linked
            continue
        path = paths.chain(home)
        if _circular(analysis, path, space):
            continue
        # Only the lowest-cost route through each connector for each address space (Q243274).
        key = (connector.name, space.type, space.address.strip().casefold())
        row = Row(section(space.type), connector, space, space.cost + cost, path)
        if key not in best or row.cost < best[key].cost:
            best[key] = row
    rows = list(best.values())
    rows.sort(
        key=lambda r: (SECTIONS.index(r.section), r.space.type, r.space.address.casefold(), r.cost, r.connector.name)
    )
    return rows


def _circular(analysis: Analysis, path: tuple[str, ...], space: AddressSpace) -> bool:
    """A route to a site's own address that starts in, or passes through, that site is circular:
    the routing calculation filters such routes out (Q159186)."""
    recipient = parse_recipient(f"{space.type}:{space.address}")
    topology = analysis.topology
    return recipient is not None and any(
        topology.local_recipient(Origin(site, None), recipient) is not None for site in path
    )
