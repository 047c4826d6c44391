"""The typed Exchange 2007–SE organization (DESIGN §9): AD sites and site links, transport
servers, accepted domains, Edge subscriptions, Send and Receive connectors, routing tests.

Built leniently, as the 4.0–5.5 model is: an element of the wrong shape is left out (EXL002 says
why), and a value in one of the cmdlets' notations that cannot be read (a size, an IP range, a
binding) is kept as a `ValueProblem` for EXL206, the rest of its connector still modelled.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, NamedTuple

from exchange_lint.addresses import DEFAULT_COST, parse_compact
from exchange_lint.anchors import anchor
from exchange_lint.findings import Location, Region
from exchange_lint.load import Document, NodePath
from exchange_lint.quantities import (
    AddressRange,
    BadValue,
    Binding,
    Size,
    parse_address,
    parse_binding,
    parse_range,
    parse_size,
    parse_timespan,
)

MAILBOX = "Mailbox"
EDGE = "Edge"
HUB_TRANSPORT = "HubTransport"
AUTHORITATIVE = "Authoritative"
INTERNAL_RELAY = "InternalRelay"
EXTERNAL_RELAY = "ExternalRelay"


class ValueProblem(NamedTuple):
    """A value in a cmdlet notation that could not be read, and where it is."""

    message: str
    location: Location
    value: Any = None  # as written, so EXL206 can leave what the schema's pattern refuses to EXL002
    notation: str = ""  # `size`, `ipRange`, `binding` or `ipAddress`: the shape the value should have


class Server(NamedTuple):
    name: str
    site: str
    roles: tuple[str, ...]
    ips: tuple[tuple[int, int], ...]  # (version, integer) of each address that could be read
    location: Location

    @property
    def edge(self) -> bool:
        return EDGE in self.roles


class Site(NamedTuple):
    """An Active Directory site and the Exchange servers in it."""

    name: str
    servers: tuple[Server, ...]
    location: Location


class SiteLink(NamedTuple):
    """An AD IP site link: its cost adds to an address space's cost on the way to a connector."""

    sites: tuple[str, ...]
    cost: int
    location: Location
    site_locations: tuple[Location, ...] = ()  # where each of `sites` is written


class AcceptedDomain(NamedTuple):
    domain: str
    type: str
    location: Location


class EdgeSubscription(NamedTuple):
    """An Edge Transport server subscribed to an AD site: it sits in that site (it may be declared
    nowhere else, since an Edge is not a member of the domain)."""

    edge: str
    site: str
    location: Location
    site_location: Location | None = None  # where `site` is written


class AddressSpace(NamedTuple):
    """A Send connector's address space: SMTP domains (`contoso.com`, `*.contoso.com`, `*`, `--`)
    or a custom type's pattern, with its cost."""

    type: str
    address: str
    cost: int
    location: Location
    path: NodePath = ()

    @property
    def text(self) -> str:
        return f"{self.type}:{self.address};{self.cost}"


class SendConnector(NamedTuple):
    name: str
    usage: str | None
    source_transport_servers: tuple[str, ...]
    address_spaces: tuple[AddressSpace, ...]
    dns_routing: bool
    smart_hosts: tuple[str, ...]
    smart_host_auth: str
    credential_ref: str | None
    scoped: bool
    enabled: bool
    max_message_size: Size  # unlimited when not given (the cmdlet's default is 35 MB from 2013, 10 MB before)
    require_tls: bool
    ignore_starttls: bool
    tls_auth_level: str | None
    tls_domain: str | None
    tls_certificate_name: str | None
    domain_secure: bool
    cloud_services_mail_enabled: bool
    fqdn: str | None
    port: int
    location: Location
    fields: dict[str, Location]  # where each key given sits (its value), for findings about it
    connection_inactivity_timeout: int | None = None  # seconds; None: not declared (the default is 10 minutes)
    path: NodePath = ()
    keys: Mapping[str, Region] = MappingProxyType({})  # where each key itself sits: a fix removes from there
    # Where each of `source_transport_servers` is written (the field's place for a single string).
    source_locations: tuple[Location, ...] = ()

    def at(self, field: str) -> Location:
        """The place of a field's value, or of the connector's name when the field was not written."""
        return self.fields.get(field, self.location)

    def source_at(self, index: int) -> Location:
        """Where the `index`-th source server is written: a finding about one names that entry."""
        return (
            self.source_locations[index] if index < len(self.source_locations) else self.at("source_transport_servers")
        )


