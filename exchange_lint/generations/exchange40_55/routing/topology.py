"""Where a connector sits relative to an originator: site paths and their costs, scope, locality.

Cost model (the sources say only that the MTA weighs the end-to-end cost, XCP09007, and show
longer chains costing more, Q159186/Q243274): the cost of a route through a connector in another
site is the address space's cost plus the connected-site costs along the cheapest chain of
site-to-site links from the originator's site to the connector's site. A link declared on one
side only is taken to work both ways at its declared cost, unless the connector lists that site as
one it reaches through another site it also lists.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from exchange_lint.addresses import Recipient, match
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization, Site
from exchange_lint.generations.exchange40_55.routing.kinds import SITE_TO_SITE


class Origin(NamedTuple):
    """Where a message is routed from: a server (locality known) or a site with no server named."""

    site: str
    server: str | None

    def __str__(self) -> str:
        return f"server {self.server} (site {self.site})" if self.server else f"site {self.site}"


def describe_origins(origins: Sequence[Origin], limit: int = 3) -> str:
    """`servers A, B, C and 2 more`: where mail is routed from, in a message."""
    names = list(dict.fromkeys(o.server or f"site {o.site}" for o in origins))
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    label = "server" if len(names) == 1 and origins[0].server else "servers"
    return f"{label} {', '.join(names[:limit])}{more}"


class Paths(NamedTuple):
    """The cheapest cost from one site to each site it reaches, and the site before each on that
    path: one entry per site, so a long chain of sites costs linear memory, and the chain itself
    is spelled out only for the few routes that are shown."""

    source: str
    costs: dict[str, int]
    previous: dict[str, str]

    def chain(self, site: str) -> tuple[str, ...]:
        """The sites from the source to `site`, both included."""
        sites = [site]
        while site != self.source:
            site = self.previous[site]
            sites.append(site)
        return tuple(reversed(sites))


class Topology:
    """Sites, servers and site links of one organization, with path costs computed on demand."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.site_of_server: dict[str, str] = {}
        self.servers_of_site: dict[str, tuple[str, ...]] = {}
        self.links: dict[str, dict[str, int]] = {}
        self._distances: dict[str, Paths] = {}
        self._neighbours: dict[str, list[tuple[str, int]]] = {}  # links, in name order
        self._server_names: dict[str, str] = {}  # case-folded → as declared
        self._sites: dict[str, Site] = {}  # by name, the first declared
        self._homes: dict[int, str | None] = {}  # connector_site, by id(connector)

    def connector_site(self, connector: Connector) -> str | None:
        if id(connector) in self._homes:
            return self._homes[id(connector)]
        home = self._home(connector)
        self._homes[id(connector)] = home
        return home

    def _home(self, connector: Connector) -> str | None:
        if connector.server:
            found = self.site_of_server.get(connector.server.casefold())
            if found is not None:
                return found
        # Unplaced: in a one-site organization it can only be in that site.
        return next(iter(self.servers_of_site)) if len(self.servers_of_site) == 1 else None

    def resolve(self, name: str) -> list[Origin]:
        """A server name, or a site name (one origin per server of the site); [] when unknown."""
        if name.casefold() in self.site_of_server:
            return [Origin(self.site_of_server[name.casefold()], self._server_names[name.casefold()])]
        for site, servers in self.servers_of_site.items():
            if site.casefold() == name.casefold():
                return [Origin(site, server) for server in servers] or [Origin(site, None)]
        return []

    def paths_from(self, site: str) -> Paths:
        """Cheapest path costs from `site` to every reachable site (Dijkstra); among equally cheap
        paths, the one found first going through neighbours in name order."""
        cached = self._distances.get(site)
        if cached is not None:
            return cached
        costs = {site: 0}
        previous: dict[str, str] = {}
        queue: list[tuple[int, str]] = [(0, site)]
        while queue:
            cost, here = heapq.heappop(queue)
            if cost > costs[here]:
                continue
            for there, step in self._neighbours.get(here, ()):
                total = cost + step
                known = costs.get(there)
                if known is None or total < known:
                    costs[there] = total
                    previous[there] = here
                    heapq.heappush(queue, (total, there))
        paths = Paths(site, costs, previous)
        self._distances[site] = paths
        return paths

    def restricted(self, space: AddressSpace) -> bool:
        """Restrictions exist from 5.5 on; before, every address space is organization-wide."""
        return space.scope != "organization" and self.organization.exchange not in ("4.0", "5.0")

    def local_recipient(self, origin: Origin, recipient: Recipient) -> str | None:
        """Why the recipient is in the origin's own site (the MTA delivers it, no connector), or None.

        The site proxy space is checked before any route (Q180547): the site's X.400 address when
        declared, and its directory name `/O=org/OU=site`.
        """
        site = self._sites.get(origin.site)
        if site is None:
            return None
        if recipient.type == "X400" and site.x400_address and match("X400", site.x400_address, recipient):
            return f"it is inside site {site.name}'s own X.400 address ({site.x400_address})"
        directory_name = f"/O={self.organization.name}/OU={site.name}"
        if recipient.type == "EX" and match("EX", directory_name, recipient):
            return f"it is inside site {site.name}'s directory name ({directory_name})"
        return None

    def is_local(self, connector: Connector, origin: Origin) -> bool:
        """On the routing server; a Site Connector tied to no bridgehead counts as local (BORES-MTA)."""
        if connector.server is None:
            return connector.kind == "site"
        return origin.server is not None and connector.server.casefold() == origin.server.casefold()


