"""Where servers are and what reaching another AD site costs: the facts connector selection weighs.

From 2007 the transport servers route over AD IP site links: the cost of a connector is the cost
of the cheapest site-link path from the origin's site to its nearest source server's site, plus
the address space's own cost (Connector selection). Edge servers sit in the site of their Edge
subscription.
"""

from __future__ import annotations

import heapq
from typing import NamedTuple

from exchange_lint.generations.exchange2007_se.model import Organization, SendConnector


class Origin(NamedTuple):
    """Where a message starts: a server of a site, or a site with no server named."""

    site: str
    server: str | None

    def __str__(self) -> str:
        return f"server {self.server} (site {self.site})" if self.server else f"site {self.site}"


class Reach(NamedTuple):
    """A connector's nearest source server from a site: link cost and where that server is."""

    cost: int
    server: str
    site: str


class Topology:
    """Sites, servers and site-link costs of one organization (read-only once built)."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.site_names: dict[str, str] = {}  # folded -> as declared
        self.servers_of_site: dict[str, list[str]] = {}
        self.site_of_server: dict[str, str] = {}  # folded server name -> site
        self.server_names: dict[str, str] = {}  # folded -> as declared
        for site in organization.sites:
            self.site_names.setdefault(site.name.casefold(), site.name)
            members = self.servers_of_site.setdefault(site.name, [])
            for server in site.servers:
                if server.name.casefold() not in self.site_of_server and not server.edge:
                    members.append(server.name)
                self.site_of_server.setdefault(server.name.casefold(), site.name)
                self.server_names.setdefault(server.name.casefold(), server.name)
        for subscription in organization.edge_subscriptions:
            subscribed = self.site_names.get(subscription.site.casefold())
            if subscribed is not None:
                self.site_of_server.setdefault(subscription.edge.casefold(), subscribed)
                self.server_names.setdefault(subscription.edge.casefold(), subscription.edge)
        self.links: dict[str, list[tuple[str, int]]] = {name: [] for name in self.servers_of_site}
        for link in organization.site_links:
            ends = [self.site_names[s.casefold()] for s in link.sites if s.casefold() in self.site_names]
            for one in ends:
                self.links[one].extend((other, link.cost) for other in ends if other != one)
        self._paths: dict[str, dict[str, int]] = {}
        self._sources: dict[int, tuple[SendConnector, list[tuple[str, str]]]] = {}
        self._source_sites: dict[int, frozenset[str]] = {}
        self._source_names: dict[int, frozenset[str]] = {}
        self._nearest: dict[tuple[int, str], Reach | None] = {}  # the connectors stay alive in _sources
        self._components: dict[str, str] = {}

    def site_of(self, server: str) -> str | None:
        return self.site_of_server.get(server.casefold())

    def costs_from(self, site: str) -> dict[str, int]:
        """The cheapest site-link cost from `site` to every site it reaches (Dijkstra, kept per site)."""
        known = self._paths.get(site)
        if known is not None:
            return known
        costs: dict[str, int] = {site: 0}
        queue = [(0, site)]
        while queue:
            cost, here = heapq.heappop(queue)
            if cost > costs.get(here, cost):
                continue
            for there, step in self.links.get(here, ()):
                total = cost + step
                if total < costs.get(there, total + 1):
                    costs[there] = total
                    heapq.heappush(queue, (total, there))
        self._paths[site] = costs
        return costs

    def sources(self, connector: SendConnector) -> list[tuple[str, str]]:
        """(server, site) of each source server the sites or Edge subscriptions declare.

        Kept per connector: selection asks for it from every origin, and resolving the names each
        time made the analysis quadratic. Callers must not change the list."""
        known = self._sources.get(id(connector))
        if known is not None:
            return known[1]
        found = []
        for name in connector.source_transport_servers:
            site = self.site_of(name)
            if site is not None:
                found.append((self.server_names[name.casefold()], site))
        self._sources[id(connector)] = (connector, found)  # the connector kept: its id stays its own
        return found

    def source_sites(self, connector: SendConnector) -> frozenset[str]:
        """The sites of the connector's source servers (where a scoped connector is seen)."""
        known = self._source_sites.get(id(connector))
        if known is None:
            known = self._source_sites[id(connector)] = frozenset(home for _, home in self.sources(connector))
        return known

    def component(self, site: str) -> str:
        """A name shared by every site the site links connect to `site` (and by no other): the
        first of them in declaration order. Costs are symmetric, so reaching is an equivalence."""
        if not self._components:
            for name in self.servers_of_site:
                if name not in self._components:
                    for there in self.costs_from(name):
                        self._components.setdefault(there, name)
        return self._components.get(site, site)

    def nearest(self, connector: SendConnector, site: str) -> Reach | None:
        """The connector's source server nearest to `site` (ties: the origin's site, then by name),
        kept per (connector, site): selection weighs every matching connector from each origin."""
        key = (id(connector), site)
        if key not in self._nearest:
            costs = self.costs_from(site)
            reachable = [Reach(costs[home], server, home) for server, home in self.sources(connector) if home in costs]
            self._nearest[key] = min(
                reachable, key=lambda r: (r.cost, r.site != site, r.server.casefold()), default=None
            )
        return self._nearest[key]

    def source_names(self, connector: SendConnector) -> frozenset[str]:
        """The connector's source servers (folded) that resolve: the origins that are one of them."""
        known = self._source_names.get(id(connector))
        if known is None:
            known = self._source_names[id(connector)] = frozenset(n.casefold() for n, _ in self.sources(connector))
        return known

    def visible(self, connector: SendConnector, site: str) -> bool:
        """A scoped connector is seen only from the AD site of one of its source servers."""
        return not connector.scoped or site in self.source_sites(connector)

    def resolve(self, name: str) -> list[Origin]:
        """The origins `name` stands for: one server, or each (non-Edge) server of a site (the site
        itself when it declares none)."""
        folded = name.casefold()
        site = self.site_names.get(folded)
        if site is not None:
            servers = self.servers_of_site[site]
            return [Origin(site, server) for server in servers] or [Origin(site, None)]
        home = self.site_of_server.get(folded)
        if home is not None:
            return [Origin(home, self.server_names[folded])]
        return []

    def origins(self) -> list[Origin]:
        """Every origin that may choose on its own: each transport server, or a site with none."""
        return [origin for site in self.servers_of_site for origin in self.resolve(site)]


def describe_origins(origins: list[Origin], most: int = 4) -> str:
    """`server EX03 (site BRANCH)`, or `servers EX01, EX02 (site HQ)`, … with the rest counted."""
    by_site: dict[str, list[str]] = {}
    for origin in origins:
        by_site.setdefault(origin.site, []).append(origin.server or "")
    parts = []
    for site, servers in sorted(by_site.items()):
        named = sorted({s for s in servers if s})
        if not named:
            parts.append(f"site {site}")
        else:
            plural = "s" if len(named) > 1 else ""
            parts.append(f"server{plural} {', '.join(named)} (site {site})")
    more = len(parts) - most
    return "; ".join(parts[:most]) + (f"; and {more} more site(s)" if more > 0 else "")