class ExtendedRight(NamedTuple):
    principal: str
    rights: tuple[str, ...]
    location: Location


class ReceiveConnector(NamedTuple):
    name: str
    server: str | None
    transport_role: str
    bindings: tuple[Binding, ...]
    remote_ip_ranges: tuple[AddressRange, ...]
    auth_mechanism: tuple[str, ...]
    permission_groups: tuple[str, ...]
    extended_rights: tuple[ExtendedRight, ...]
    require_tls: bool
    enabled: bool
    location: Location
    fields: dict[str, Location]
    path: NodePath = ()
    connection_timeout: int | None = None  # seconds; None: not declared (10 minutes, 5 on an Edge)

    def at(self, field: str) -> Location:
        return self.fields.get(field, self.location)


class RoutingTest(NamedTuple):
    origin: str
    recipient: str
    expect: str
    size: Size | None
    location: Location


_SERVER_INDEX = "exchange2007_se.model.server_index"


class Organization:
    """Everything the files of one 2007–SE organization declare, merged (read-only once built)."""

    __slots__ = (
        "accepted_domains",
        "derived",
        "edge_subscriptions",
        "exchange",
        "name",
        "paths",
        "receive_connectors",
        "routing_tests",
        "send_connectors",
        "site_links",
        "sites",
        "value_problems",
    )

    def __init__(self, name: str, exchange: str | None, paths: tuple[str, ...]) -> None:
        self.name, self.exchange, self.paths = name, exchange, paths
        self.sites: tuple[Site, ...] = ()
        self.site_links: tuple[SiteLink, ...] = ()
        self.accepted_domains: tuple[AcceptedDomain, ...] = ()
        self.edge_subscriptions: tuple[EdgeSubscription, ...] = ()
        self.send_connectors: tuple[SendConnector, ...] = ()
        self.receive_connectors: tuple[ReceiveConnector, ...] = ()
        self.routing_tests: tuple[RoutingTest, ...] = ()
        self.value_problems: tuple[ValueProblem, ...] = ()
        # Facts derived once and shared by the rules (the routing analysis), dropped with the organization.
        self.derived: dict[str, Any] = {}

    @property
    def servers(self) -> tuple[Server, ...]:
        return tuple(server for site in self.sites for server in site.servers)

    def server(self, name: str) -> Server | None:
        """The server of that name (names compare without case, as Windows compares them)."""
        # A dict built on first use, not a scan per call: rules look up every connector's source
        # servers, and a scan made that quadratic on large organizations. The first declared wins.
        index = self.derived.get(_SERVER_INDEX)
        if not isinstance(index, dict):
            index = {}
            for server in self.servers:
                index.setdefault(server.name.casefold(), server)
            self.derived[_SERVER_INDEX] = index
        found = index.get(name.casefold())
        return found if isinstance(found, Server) else None


# --------------------------------------------------------------------------- reading


