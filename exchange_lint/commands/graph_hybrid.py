"""`exchange-lint graph` for a hybrid pair: the 2007–SE drawing, then the tenant's inbound and
outbound connectors and the connectors between the two sides: the hybrid Send connector to each
OnPremises inbound connector (with the certificate name it presents), and each OnPremises outbound
connector to the on-premises hosts it delivers to."""

from __future__ import annotations

from typing import TextIO

from exchange_lint.commands import graph_se
from exchange_lint.commands.graph import _dot_text, _mermaid_text
from exchange_lint.generations.exchange2007_se.facts import to_exchange_online
from exchange_lint.generations.exchange_online.model import ON_PREMISES, InboundConnector, OutboundConnector
from exchange_lint.generations.hybrid.certificates import presented
from exchange_lint.generations.hybrid.model import Organization


class _Seam:
    """The tenant's node ids and the edges that cross between the two sides, for both notations."""

    def __init__(self, organization: Organization) -> None:
        tenant = organization.online
        self.inbound = {id(c): f"exoin{n}" for n, c in enumerate(tenant.inbound_connectors)}
        self.outbound = {id(c): f"exoout{n}" for n, c in enumerate(tenant.outbound_connectors)}
        hosts = sorted(
            {host for c in tenant.outbound_connectors if c.connector_type == ON_PREMISES for host in c.smart_hosts}
        )
        self.hosts = {host: f"host{n}" for n, host in enumerate(hosts)}
        # graph_se names Send connectors by their place in the list: the same ids here.
        sends = {id(c): f"conn{n}" for n, c in enumerate(organization.on_premises.send_connectors)}
        names = {id(p.connector): p.name for p in presented(organization)}
        receivers = [c for c in tenant.inbound_connectors if c.connector_type == ON_PREMISES and c.enabled]
        self.edges: list[tuple[str, str, str]] = [
            (sends[id(send)], self.inbound[id(inbound)], f"TLS {names[id(send)]}" if id(send) in names else "TLS")
            for send in organization.on_premises.send_connectors
            if to_exchange_online(send)
            for inbound in receivers
        ]
        self.edges.extend(
            (self.outbound[id(c)], self.hosts[host], "smart host")
            for c in tenant.outbound_connectors
            if c.connector_type == ON_PREMISES
            for host in c.smart_hosts
        )


def _inbound_label(connector: InboundConnector) -> list[str]:
    state = "" if connector.enabled else ", disabled"
    return [connector.name, f"inbound connector ({connector.connector_type}{state})"]


def _outbound_label(connector: OutboundConnector) -> list[str]:
    state = "" if connector.enabled else ", disabled"
    domains = list(connector.recipient_domains[:6])
    if connector.all_accepted_domains:
        domains.append("all accepted domains")
    return [connector.name, f"outbound connector ({connector.connector_type}{state})", *domains]


_BR = "<br/>"
_NEWLINE = "\\n"  # a line break inside a DOT label


def _nodes(organization: Organization, seam: _Seam) -> list[tuple[str, list[str]]]:
    """(node id, label lines) of the tenant's connectors."""
    tenant = organization.online
    return [
        *((seam.inbound[id(c)], _inbound_label(c)) for c in tenant.inbound_connectors),
        *((seam.outbound[id(c)], _outbound_label(c)) for c in tenant.outbound_connectors),
    ]


def mermaid(organization: Organization) -> str:
    seam = _Seam(organization)
    lines = graph_se.mermaid(organization.on_premises).splitlines()
    lines.append(f'  subgraph tenant["Exchange Online tenant {_mermaid_text(organization.name)}"]')
    for node, label in _nodes(organization, seam):
        lines.append(f'    {node}["{_BR.join(_mermaid_text(part) for part in label)}"]')
    lines.append("  end")
    lines.extend(f'  {node}(("{_mermaid_text(host)}"))' for host, node in seam.hosts.items())
    lines.extend(f'  {a} -->|"{_mermaid_text(label)}"| {b}' for a, b, label in seam.edges)
    return "\n".join(lines) + "\n"


def dot(organization: Organization) -> str:
    seam = _Seam(organization)
    lines = graph_se.dot(organization.on_premises).splitlines()[:-1]  # without the closing brace
    lines.append("  subgraph cluster_tenant {")
    lines.append(f'    label="Exchange Online tenant {_dot_text(organization.name)}";')
    for node, label in _nodes(organization, seam):
        lines.append(f'    {node} [label="{_NEWLINE.join(_dot_text(part) for part in label)}"];')
    lines.append("  }")
    lines.extend(f'  {node} [label="{_dot_text(host)}", shape=ellipse];' for host, node in seam.hosts.items())
    lines.extend(f'  {a} -> {b} [label="{_dot_text(label)}"];' for a, b, label in seam.edges)
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
