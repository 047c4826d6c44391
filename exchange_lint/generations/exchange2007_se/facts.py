"""Facts about 2007–SE connectors that several rules ask: where a Send connector runs (Edge or the
organization), which Receive connectors Exchange creates itself and which relay, what an IP range
reaches, which Send connector is the hybrid one to Exchange Online, and the header of the rule-doc
examples.
"""

from __future__ import annotations

import ipaddress

from exchange_lint.generations.exchange2007_se.model import Organization, ReceiveConnector, SendConnector
from exchange_lint.quantities import AddressRange

# The first lines of the 2007–SE rule-doc examples: one AD site with a Mailbox server and an Edge.
HEADER = """\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["10.0.0.11"]}
      - {name: EDGE01, roles: [Edge], ips: ["192.0.2.10"]}
"""
# Two AD sites linked at cost 10: the rule examples where the origin's site decides.
TWO_SITES = """\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - {name: HQ, servers: [EX01]}
  - {name: BRANCH, servers: [EX03]}
site_links:
  - {sites: [HQ, BRANCH], cost: 10}
"""

# What New-ReceiveConnector leaves out: every IPv4 and every IPv6 address may connect.
EVERYONE = (
    AddressRange(4, 0, (1 << 32) - 1, "0.0.0.0-255.255.255.255"),
    AddressRange(6, 0, (1 << 128) - 1, "::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"),
)
# Setup's own Receive connectors ("Default Frontend EX01", "Default EX01", "Client Proxy EX01", …):
# the anonymous relay page says never to add relay to them.
DEFAULT_PREFIXES = ("default ", "client ", "outbound proxy frontend ")
# Wider than this many addresses, a public range is "the internet" for a relay (a /24 in IPv4,
# a /64 subnet in IPv6: the smallest block a provider routes to one customer).
WIDEST_PUBLIC = {4: 1 << 8, 6: 1 << 64}
_PRIVATE = {
    4: [
        ipaddress.ip_network(n)
        for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16")
    ],
    6: [ipaddress.ip_network(n) for n in ("fc00::/7", "fe80::/10", "::1/128")],
}


def remote_ranges(connector: ReceiveConnector) -> tuple[AddressRange, ...]:
    """The ranges allowed to connect; none written means everyone (the cmdlet's default)."""
    return connector.remote_ip_ranges or EVERYONE


def is_default_receive_connector(connector: ReceiveConnector) -> bool:
    return connector.name.casefold().startswith(DEFAULT_PREFIXES)


def is_private(span: AddressRange) -> bool:
    """Whether the whole range lies inside one private, loopback or link-local block."""
    return any(
        int(network.network_address) <= span.first and span.last <= int(network.broadcast_address)
        for network in _PRIVATE[span.version]
    )


def reaches_internet(span: AddressRange) -> bool:
    """A range a relay must never allow: public and wider than `WIDEST_PUBLIC` (`0.0.0.0/0`, `::/0`)."""
    return not is_private(span) and span.size > WIDEST_PUBLIC[span.version]


def on_edge(organization: Organization, connector: SendConnector) -> bool:
    """A Send connector whose source servers are all Edge Transport servers runs on the Edge (the
    EdgeSync connectors); one with no declared source servers does not."""
    servers = [organization.server(name) for name in connector.source_transport_servers]
    return bool(servers) and all(server is not None and server.edge for server in servers)


def is_catch_all(connector: SendConnector) -> bool:
    """Whether the connector carries the internet: an SMTP `*` address space."""
    return any(space.type == "SMTP" and space.address.strip() == "*" for space in connector.address_spaces)


def to_organization(connector: SendConnector) -> bool:
    """An Edge connector toward the organization: every address space is `--` (all accepted domains)."""
    spaces = connector.address_spaces
    return bool(spaces) and all(space.address.strip() == "--" for space in spaces)


EOP_HOSTS = ".mail.protection.outlook.com"
TENANT_DOMAINS = ".mail.onmicrosoft.com"


def to_exchange_online(connector: SendConnector) -> bool:
    """HealthChecker's test: a smart host in EOP, or an address space of the tenant's routing domain."""
    return any(host.strip().casefold().endswith(EOP_HOSTS) for host in connector.smart_hosts) or any(
        space.address.strip().casefold().endswith(TENANT_DOMAINS) for space in connector.address_spaces
    )


ANONYMOUS_LOGON = ("nt authority\\anonymous logon", "anonymous logon")
ACCEPT_ANY_RECIPIENT = "ms-exch-smtp-accept-any-recipient"


def relay_methods(connector: ReceiveConnector) -> list[str]:
    """The ways the connector grants relay, as the anonymous relay page names them."""
    methods = []
    anonymous_right = any(
        right.principal.strip().casefold() in ANONYMOUS_LOGON
        and ACCEPT_ANY_RECIPIENT in (name.casefold() for name in right.rights)
        for right in connector.extended_rights
    )
    if "AnonymousUsers" in connector.permission_groups and anonymous_right:
        methods.append("AnonymousUsers with Ms-Exch-SMTP-Accept-Any-Recipient for ANONYMOUS LOGON")
    if "ExchangeServers" in connector.permission_groups and "ExternalAuthoritative" in connector.auth_mechanism:
        methods.append("ExchangeServers with ExternalAuthoritative (externally secured)")
    return methods