class _Reader:
    """Reads one document's elements, noting values that cannot be read."""

    def __init__(self, document: Document, problems: list[ValueProblem]) -> None:
        self.document = document
        self.problems = problems

    def loc(self, path: NodePath, named: NodePath | None = None) -> Location:
        document = self.document
        name = anchor(document.data, path if named is None else named)
        return Location(document.path, document.span(path).value, name)

    def fields(self, path: NodePath, value: dict[str, Any]) -> dict[str, Location]:
        return {key: self.loc((*path, key)) for key in value if isinstance(key, str)}

    def keys(self, path: NodePath, value: dict[str, Any]) -> Mapping[str, Region]:
        spans = {key: self.document.spans.get((*path, key)) for key in value if isinstance(key, str)}
        return MappingProxyType({key: span.key for key, span in spans.items() if span is not None and span.key})

    def read(self, path: NodePath, value: Any, reader: Any, notation: str) -> Any:
        """`reader(value)`, or None with the problem noted."""
        try:
            return reader(value)
        except BadValue as error:
            self.problems.append(ValueProblem(str(error), self.loc(path), value, notation))
            return None

    def timespan(self, path: NodePath, value: dict[str, Any], key: str) -> int | None:
        """A connector's time span in seconds, None when not declared (or not readable: noted)."""
        return self.read((*path, key), value[key], parse_timespan, "timespan") if key in value else None

    def site(self, path: NodePath, value: Any) -> Site | None:
        if not isinstance(value, dict) or not _name(value.get("name")):
            return None
        name = value["name"]
        servers = []
        for index, item in _items(value.get("servers")):
            server_path = (*path, "servers", index)
            if isinstance(item, str) and item.strip():
                servers.append(Server(item, name, (MAILBOX,), (), self.loc(server_path)))
            elif isinstance(item, dict) and _name(item.get("name")):
                roles = tuple(role for role in _strings(item.get("roles")) if role) or (MAILBOX,)
                ips = []
                for number, text in _items(item.get("ips")):
                    parsed = self.read((*server_path, "ips", number), text, _address_of, "ipAddress")
                    if parsed is not None:
                        ips.append(parsed)
                servers.append(Server(item["name"], name, roles, tuple(ips), self.loc(server_path)))
        return Site(name, tuple(servers), self.loc((*path, "name"), path))

    def site_link(self, path: NodePath, value: Any) -> SiteLink | None:
        if not isinstance(value, dict):
            return None
        sites = tuple(_strings(value.get("sites")))
        if len(sites) < 2:
            return None
        places = tuple(
            self.loc((*path, "sites", index)) for index, item in _items(value.get("sites")) if isinstance(item, str)
        )
        return SiteLink(sites, _int(value.get("cost"), 1), self.loc(path), places if len(places) == len(sites) else ())

    def accepted_domain(self, path: NodePath, value: Any) -> AcceptedDomain | None:
        if not isinstance(value, dict) or not _name(value.get("domain")):
            return None
        return AcceptedDomain(value["domain"], _str(value.get("type")) or AUTHORITATIVE, self.loc(path))

    def edge_subscription(self, path: NodePath, value: Any) -> EdgeSubscription | None:
        if not isinstance(value, dict) or not _name(value.get("edge")) or not _name(value.get("site")):
            return None
        return EdgeSubscription(value["edge"], value["site"], self.loc(path), self.loc((*path, "site")))

    def address_space(self, path: NodePath, value: Any) -> AddressSpace | None:
        if isinstance(value, str):
            parts = parse_compact(value)
            if parts is None:
                return None
            kind, address, cost = parts
            return AddressSpace(kind, address, cost, self.loc(path), path)
        if not isinstance(value, dict) or not isinstance(value.get("address"), str):
            return None
        kind = (_str(value.get("type")) or "SMTP").upper()
        return AddressSpace(kind, value["address"], _int(value.get("cost"), DEFAULT_COST), self.loc(path), path)

    def send_connector(self, path: NodePath, value: Any) -> SendConnector | None:
        if not isinstance(value, dict) or not _name(value.get("name")):
            return None
        spaces = []
        for index, item in _items(value.get("address_spaces")):
            space = self.address_space((*path, "address_spaces", index), item)
            if space is not None:
                spaces.append(space)
        size = None
        if "max_message_size" in value:
            size = self.read((*path, "max_message_size"), value["max_message_size"], parse_size, "size")
        smart_hosts = tuple(_strings(value.get("smart_hosts")))
        return SendConnector(
            name=value["name"],
            usage=_str(value.get("usage")),
            source_transport_servers=tuple(_strings(value.get("source_transport_servers"))),
            address_spaces=tuple(spaces),
            dns_routing=_bool(value.get("dns_routing"), not smart_hosts),
            smart_hosts=smart_hosts,
            smart_host_auth=_str(value.get("smart_host_auth")) or "None",
            credential_ref=_str(value.get("credential_ref")),
            scoped=_bool(value.get("scoped"), False),
            enabled=_bool(value.get("enabled"), True),
            max_message_size=size if size is not None else Size(None),
            require_tls=_bool(value.get("require_tls"), False),
            ignore_starttls=_bool(value.get("ignore_starttls"), False),
            tls_auth_level=_str(value.get("tls_auth_level")),
            tls_domain=_str(value.get("tls_domain")),
            tls_certificate_name=_str(value.get("tls_certificate_name")),
            domain_secure=_bool(value.get("domain_secure"), False),
            cloud_services_mail_enabled=_bool(value.get("cloud_services_mail_enabled"), False),
            fqdn=_str(value.get("fqdn")),
            port=_int(value.get("port"), 25),
            connection_inactivity_timeout=self.timespan(path, value, "connection_inactivity_timeout"),
            location=self.loc((*path, "name"), path),
            fields=self.fields(path, value),
            path=path,
            keys=self.keys(path, value),
            source_locations=tuple(
                self.loc((*path, "source_transport_servers", index))
                for index, item in _items(value.get("source_transport_servers"))
                if isinstance(item, str)
            ),
        )

    def receive_connector(self, path: NodePath, value: Any) -> ReceiveConnector | None:
        if not isinstance(value, dict) or not _name(value.get("name")):
            return None
        bindings = []
        for index, item in _items(value.get("bindings")):
            binding = self.read((*path, "bindings", index), item, parse_binding, "binding")
            if binding is not None:
                bindings.append(binding)
        ranges = []
        for index, item in _items(value.get("remote_ip_ranges")):
            parsed = self.read((*path, "remote_ip_ranges", index), item, parse_range, "ipRange")
            if parsed is not None:
                ranges.append(parsed)
        rights = []
        for index, item in _items(value.get("extended_rights")):
            if isinstance(item, dict) and _name(item.get("principal")):
                rights.append(
                    ExtendedRight(
                        item["principal"],
                        tuple(_strings(item.get("rights"))),
                        self.loc((*path, "extended_rights", index)),
                    )
                )
        return ReceiveConnector(
            name=value["name"],
            server=_name(value.get("server")),
            transport_role=_str(value.get("transport_role")) or "FrontendTransport",
            bindings=tuple(bindings),
            remote_ip_ranges=tuple(ranges),
            auth_mechanism=tuple(_strings(value.get("auth_mechanism"))),
            permission_groups=tuple(_strings(value.get("permission_groups"))),
            extended_rights=tuple(rights),
            require_tls=_bool(value.get("require_tls"), False),
            enabled=_bool(value.get("enabled"), True),
            location=self.loc((*path, "name"), path),
            fields=self.fields(path, value),
            path=path,
            connection_timeout=self.timespan(path, value, "connection_timeout"),
        )

    def routing_test(self, path: NodePath, value: Any) -> RoutingTest | None:
        if not isinstance(value, dict):
            return None
        origin, recipient, expect = (_str(value.get(key)) for key in ("from", "recipient", "expect"))
        if origin is None or recipient is None or expect is None:
            return None
        size = self.read((*path, "size"), value["size"], parse_size, "size") if "size" in value else None
        return RoutingTest(origin, recipient, expect, size, self.loc(path))