def in_scope(restricted: bool, home: str | None, site: str) -> bool:
    """5.5 restriction: organization, this site, or this location (Q233081, Q279404, Q234639). An
    address space restricted to its site is seen from that site only; locations are declared per
    site here, so `location` narrows no further than `site`."""
    return not restricted or home == site


def build_topology(organization: Organization) -> Topology:
    topology = Topology(organization)
    for site in organization.sites:
        topology._sites.setdefault(site.name, site)
        topology.servers_of_site.setdefault(site.name, ())
        topology.servers_of_site[site.name] += tuple(server.name for server in site.servers)
        for server in site.servers:
            topology.site_of_server.setdefault(server.name.casefold(), site.name)
            topology._server_names.setdefault(server.name.casefold(), server.name)
    declared: dict[tuple[str, str], int] = {}
    listings: list[tuple[str, list[str]]] = []
    for connector in linking(organization.connectors):
        home = topology.connector_site(connector)
        if home is None:
            continue
        listed = [c.name for c in connector.connected_sites if c.name != home and c.name in topology.servers_of_site]
        listings.append((home, listed))
        for connected in connector.connected_sites:
            if connected.name in listed:
                key = (home, connected.name)
                declared[key] = min(declared.get(key, connected.cost), connected.cost)
    adjacent: dict[str, set[str]] = {}
    for home, remote in declared:
        adjacent.setdefault(home, set()).add(remote)
        adjacent.setdefault(remote, set()).add(home)
    for (home, remote), cost in declared.items():
        topology.links.setdefault(home, {})[remote] = cost
    # A link declared on one side only works both ways, unless the listed site is reached only
    # indirectly, through another site the same connector lists (Exchange lists such sites too).
    for home, listed in listings:
        others = set(listed)
        for remote in listed:
            indirect = bool((adjacent.get(remote, set()) & others) - {remote})
            if (remote, home) not in declared and not indirect:
                topology.links.setdefault(remote, {}).setdefault(home, declared[(home, remote)])
    # Costs run 1-100 (XOG06005); a negative one (a schema error, EXL002) counts as 0, since the
    # cheapest-path search needs costs that never shrink a path.
    for here, reached in topology.links.items():
        topology._neighbours[here] = [(there, max(step, 0)) for there, step in sorted(reached.items())]
    return topology


def linking(connectors: Iterable[Connector]) -> Iterable[Connector]:
    """Connectors that join Exchange sites: site-to-site kinds, and the IMS with connected sites (5.0+)."""
    return (c for c in connectors if c.kind in SITE_TO_SITE or (c.kind == "internet_mail" and c.connected_sites))
