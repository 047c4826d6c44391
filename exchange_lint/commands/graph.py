"""`exchange-lint graph`: sites, servers, connectors and address spaces as Mermaid or Graphviz DOT.

Mermaid is the default because GitHub renders it in Markdown (`--format markdown` adds the fence);
connectors in a load-balanced tie (EXL103) are drawn in red.
"""

from __future__ import annotations

from typing import TextIO

from exchange_lint.config import DEFAULT_RULE_TIME_BUDGET
from exchange_lint.generations.exchange40_55.model import Connector, Organization
from exchange_lint.generations.exchange40_55.routing.analysis import MAX_SITES, analyse
from exchange_lint.report import printable

GRAPH_FORMATS = ("mermaid", "markdown", "dot")


def _mermaid_text(text: str) -> str:
    """A name in a Mermaid label: on one line (a line break could end the Markdown fence), quoted."""
    return printable(text).replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")


def _dot_text(text: str) -> str:
    """A name in a DOT string: on one line, quoted."""
    return printable(text).replace("\\", "\\\\").replace('"', '\\"')


def _label(connector: Connector) -> list[str]:
    spaces = [space.text for space in connector.address_spaces[:6]]
    if len(connector.address_spaces) > 6:
        spaces.append(f"... {len(connector.address_spaces) - 6} more")
    return [connector.name, connector.kind, *spaces]


def _ids(organization: Organization) -> tuple[dict[str, str], dict[str, str], dict[int, str]]:
    sites = {site.name: f"site{number}" for number, site in enumerate(organization.sites)}
    servers = {server.name: f"server{number}" for number, server in enumerate(organization.servers)}
    connectors = {id(c): f"conn{number}" for number, c in enumerate(organization.connectors)}
    return sites, servers, connectors


def tied_connectors(organization: Organization, budget: float) -> tuple[set[str], str | None]:
    """The connectors in a load-balanced tie (EXL103), and why none are marked when the routing
    analysis could not say: it gets the time budget a rule gets, past which the graph is drawn
    without the marks."""
    from exchange_lint.budget import OverBudget, time_budget

    analysis = analyse(organization)
    if analysis.oversized:
        return set(), f"load-balanced routes not marked: more than {MAX_SITES:,} sites, beyond the routing analysis"
    try:
        with time_budget(budget):
            ties = analysis.ties
    except OverBudget:
        return set(), f"load-balanced routes not marked: the routing analysis ran out of its {budget:g} s budget"
    return {m.connector.name for tie in ties for m in tie.members}, None


def mermaid(organization: Organization, budget: float = DEFAULT_RULE_TIME_BUDGET) -> str:
    sites, servers, connectors = _ids(organization)
    tied, note = tied_connectors(organization, budget)
    site_of = {server.name: server.site for server in organization.servers}
    lines = ["flowchart LR"]
    if note:
        lines.append(f"  %% {note}")
    for site in organization.sites:
        lines.append(f'  subgraph {sites[site.name]}["Site {_mermaid_text(site.name)}"]')
        for server in site.servers:
            lines.append(f'    {servers[server.name]}(["{_mermaid_text(server.name)}"])')
        for connector in organization.connectors:
            if site_of.get(connector.server or "") == site.name:
                label = "<br/>".join(_mermaid_text(part) for part in _label(connector))
                lines.append(f'    {connectors[id(connector)]}["{label}"]')
        lines.append("  end")
    for connector in organization.connectors:
        if site_of.get(connector.server or "") is None:
            label = "<br/>".join(_mermaid_text(part) for part in _label(connector))
            lines.append(f'  {connectors[id(connector)]}["{label}"]')
    for connector in organization.connectors:
        node = connectors[id(connector)]
        if connector.server in servers:
            lines.append(f"  {servers[connector.server]} --- {node}")
        for connected in connector.connected_sites:
            if connected.name in sites:
                lines.append(f"  {node} -->|cost {connected.cost}| {sites[connected.name]}")
    lines.append("  classDef tie stroke:#d00,stroke-width:3px,color:#d00")
    marked = [connectors[id(c)] for c in organization.connectors if c.name in tied]
    if marked:
        lines.append(f"  class {','.join(marked)} tie")
    return "\n".join(lines) + "\n"


def dot(organization: Organization, budget: float = DEFAULT_RULE_TIME_BUDGET) -> str:
    sites, servers, connectors = _ids(organization)
    tied, note = tied_connectors(organization, budget)
    site_of = {server.name: server.site for server in organization.servers}
    lines = [f'digraph "{_dot_text(organization.name)}" {{', "  rankdir=LR;", "  node [shape=box];"]
    if note:
        lines.append(f"  // {note}")
    for site in organization.sites:
        lines.append(f"  subgraph cluster_{sites[site.name]} {{")
        lines.append(f'    label="Site {_dot_text(site.name)}";')
        lines.append(f'    {sites[site.name]} [label="{_dot_text(site.name)}", shape=point];')
        for server in site.servers:
            lines.append(f'    {servers[server.name]} [label="{_dot_text(server.name)}", shape=ellipse];')
        for connector in organization.connectors:
            if site_of.get(connector.server or "") == site.name:
                lines.append(f"    {_dot_connector(connector, connectors[id(connector)], connector.name in tied)}")
        lines.append("  }")
    for connector in organization.connectors:
        if site_of.get(connector.server or "") is None:
            lines.append(f"  {_dot_connector(connector, connectors[id(connector)], connector.name in tied)}")
    for connector in organization.connectors:
        node = connectors[id(connector)]
        if connector.server in servers:
            lines.append(f"  {servers[connector.server]} -> {node} [arrowhead=none];")
        for connected in connector.connected_sites:
            if connected.name in sites:
                lines.append(f'  {node} -> {sites[connected.name]} [label="cost {connected.cost}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_connector(connector: Connector, node: str, tied: bool) -> str:
    label = "\\n".join(_dot_text(part) for part in _label(connector))
    style = ', color="#dd0000", fontcolor="#dd0000", penwidth=3' if tied else ""
    return f'{node} [label="{label}"{style}];'


def run(organization: Organization, fmt: str, out: TextIO, budget: float = DEFAULT_RULE_TIME_BUDGET) -> int:
    if fmt == "dot":
        out.write(dot(organization, budget))
    elif fmt == "markdown":
        out.write(f"```mermaid\n{mermaid(organization, budget)}```\n")
    else:
        out.write(mermaid(organization, budget))
    return 0