def _address_of(text: Any) -> tuple[int, int]:
    if not isinstance(text, str):
        raise BadValue(f"{text!r} is not an IPv4 or IPv6 address")
    return parse_address(text)


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _name(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _bool(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _int(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _items(value: Any) -> Iterable[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else ()


def _strings(value: Any) -> list[str]:
    """A list of strings; a single string where the cmdlet takes a list counts as one item."""
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def build_organization(name: str, documents: Sequence[Document]) -> Organization:
    """Merge the documents of one organization (in path order) into one model."""
    paths = tuple(sorted(document.path for document in documents))
    exchange: str | None = None
    problems: list[ValueProblem] = []
    found: dict[str, list[Any]] = {key: [] for key in _SECTIONS}
    for document in sorted(documents, key=lambda d: d.path):
        data = document.data
        if not isinstance(data, dict):
            continue
        if exchange is None and data.get("exchange") is not None:
            exchange = str(data["exchange"])
        reader = _Reader(document, problems)
        for key, method in _SECTIONS.items():
            for index, item in _items(data.get(key)):
                element = getattr(reader, method)((key, index), item)
                if element is not None:
                    found[key].append(element)
    organization = Organization(name, exchange, paths)
    organization.sites = tuple(found["sites"])
    organization.site_links = tuple(found["site_links"])
    organization.accepted_domains = tuple(found["accepted_domains"])
    organization.edge_subscriptions = tuple(found["edge_subscriptions"])
    organization.send_connectors = tuple(found["send_connectors"])
    organization.receive_connectors = tuple(found["receive_connectors"])
    organization.routing_tests = tuple(found["routing_tests"])
    organization.value_problems = tuple(problems)
    return organization


_SECTIONS = {
    "sites": "site",
    "site_links": "site_link",
    "accepted_domains": "accepted_domain",
    "edge_subscriptions": "edge_subscription",
    "send_connectors": "send_connector",
    "receive_connectors": "receive_connector",
    "routing_tests": "routing_test",
}
