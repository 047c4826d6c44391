"""The typed organization rules reason about: sites, servers, connectors, address spaces.

Built leniently from documents that may have schema errors (those are reported separately):
an element with the wrong shape is left out, so the rules still see everything else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from exchange_lint.addresses import DEFAULT_COST, parse_compact
from exchange_lint.anchors import anchor
from exchange_lint.findings import Location, Region
from exchange_lint.load import Document, NodePath

DEFAULT_SCOPE = "organization"


class AddressSpace(NamedTuple):
    """A pattern of one address type a connector advertises, with its cost and scope (5.5)."""

    type: str
    address: str
    cost: int
    scope: str
    location: Location
    compact: bool = False
    routing: str | None = None  # the IMS routing address (`routing: {address}`), Q189492
    implicit: bool = False  # added by the MTA, not written in the file (a connected site's address)
    # The scalar holding the address as written (the whole `TYPE:ADDRESS;COST` when compact), for fixes.
    address_region: Region | None = None
    compact_text: str = ""
    path: NodePath = ()  # where it sits in its file's data

    @property
    def text(self) -> str:
        """The GWART-like form, `SMTP:*;1`."""
        return f"{self.type}:{self.address};{self.cost}"


class Gateway(NamedTuple):
    """An MS Mail gateway reachable through the MS Mail Connector's post office."""

    type: str
    postoffice: str | None
    access_components: bool
    location: Location


class ConnectedSite(NamedTuple):
    name: str
    cost: int
    location: Location
    replicated: bool = False


class Relay(NamedTuple):
    """The IMS's rerouting (relay) settings (5.5 Routing tab, Q196626)."""

    enabled: bool
    allow_from: tuple[str, ...]
    location: Location


class Connector(NamedTuple):
    name: str
    kind: str
    server: str | None
    postoffice: str | None
    gateways: tuple[Gateway, ...]
    address_spaces: tuple[AddressSpace, ...]
    connected_sites: tuple[ConnectedSite, ...]
    location: Location
    server_location: Location | None
    transfer_mode: str = "both"
    transfer_mode_location: Location | None = None
    relay: Relay | None = None


class Server(NamedTuple):
    name: str
    site: str
    location: Location


class Site(NamedTuple):
    name: str
    servers: tuple[Server, ...]
    server_location: str | None
    location: Location
    x400_address: str | None = None
    x400_address_location: Location | None = None


class RoutingTest(NamedTuple):
    origin: str
    recipient: str
    expect: str
    location: Location


class Organization:
    """Everything the files of one organization declare, merged (read-only once built)."""

    __slots__ = ("connectors", "derived", "exchange", "name", "paths", "routing_tests", "sites")

    def __init__(
        self,
        name: str,
        exchange: str | None,
        paths: tuple[str, ...],
        sites: tuple[Site, ...],
        connectors: tuple[Connector, ...],
        routing_tests: tuple[RoutingTest, ...],
    ) -> None:
        self.name, self.exchange, self.paths = name, exchange, paths
        self.sites, self.connectors, self.routing_tests = sites, connectors, routing_tests
        # Facts derived from the model once and shared by the rules (the routing analysis); they go
        # with the organization when the engine drops it.
        self.derived: dict[str, Any] = {}

    @property
    def servers(self) -> tuple[Server, ...]:
        return tuple(server for site in self.sites for server in site.servers)


def spaces_of_type(organization: Organization, space_type: str) -> Iterator[tuple[Connector, AddressSpace]]:
    """Every address space of one type, with its connector, in declaration order."""
    for connector in organization.connectors:
        for space in connector.address_spaces:
            if space.type == space_type:
                yield connector, space


def _loc(document: Document, path: NodePath, named: NodePath | None = None) -> Location:
    """The place of the node at `path`, anchored at the node `named` (by default the same one)."""
    return Location(document.path, document.span(path).value, anchor(document.data, path if named is None else named))


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _name(value: Any) -> str | None:
    """A name that must name something: empty or blank (a schema error, EXL002) is no name at
    all, so every rule and command reads such a connector as one naming no server."""
    return value if isinstance(value, str) and value.strip() else None


