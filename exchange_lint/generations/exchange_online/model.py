"""The typed Exchange Online tenant (DESIGN §10): accepted domains, inbound and outbound
connectors, transport rules (their routing actions) and routing tests.

Built leniently, as the on-premises models are: an element of the wrong shape is left out (EXL002
says why). Defaults are the cmdlets' own: a connector is `Partner` and enabled, an outbound
connector delivers by MX unless it declares smart hosts (New-OutboundConnector).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from exchange_lint.anchors import anchor
from exchange_lint.findings import Location
from exchange_lint.load import Document, NodePath

AUTHORITATIVE = "Authoritative"
INTERNAL_RELAY = "InternalRelay"
PARTNER = "Partner"
ON_PREMISES = "OnPremises"
ENFORCE = "Enforce"
# `route online` and `routing_tests` start at the tenant itself (DESIGN §10).
ONLINE = "online"


class AcceptedDomain(NamedTuple):
    domain: str
    type: str
    mx: str | None  # where the domain's MX points, as declared (never looked up)
    location: Location
    mx_location: Location | None = None


class InboundConnector(NamedTuple):
    name: str
    connector_type: str
    sender_domains: tuple[str, ...]
    sender_ip_addresses: tuple[str, ...]
    tls_sender_certificate_name: str | None
    restrict_domains_to_ip_addresses: bool
    restrict_domains_to_certificate: bool
    require_tls: bool
    treat_messages_as_internal: bool
    cloud_services_mail_enabled: bool
    ef_skip_ips: tuple[str, ...]
    ef_skip_last_ip: bool
    ef_test_mode: bool
    ef_users: tuple[str, ...]
    enabled: bool
    location: Location
    fields: dict[str, Location]
    path: NodePath = ()

    def at(self, field: str) -> Location:
        return self.fields.get(field, self.location)

    def at_item(self, field: str, index: int) -> Location:
        """The place of one entry of a list field (`sender_ip_addresses[2]`), else the field's."""
        return self.fields.get(f"{field}[{index}]", self.at(field))


class OutboundConnector(NamedTuple):
    name: str
    connector_type: str
    recipient_domains: tuple[str, ...]
    all_accepted_domains: bool
    use_mx_record: bool
    smart_hosts: tuple[str, ...]
    tls_settings: str | None
    tls_domain: str | None
    mta_sts_mode: str | None
    smtp_dane_mode: str | None
    is_transport_rule_scoped: bool
    route_all_messages_via_on_premises: bool
    sender_rewriting_enabled: bool
    cloud_services_mail_enabled: bool
    test_mode: bool
    enabled: bool
    location: Location
    fields: dict[str, Location]
    path: NodePath = ()

    def at(self, field: str) -> Location:
        return self.fields.get(field, self.location)

    def at_item(self, field: str, index: int) -> Location:
        """The place of one entry of a list field (`recipient_domains[1]`), else the field's."""
        return self.fields.get(f"{field}[{index}]", self.at(field))


class HeaderMatch(NamedTuple):
    header: str
    pattern: str


class TransportRule(NamedTuple):
    """A mail flow rule's routing action and the conditions that decide when it acts."""

    name: str
    connector: str  # -RouteMessageOutboundConnector
    priority: int | None
    enabled: bool
    mode: str
    recipient_domain_is: tuple[str, ...]
    except_if_recipient_domain_is: tuple[str, ...]
    sent_to_scope: str | None
    except_if_sent_to_scope: str | None
    from_scope: str | None
    header_matches: HeaderMatch | None
    except_if_header_matches: HeaderMatch | None
    order: int  # its place among the tenant's rules as written: the order among equal priorities
    location: Location
    fields: dict[str, Location]

    def at(self, field: str) -> Location:
        return self.fields.get(field, self.location)


class RoutingTest(NamedTuple):
    origin: str
    recipient: str
    expect: str
    location: Location


