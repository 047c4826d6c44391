"""A deterministic Exchange 2019 organization for the 2007–SE benchmark cases (`modern-10k`,
`modern-dense`): AD sites with Mailbox servers, a site-link ring plus a tree, accepted domains,
Edge subscriptions, Send connectors to partners and the internet, Receive connectors on every
server, routing tests.

Kept apart from `run.py`'s 5.x generator because the two generations share nothing but the
idea: 5.x routes by whole addresses over Exchange sites, 2007–SE by domains over AD site links.
The same seed always writes the same file.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path

ORGANIZATION = "Contoso"
SPACES_PER_CONNECTOR = 5
TLDS = ("com", "net", "co.uk", "de", "fr", "example")
SIZES = ("10MB", "25MB", "35MB", "35MB", "35MB", "50MB", "100MB", "unlimited")
SPACE_COSTS = (1, 1, 1, 1, 2, 5, 10)
LINK_COSTS = (10, 50, 100, 100, 200)  # AD's own default is 100
# The Receive connectors every 2013+ Mailbox server has (name, role, binding port, auth, groups).
_ALL_AUTH = "[Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer]"
_CLIENT_AUTH = "[Tls, Integrated, BasicAuth, BasicAuthRequireTLS]"
_SERVERS = "ExchangeServers, ExchangeLegacyServers"
DEFAULT_RECEIVE = (
    ("Default Frontend", "FrontendTransport", 25, _ALL_AUTH, f"[AnonymousUsers, {_SERVERS}]"),
    ("Default", "HubTransport", 2525, _ALL_AUTH, f"[ExchangeUsers, {_SERVERS}]"),
    ("Client Frontend", "FrontendTransport", 587, _CLIENT_AUTH, "[ExchangeUsers]"),
    ("Client Proxy", "HubTransport", 465, _ALL_AUTH, "[ExchangeUsers, ExchangeServers]"),
    ("Outbound Proxy Frontend", "FrontendTransport", 717, _ALL_AUTH, "[ExchangeServers]"),
)


@dataclass(frozen=True)
class Shape:
    """How the organization is laid out: sites, servers per site, and its catch-all connectors."""

    sites: int
    servers_per_site: int
    internet: int  # Send connectors on `*` (usage Internet)
    broad: int  # connectors on broad wildcards (`*.com`, `*.co.uk`, ...): regional internet egress
    edges: int  # Edge servers, each subscribed to a site of its own


# 200 sites of two servers: 400 servers, five Receive connectors each.
SPREAD = Shape(sites=200, servers_per_site=2, internet=4, broad=12, edges=2)
# The same connectors packed into 8 sites of 25 servers, with catch-alls by the hundred: every site
# then weighs hundreds of `*` and broad candidates, the shape that made the 5.x analysis quadratic.
DENSE = Shape(sites=8, servers_per_site=25, internet=400, broad=400, edges=2)


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text)


@dataclass
class Send:
    """One Send connector before it is written out; `lines` are its keys after the name (YAML)."""

    name: str
    lines: list[str] = field(default_factory=list)


class ModernGenerator:
    """A deterministic 2019 organization of `connectors` Send and `receive` Receive connectors."""

    def __init__(self, connectors: int, receive: int, seed: int, dense: bool = False) -> None:
        self.rng = random.Random(seed)
        self.total, self.receive = connectors, receive
        self.shape = DENSE if dense else SPREAD
        self.sites = [f"ADS{number:03d}" for number in range(self.shape.sites)]
        self.servers = {
            site: [f"{site}-MBX{index + 1:02d}" for index in range(self.shape.servers_per_site)] for site in self.sites
        }
        self.edges = [f"EDGE{number + 1:02d}" for number in range(self.shape.edges)]
        self.partners: list[tuple[str, str]] = []  # (connector name, partner domain) of plain partner connectors

    # ---- small pieces

    def ip(self, site_number: int, server_number: int) -> str:
        return f"10.{site_number // 250 + 1}.{site_number % 250}.{server_number + 11}"

    def sources(self) -> list[str]:
        """One to three Mailbox servers of one site, or of two sites (a connector used from both)."""
        sites = self.rng.sample(self.sites, 1 if self.rng.random() < 0.8 else 2)
        servers = [server for site in sites for server in self.servers[site]]
        return sorted(self.rng.sample(servers, min(len(servers), self.rng.randint(1, 3))))

    def space(self, address: str, cost: int | None = None) -> str:
        """The compact form mostly, the mapping form sometimes (both are written by admins)."""
        cost = self.rng.choice(SPACE_COSTS) if cost is None else cost
        if self.rng.random() < 0.7:
            return q(f"SMTP:{address};{cost}")
        return f"{{type: SMTP, address: {q(address)}, cost: {cost}}}"

    def delivery(self, domain: str) -> list[str]:
        """Smart hosts (often with TLS) or DNS, a message size limit."""
        lines = [f"max_message_size: {self.rng.choice(SIZES)}"]
        if self.rng.random() < 0.55:
            lines += ["dns_routing: false", f"smart_hosts: [{q('smtp.' + domain)}, {q('smtp2.' + domain)}]"]
            if self.rng.random() < 0.5:
                lines += ["require_tls: true", "tls_auth_level: DomainValidation", f"tls_domain: {q(domain)}"]
        else:
            lines.append("dns_routing: true")
        return lines

    # ---- topology

    def site_lines(self) -> list[str]:
        lines = ["sites:"]
        for number, site in enumerate(self.sites):
            lines.append(f"  - name: {site}")
            lines.append("    servers:")
            for index, server in enumerate(self.servers[site]):
                lines.append(f"      - {{name: {server}, roles: [Mailbox], ips: [{q(self.ip(number, index))}]}}")
            for index, edge in enumerate(self.edges):
                if index == number:
                    lines.append(f"      - {{name: {edge}, roles: [Edge], ips: [{q(f'172.16.0.{index + 10}')}]}}")
        return lines

    def link_lines(self) -> list[str]:
        """A ring of site links plus a binary tree of cheaper hub links (realistic AD costs)."""
        lines = ["site_links:"]
        count = len(self.sites)
        for number, site in enumerate(self.sites):
            there = self.sites[(number + 1) % count]
            if there != site and not (count == 2 and number == 1):
                lines.append(f"  - {{sites: [{site}, {there}], cost: {self.rng.choice(LINK_COSTS)}}}")
        for number in range(2, count):  # site 1 is already the ring neighbour of site 0
            parent = self.sites[(number - 1) // 2]
            if (number - 1) // 2 != number - 1:
                lines.append(f"  - {{sites: [{self.sites[number]}, {parent}], cost: {self.rng.choice((5, 10, 20))}}}")
        return lines

    def accepted_lines(self) -> list[str]:
        lines = ["accepted_domains:", "  - {domain: contoso.com, type: Authoritative}"]
        lines += ["  - {domain: '*.corp.contoso.com', type: Authoritative}"]
        lines += [f"  - {{domain: contoso-{n}.com, type: Authoritative}}" for n in range(1, 6)]
        lines += ["  - {domain: fabrikam-subsidiary.com, type: InternalRelay}"]
        lines += ["  - {domain: northwind-hosted.com, type: ExternalRelay}"]
        return lines

    def edge_lines(self) -> list[str]:
        lines = ["edge_subscriptions:"]
        lines += [f"  - {{edge: {edge}, site: {self.sites[index]}}}" for index, edge in enumerate(self.edges)]
        return lines

    # ---- Send connectors

    def internet(self, number: int) -> Send:
        """An internet egress on `*`, through the Edges (from their sites) or by DNS from a site."""
        cost = (1, 1, 5, 10)[number % 4]
        if number < len(self.edges):
            edge = self.edges[number]
            lines = ["usage: Internet", f"source_transport_servers: [{edge}]", "dns_routing: true"]
            spaces = [self.space("*", cost)]
        else:
            lines = ["usage: Internet", f"source_transport_servers: [{', '.join(self.sources())}]"]
            lines += ["dns_routing: true", "max_message_size: 35MB"]
            spaces = [self.space("*", cost)]
        spaces += [self.space(f"*.{tld}", cost + 1) for tld in TLDS[: SPACES_PER_CONNECTOR - 1]]
        return Send(f"Internet {number:03d}", [*lines, *self._spaces(spaces)])

    def broad(self, number: int) -> Send:
        """A regional egress on country wildcards (`*.de`, `*.co.uk`, ...): broad, not `*`."""
        regions = self.rng.sample(("de", "fr", "co.uk", "nl", "it", "es", "se", "ch", "at", "be"), SPACES_PER_CONNECTOR)
        lines = ["usage: Internet", f"source_transport_servers: [{', '.join(self.sources())}]", "dns_routing: true"]
        spaces = [self.space(f"*.{region}", 1 + number % 3) for region in regions]
        return Send(f"Regional egress {number:03d}", [*lines, *self._spaces(spaces)])

    def partner(self, number: int) -> Send:
        """A partner: its domain, its subdomains, a mail domain, an acquired brand and a subsidiary."""
        tld = self.rng.choice(TLDS)
        domain = f"partner{number}.{tld}"
        spaces = [
            self.space(domain),
            self.space(f"*.{domain}"),
            self.space(f"partner{number}-mail.com"),
            self.space(f"brand{number}.net"),
            self.space(f"*.eu.partner{number}.{self.rng.choice(TLDS)}"),
        ]
        lines = [f"usage: {self.rng.choice(('Partner', 'Partner', 'Custom'))}"]
        lines.append(f"source_transport_servers: [{', '.join(self.sources())}]")
        scoped = self.rng.random() < 0.06
        if scoped:
            lines.append("scoped: true")
        lines += self.delivery(domain)
        name = f"Partner {number:05d}"
        if not scoped:
            self.partners.append((name, domain))
        return Send(name, [*lines, *self._spaces(spaces)])

    def backup(self, primary: Send, number: int) -> Send:
        """A second connector repeating a partner's spaces from other servers: a standby."""
        lines = [line for line in primary.lines if line.startswith(("usage", "  - ", "address_spaces"))]
        lines.insert(1, f"source_transport_servers: [{', '.join(self.sources())}]")
        return Send(f"{primary.name} backup {number}", lines)

    @staticmethod
    def _spaces(spaces: list[str]) -> list[str]:
        return ["address_spaces:", *(f"  - {space}" for space in spaces)]

    def send_connectors(self) -> list[Send]:
        shape = self.shape
        found = [self.internet(number) for number in range(shape.internet)]
        found += [self.broad(number) for number in range(shape.broad)]
        backups = max(0, self.total // 100)
        partners = [self.partner(number) for number in range(1, self.total - len(found) - backups + 1)]
        chosen = self.rng.sample(partners, min(backups, len(partners)))
        backed = {send.name for send in chosen}
        self.partners = [(name, domain) for name, domain in self.partners if name not in backed]
        found += partners + [self.backup(send, number) for number, send in enumerate(chosen)]
        self.rng.shuffle(found)
        return found

    # ---- Receive connectors

    def receive_lines(self) -> list[str]:
        """The default five per server, then relay connectors with ranges no other one overlaps."""
        lines = ["receive_connectors:"]
        servers = [(site, number, index, server) for number, site in enumerate(self.sites)
                   for index, server in enumerate(self.servers[site])]  # fmt: skip
        count = 0
        for _, _, _, server in servers:
            for name, role, port, auth, groups in DEFAULT_RECEIVE:
                if count == self.receive:
                    return lines
                binding = f"0.0.0.0:{port}"
                lines += [f"  - name: {q(f'{name} {server}')}", f"    server: {server}"]
                lines += [f"    transport_role: {role}", f"    bindings: [{q(binding)}, {q(f'[::]:{port}')}]"]
                lines += [f"    auth_mechanism: {auth}", f"    permission_groups: {groups}"]
                count += 1
        relay = 0
        while count < self.receive:
            _, number, index, server = servers[relay % len(servers)]
            octet, low = divmod(relay, 16)
            lines += [f"  - name: {q(f'Relay {relay:04d} {server}')}", f"    server: {server}"]
            lines += [f"    bindings: [{q(self.ip(number, index) + ':25')}]"]
            lines += [f"    remote_ip_ranges: [{q(f'10.200.{octet}.{low * 16}/28')}]"]
            lines += ["    auth_mechanism: [Tls]", "    permission_groups: [ExchangeServers]"]
            relay += 1
            count += 1
        return lines

    # ---- routing tests

    def routing_tests(self, count: int) -> list[str]:
        """Partner recipients that must leave by their partner's connector, and local ones."""
        lines = ["routing_tests:"]
        for name, domain in self.rng.sample(self.partners, min(count, len(self.partners))):
            origin = self.rng.choice(self.sites)
            lines.append(f"  - {{from: {origin}, recipient: {q('SMTP:ann@' + domain)}, expect: {q(name)}}}")
        lines.append(f"  - {{from: {self.sites[-1]}, recipient: 'SMTP:bob@sales.corp.contoso.com', expect: local}}")
        lines.append(
            f"  - {{from: {self.servers[self.sites[0]][0]}, recipient: 'SMTP:ann@contoso.com', expect: local}}"
        )
        return lines

    def document(self, tests: int = 20) -> str:
        sends = self.send_connectors()
        lines = ["# Generated by bench/modern.py: a synthetic Exchange 2019 organization for benchmarks."]
        lines += ["version: 1", f"organization: {ORGANIZATION}", 'exchange: "2019"']
        lines += self.site_lines() + self.link_lines() + self.accepted_lines() + self.edge_lines()
        lines.append("send_connectors:")
        for send in sends:
            lines.append(f"  - name: {q(send.name)}")
            lines += [f"    {line}" for line in send.lines]
        lines += self.receive_lines()
        lines += self.routing_tests(tests)
        return "\n".join(lines) + "\n"


def write_modern(folder: Path, connectors: int, receive: int, seed: int, dense: bool) -> list[Path]:
    """Write the organization as one file in `folder`; its path in a list (as the 5.x writer returns)."""
    path = folder / "organization.yaml"
    path.write_text(ModernGenerator(connectors, receive, seed, dense).document(), encoding="utf-8")
    return [path]
