"""`exchange-lint graph` for Exchange 2007–SE: AD sites and their site links, transport and Edge
servers, and the Send connectors hanging off their source servers (Mermaid, Markdown or DOT)."""

from __future__ import annotations

from typing import TextIO

from exchange_lint.commands.graph import _dot_text, _mermaid_text
from exchange_lint.generations.exchange2007_se.model import Organization, SendConnector
from exchange_lint.generations.exchange2007_se.routing.topology import Topology


def _label(connector: SendConnector) -> list[str]:
    spaces = [space.text for space in connector.address_spaces[:6]]
    if len(connector.address_spaces) > 6:
        spaces.append(f"... {len(connector.address_spaces) - 6} more")
    flags = [word for word, on in (("scoped", connector.scoped), ("disabled", not connector.enabled)) if on]
    return [connector.name, f"Send connector{' (' + ', '.join(flags) + ')' if flags else ''}", *spaces]


class _Drawing:
    """Node ids and who sits where, shared by both notations."""

    def __init__(self, organization: Organization) -> None:
        self.organization = organization
        self.topology = Topology(organization)
        self.sites = {site: f"site{n}" for n, site in enumerate(self.topology.servers_of_site)}
        self.servers: dict[str, str] = {}  # folded name -> id
        self.members: dict[str, list[tuple[str, str]]] = {site: [] for site in self.sites}  # site -> (id, label)
        for folded, site in self.topology.site_of_server.items():
            node = self.servers[folded] = f"server{len(self.servers)}"
            name = self.topology.server_names[folded]
            edge = any(s.edge.casefold() == folded for s in organization.edge_subscriptions) or any(
                server.edge for server in organization.servers if server.name.casefold() == folded
            )
            self.members[site].append((node, f"{name} (Edge)" if edge else name))
        self.connectors = {id(c): f"conn{n}" for n, c in enumerate(organization.send_connectors)}
        self.links = [
            (self.sites[a], self.sites[b], link.cost)
            for link in organization.site_links
            for number, a in enumerate(self.topology.site_names.get(s.casefold(), "") for s in link.sites)
            for b in [self.topology.site_names.get(s.casefold(), "") for s in link.sites][number + 1 :]
            if a in self.sites and b in self.sites
        ]

    def sources(self, connector: SendConnector) -> list[str]:
        return [self.servers[n.casefold()] for n in connector.source_transport_servers if n.casefold() in self.servers]


def mermaid(organization: Organization) -> str:
    drawing = _Drawing(organization)
    lines = ["flowchart LR"]
    for site, node in drawing.sites.items():
        lines.append(f'  subgraph {node}["AD site {_mermaid_text(site)}"]')
        lines.extend(f'    {server}(["{_mermaid_text(label)}"])' for server, label in drawing.members[site])
        lines.append("  end")
    for connector in organization.send_connectors:
        label = "<br/>".join(_mermaid_text(part) for part in _label(connector))
        lines.append(f'  {drawing.connectors[id(connector)]}["{label}"]')
    for a, b, cost in drawing.links:
        lines.append(f"  {a} <-->|site link cost {cost}| {b}")
    for connector in organization.send_connectors:
        lines.extend(f"  {server} --> {drawing.connectors[id(connector)]}" for server in drawing.sources(connector))
    return "\n".join(lines) + "\n"


def dot(organization: Organization) -> str:
    drawing = _Drawing(organization)
    lines = [f'digraph "{_dot_text(organization.name)}" {{', "  rankdir=LR;", "  node [shape=box];"]
    for site, node in drawing.sites.items():
        lines.append(f"  subgraph cluster_{node} {{")
        lines.append(f'    label="AD site {_dot_text(site)}";')
        lines.append(f'    {node} [label="{_dot_text(site)}", shape=point];')
        lines.extend(
            f'    {server} [label="{_dot_text(label)}", shape=ellipse];' for server, label in drawing.members[site]
        )
        lines.append("  }")
    for connector in organization.send_connectors:
        label = "\\n".join(_dot_text(part) for part in _label(connector))
        lines.append(f'  {drawing.connectors[id(connector)]} [label="{label}"];')
    for a, b, cost in drawing.links:
        lines.append(f'  {a} -> {b} [dir=both, label="site link cost {cost}"];')
    for connector in organization.send_connectors:
        lines.extend(f"  {server} -> {drawing.connectors[id(connector)]};" for server in drawing.sources(connector))
    lines.append("}")
    return "\n".join(lines) + "\n"


def run(organization: Organization, fmt: str, out: TextIO) -> int:
    if fmt == "dot":
        out.write(dot(organization))
    elif fmt == "markdown":
        out.write(f"```mermaid\n{mermaid(organization)}```\n")
    else:
        out.write(mermaid(organization))
    return 0