class Organization:
    """Everything the `exchange: online` files of one organization declare, merged."""

    __slots__ = (
        "accepted_domains",
        "derived",
        "exchange",
        "inbound_connectors",
        "name",
        "outbound_connectors",
        "paths",
        "routing_tests",
        "transport_rules",
    )

    def __init__(self, name: str, exchange: str | None, paths: tuple[str, ...]) -> None:
        self.name, self.exchange, self.paths = name, exchange, paths
        self.accepted_domains: tuple[AcceptedDomain, ...] = ()
        self.inbound_connectors: tuple[InboundConnector, ...] = ()
        self.outbound_connectors: tuple[OutboundConnector, ...] = ()
        self.transport_rules: tuple[TransportRule, ...] = ()
        self.routing_tests: tuple[RoutingTest, ...] = ()
        self.derived: dict[str, Any] = {}

    def accepted_domain(self, domain: str) -> AcceptedDomain | None:
        """The accepted domain of that name (Exchange Online's accepted domains name one domain each)."""
        wanted = domain.casefold()
        return next((d for d in self.accepted_domains if d.domain.strip().rstrip(".").casefold() == wanted), None)


class _Reader:
    """Reads one document's elements."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.rules = 0

    def loc(self, path: NodePath, named: NodePath | None = None) -> Location:
        name = anchor(self.document.data, path if named is None else named)
        return Location(self.document.path, self.document.span(path).value, name)

    def fields(self, path: NodePath, value: dict[str, Any]) -> dict[str, Location]:
        """Each key's place, and each entry's of a list of values (`sender_ip_addresses[0]`)."""
        found = {key: self.loc((*path, key)) for key in value if isinstance(key, str)}
        for key in found.copy():
            for index, _ in _items(value[key]):
                found[f"{key}[{index}]"] = self.loc((*path, key, index))
        return found

    def accepted_domain(self, path: NodePath, value: Any) -> AcceptedDomain | None:
        if not isinstance(value, dict) or not _name(value.get("domain")):
            return None
        mx = _name(value.get("mx"))
        return AcceptedDomain(
            value["domain"],
            _str(value.get("type")) or AUTHORITATIVE,
            mx,
            self.loc(path),
            self.loc((*path, "mx")) if mx is not None else None,
        )

    def inbound_connector(self, path: NodePath, value: Any) -> InboundConnector | None:
        if not isinstance(value, dict) or not _name(value.get("name")):
            return None
        return InboundConnector(
            name=value["name"],
            connector_type=_str(value.get("connector_type")) or PARTNER,
            sender_domains=tuple(_strings(value.get("sender_domains"))),
            sender_ip_addresses=tuple(_strings(value.get("sender_ip_addresses"))),
            tls_sender_certificate_name=_name(value.get("tls_sender_certificate_name")),
            restrict_domains_to_ip_addresses=_bool(value.get("restrict_domains_to_ip_addresses"), False),
            restrict_domains_to_certificate=_bool(value.get("restrict_domains_to_certificate"), False),
            require_tls=_bool(value.get("require_tls"), False),
            treat_messages_as_internal=_bool(value.get("treat_messages_as_internal"), False),
            cloud_services_mail_enabled=_bool(value.get("cloud_services_mail_enabled"), False),
            ef_skip_ips=tuple(_strings(value.get("ef_skip_ips"))),
            ef_skip_last_ip=_bool(value.get("ef_skip_last_ip"), False),
            ef_test_mode=_bool(value.get("ef_test_mode"), False),
            ef_users=tuple(_strings(value.get("ef_users"))),
            enabled=_bool(value.get("enabled"), True),
            location=self.loc((*path, "name"), path),
            fields=self.fields(path, value),
            path=path,
        )

    def outbound_connector(self, path: NodePath, value: Any) -> OutboundConnector | None:
        if not isinstance(value, dict) or not _name(value.get("name")):
            return None
        smart_hosts = tuple(_strings(value.get("smart_hosts")))
        return OutboundConnector(
            name=value["name"],
            connector_type=_str(value.get("connector_type")) or PARTNER,
            recipient_domains=tuple(_strings(value.get("recipient_domains"))),
            all_accepted_domains=_bool(value.get("all_accepted_domains"), False),
            use_mx_record=_bool(value.get("use_mx_record"), not smart_hosts),
            smart_hosts=smart_hosts,
            tls_settings=_str(value.get("tls_settings")),
            tls_domain=_name(value.get("tls_domain")),
            mta_sts_mode=_str(value.get("mta_sts_mode")),
            smtp_dane_mode=_str(value.get("smtp_dane_mode")),
            is_transport_rule_scoped=_bool(value.get("is_transport_rule_scoped"), False),
            route_all_messages_via_on_premises=_bool(value.get("route_all_messages_via_on_premises"), False),
            sender_rewriting_enabled=_bool(value.get("sender_rewriting_enabled"), False),
            cloud_services_mail_enabled=_bool(value.get("cloud_services_mail_enabled"), False),
            test_mode=_bool(value.get("test_mode"), False),
            enabled=_bool(value.get("enabled"), True),
            location=self.loc((*path, "name"), path),
            fields=self.fields(path, value),
            path=path,
        )

    def transport_rule(self, path: NodePath, value: Any) -> TransportRule | None:
        if not isinstance(value, dict) or not _name(value.get("name")):
            return None
        connector = _name(value.get("route_message_outbound_connector"))
        if connector is None:
            return None
        priority = value.get("priority")
        self.rules += 1
        return TransportRule(
            name=value["name"],
            connector=connector,
            priority=priority if isinstance(priority, int) and not isinstance(priority, bool) else None,
            enabled=_bool(value.get("enabled"), True),
            mode=_str(value.get("mode")) or ENFORCE,
            recipient_domain_is=tuple(_strings(value.get("recipient_domain_is"))),
            except_if_recipient_domain_is=tuple(_strings(value.get("except_if_recipient_domain_is"))),
            sent_to_scope=_str(value.get("sent_to_scope")),
            except_if_sent_to_scope=_str(value.get("except_if_sent_to_scope")),
            from_scope=_str(value.get("from_scope")),
            header_matches=_header(value.get("header_matches")),
            except_if_header_matches=_header(value.get("except_if_header_matches")),
            order=self.rules,
            location=self.loc((*path, "name"), path),
            fields=self.fields(path, value),
        )

    def routing_test(self, path: NodePath, value: Any) -> RoutingTest | None:
        if not isinstance(value, dict):
            return None
        origin, recipient, expect = (_str(value.get(key)) for key in ("from", "recipient", "expect"))
        if origin is None or recipient is None or expect is None:
            return None
        return RoutingTest(origin, recipient, expect, self.loc(path))


def _header(value: Any) -> HeaderMatch | None:
    if not isinstance(value, dict) or not _name(value.get("header")):
        return None
    return HeaderMatch(value["header"], _str(value.get("pattern")) or "")


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _name(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _bool(value: Any, default: bool) -> bool:
    return value if isinstance(value, bool) else default


def _items(value: Any) -> Iterable[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else ()


def _strings(value: Any) -> list[str]:
    """A list of strings; a single string where the cmdlet takes a list counts as one item."""
    if isinstance(value, str):
        return [value]
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def build_organization(name: str, documents: Sequence[Document]) -> Organization:
    """Merge the `exchange: online` documents of one organization (in path order) into one tenant."""
    paths = tuple(sorted(document.path for document in documents))
    found: dict[str, list[Any]] = {key: [] for key in _SECTIONS}
    rules_seen = 0
    for document in sorted(documents, key=lambda d: d.path):
        data = document.data
        if not isinstance(data, dict):
            continue
        reader = _Reader(document)
        reader.rules = rules_seen
        for key, method in _SECTIONS.items():
            for index, item in _items(data.get(key)):
                element = getattr(reader, method)((key, index), item)
                if element is not None:
                    found[key].append(element)
        rules_seen = reader.rules
    organization = Organization(name, ONLINE, paths)
    organization.accepted_domains = tuple(found["accepted_domains"])
    organization.inbound_connectors = tuple(found["inbound_connectors"])
    organization.outbound_connectors = tuple(found["outbound_connectors"])
    organization.transport_rules = tuple(found["transport_rules"])
    organization.routing_tests = tuple(found["routing_tests"])
    return organization


_SECTIONS = {
    "accepted_domains": "accepted_domain",
    "inbound_connectors": "inbound_connector",
    "outbound_connectors": "outbound_connector",
    "transport_rules": "transport_rule",
    "routing_tests": "routing_test",
}