def _cost(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_COST


def _items(value: Any) -> Iterable[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else ()


def _address_space(document: Document, path: NodePath, value: Any) -> AddressSpace | None:
    if isinstance(value, str):
        parts = parse_compact(value)
        if parts is None:
            return None
        kind, address, cost = parts
        location = _loc(document, path)
        written = location.region if path in document.spans else None
        return AddressSpace(
            kind,
            address,
            cost,
            DEFAULT_SCOPE,
            location,
            compact=True,
            address_region=written,
            compact_text=value,
            path=path,
        )
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        return None
    kind = value["type"].upper()
    address = value.get("address", "")
    address = address if isinstance(address, str) else "" if address is None else str(address)
    scope = _str(value.get("scope")) or DEFAULT_SCOPE
    routing = value.get("routing")
    routing_address = _str(routing.get("address")) if isinstance(routing, dict) else None
    address_span = document.spans.get((*path, "address"))
    return AddressSpace(
        kind,
        address,
        _cost(value.get("cost")),
        scope,
        _loc(document, path),
        routing=routing_address,
        address_region=address_span.value if address_span and isinstance(value.get("address"), str) else None,
        path=path,
    )


def _connector(document: Document, path: NodePath, value: Any) -> Connector | None:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return None
    name = value["name"]
    spaces = []
    for index, item in _items(value.get("address_spaces")):
        space = _address_space(document, (*path, "address_spaces", index), item)
        if space is not None:
            spaces.append(space)
    gateways = []
    for index, item in _items(value.get("gateways")):
        if isinstance(item, dict) and isinstance(item.get("type"), str):
            gateway_path = (*path, "gateways", index)
            gateways.append(
                Gateway(
                    item["type"].upper(),
                    _str(item.get("postoffice")),
                    item.get("access_components") is True,
                    _loc(document, gateway_path),
                )
            )
    connected = []
    for index, item in _items(value.get("connected_sites")):
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            site_path = (*path, "connected_sites", index)
            connected.append(
                ConnectedSite(
                    item["name"],
                    _cost(item.get("cost")),
                    _loc(document, site_path),
                    item.get("replicated") is True,
                )
            )
    server = _name(value.get("server"))
    mode = _str(value.get("transfer_mode"))
    relay = value.get("reroute")
    return Connector(
        name=name,
        kind=_str(value.get("kind")) or "",
        server=server,
        postoffice=_str(value.get("postoffice")),
        gateways=tuple(gateways),
        address_spaces=tuple(spaces),
        connected_sites=tuple(connected),
        location=_loc(document, (*path, "name"), path),
        server_location=_loc(document, (*path, "server")) if server else None,
        transfer_mode=mode or "both",
        transfer_mode_location=_loc(document, (*path, "transfer_mode")) if mode else None,
        relay=_relay(document, (*path, "reroute"), relay) if isinstance(relay, dict) else None,
    )


def _relay(document: Document, path: NodePath, value: dict[str, Any]) -> Relay:
    allow = value.get("allow_from")
    networks = tuple(item for item in allow if isinstance(item, str)) if isinstance(allow, list) else ()
    return Relay(value.get("enabled") is True, networks, _loc(document, path))


def _site(document: Document, path: NodePath, value: Any) -> Site | None:
    if not isinstance(value, dict) or not isinstance(value.get("name"), str):
        return None
    name = value["name"]
    servers = tuple(
        Server(server, name, _loc(document, (*path, "servers", index)))
        for index, server in _items(value.get("servers"))
        if isinstance(server, str)
    )
    x400 = _str(value.get("x400_address"))
    return Site(
        name,
        servers,
        _str(value.get("location")),
        _loc(document, (*path, "name"), path),
        x400,
        _loc(document, (*path, "x400_address")) if x400 is not None else None,
    )


def _routing_test(document: Document, path: NodePath, value: Any) -> RoutingTest | None:
    if not isinstance(value, dict):
        return None
    origin, recipient, expect = (_str(value.get(key)) for key in ("from", "recipient", "expect"))
    if origin is None or recipient is None or expect is None:
        return None
    return RoutingTest(origin, recipient, expect, _loc(document, path))


def build_organization(name: str, documents: Sequence[Document]) -> Organization:
    """Merge the documents of one organization (in path order) into one model."""
    sites: list[Site] = []
    connectors: list[Connector] = []
    tests: list[RoutingTest] = []
    exchange: str | None = None
    for document in sorted(documents, key=lambda d: d.path):
        data = document.data
        if not isinstance(data, dict):
            continue
        if exchange is None:
            exchange = _str(data.get("exchange"))
        for index, item in _items(data.get("sites")):
            site = _site(document, ("sites", index), item)
            if site is not None:
                sites.append(site)
        for index, item in _items(data.get("connectors")):
            connector = _connector(document, ("connectors", index), item)
            if connector is not None:
                connectors.append(connector)
        for index, item in _items(data.get("routing_tests")):
            test = _routing_test(document, ("routing_tests", index), item)
            if test is not None:
                tests.append(test)
    return Organization(
        name=name,
        exchange=exchange,
        paths=tuple(sorted(d.path for d in documents)),
        sites=tuple(sites),
        connectors=tuple(connectors),
        routing_tests=tuple(tests),
    )
