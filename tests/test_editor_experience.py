"""The schema as VS Code shows it: Red Hat's yaml-language-server 1.25.0, driven over stdio.

Completion offers only the keys a connector's kind (4.0–5.5) or object (2007–SE) allows, each
once; every diagnostic carries the schema's own message; hovers render Markdown, never show it
escaped, and describe only the value hovered. One server for the whole module.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import REPO
from tests.yaml_language_server import LanguageServer

SCHEMA = REPO / "schemas" / "exchange-connectors.schema.json"
GENERIC = ("Matches a schema that is not allowed.", "Value is not accepted", "Incorrect type", "Value must be")


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    running = LanguageServer(SCHEMA)
    try:
        yield running
    finally:
        running.close()


def keys_offered(server: LanguageServer, name: str, text: str, line: int, column: int) -> list[str]:
    uri = server.open(name, text)
    return [item["label"] for item in server.completion(uri, line, column)]


FIVE_FIVE = """\
version: 1
organization: Contoso
exchange: "5.5"
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: C
    kind: {kind}
    server: TRADE
    {cursor}
"""
COMMON = {"description", "address_spaces"}
BY_KIND = {
    "msmail": COMMON | {"postoffice", "gateways"},
    "internet_mail": COMMON | {"connected_sites", "transfer_mode", "reroute"},
    "site": COMMON | {"connected_sites"},
    "x400": COMMON | {"connected_sites"},
    "dynamic_ras": COMMON | {"connected_sites"},
    "ccmail": COMMON,
    "notes": COMMON,
    "groupwise": COMMON,
    "profs": COMMON,
    "snads": COMMON,
}


@pytest.mark.parametrize("kind", sorted(BY_KIND))
def test_completion_offers_the_keys_of_the_connectors_kind_once(server: LanguageServer, kind: str) -> None:
    text = FIVE_FIVE.replace("{kind}", kind).replace("{cursor}", "")
    offered = keys_offered(server, f"kind-{kind}.yaml", text, 9, 4)
    assert sorted(offered) == sorted(BY_KIND[kind])


def test_completion_snippets_hold_no_odd_values(server: LanguageServer) -> None:
    """A snippet inserts `key: ` and a value to fill, never the key's own name as a value."""
    uri = server.open("snippets.yaml", FIVE_FIVE.replace("{kind}", "internet_mail").replace("{cursor}", ""))
    for item in server.completion(uri, 9, 4):
        text = item.get("insertText", "")
        assert text.startswith(f"{item['label']}:"), item
        assert item["label"] not in text[len(item["label"]) + 1 :], item


SE = """\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - {name: HQ, servers: [EX01]}
send_connectors:
  - name: Internet
    {cursor}
receive_connectors:
  - name: Relay
    {cursor}
"""
SEND_KEYS = {
    "description",
    "usage",
    "source_transport_servers",
    "address_spaces",
    "dns_routing",
    "smart_hosts",
    "smart_host_auth",
    "credential_ref",
    "scoped",
    "enabled",
    "max_message_size",
    "require_tls",
    "ignore_starttls",
    "tls_auth_level",
    "tls_domain",
    "tls_certificate_name",
    "domain_secure",
    "cloud_services_mail_enabled",
    "fqdn",
    "port",
    "connection_inactivity_timeout",
}
RECEIVE_KEYS = {
    "description",
    "server",
    "transport_role",
    "bindings",
    "remote_ip_ranges",
    "auth_mechanism",
    "permission_groups",
    "extended_rights",
    "require_tls",
    "enabled",
    "fqdn",
    "connection_timeout",
}


def test_completion_on_a_send_connector_offers_send_connector_keys(server: LanguageServer) -> None:
    offered = keys_offered(server, "send.yaml", SE.replace("{cursor}", ""), 7, 4)
    assert sorted(offered) == sorted(SEND_KEYS)


def test_completion_on_a_receive_connector_offers_receive_connector_keys(server: LanguageServer) -> None:
    offered = keys_offered(server, "receive.yaml", SE.replace("{cursor}", ""), 10, 4)
    assert sorted(offered) == sorted(RECEIVE_KEYS)


ONLINE = """\
version: 1
organization: Contoso
exchange: online
inbound_connectors:
  - name: From on-premises
    {cursor}
outbound_connectors:
  - name: To on-premises
    {cursor}
"""
INBOUND_KEYS = {
    "description",
    "connector_type",
    "sender_domains",
    "sender_ip_addresses",
    "tls_sender_certificate_name",
    "restrict_domains_to_ip_addresses",
    "restrict_domains_to_certificate",
    "require_tls",
    "treat_messages_as_internal",
    "cloud_services_mail_enabled",
    "ef_skip_ips",
    "ef_skip_last_ip",
    "ef_test_mode",
    "ef_users",
    "enabled",
}
OUTBOUND_KEYS = {
    "description",
    "connector_type",
    "recipient_domains",
    "all_accepted_domains",
    "use_mx_record",
    "smart_hosts",
    "tls_settings",
    "tls_domain",
    "mta_sts_mode",
    "smtp_dane_mode",
    "is_transport_rule_scoped",
    "route_all_messages_via_on_premises",
    "sender_rewriting_enabled",
    "cloud_services_mail_enabled",
    "test_mode",
    "enabled",
}


def test_completion_on_an_inbound_connector_offers_inbound_connector_keys(server: LanguageServer) -> None:
    offered = keys_offered(server, "inbound.yaml", ONLINE.replace("{cursor}", ""), 5, 4)
    # `sender_domains` is required (New-InboundConnector requires -SenderDomains): the editor also
    # offers the missing required keys as one snippet, under the object's title.
    assert sorted(offered) == sorted(INBOUND_KEYS | {"Inbound connector"})


def test_completion_on_an_outbound_connector_offers_outbound_connector_keys(server: LanguageServer) -> None:
    offered = keys_offered(server, "outbound.yaml", ONLINE.replace("{cursor}", ""), 8, 4)
    assert sorted(offered) == sorted(OUTBOUND_KEYS)


def test_a_valid_online_document_has_no_diagnostic(server: LanguageServer) -> None:
    from tests.test_schema_online import SECTION_10

    uri = server.open("section-10.yaml", SECTION_10)
    assert server.diagnostics_of(uri) == []


TOP = "version: 1\norganization: Contoso\nexchange: {exchange}\n\n"


@pytest.mark.parametrize(
    ("exchange", "expected"),
    [
        ('"5.5"', {"$schema", "sites", "connectors", "routing_tests"}),
        (
            '"2019"',
            {
                "$schema",
                "sites",
                "site_links",
                "accepted_domains",
                "edge_subscriptions",
                "send_connectors",
                "receive_connectors",
                "routing_tests",
            },
        ),
        (
            "online",
            {
                "$schema",
                "accepted_domains",
                "inbound_connectors",
                "outbound_connectors",
                "transport_rules",
                "routing_tests",
            },
        ),
    ],
)
def test_completion_at_the_top_offers_the_generations_keys(
    server: LanguageServer, exchange: str, expected: set[str]
) -> None:
    offered = keys_offered(server, f"top-{exchange[1:-1]}.yaml", TOP.replace("{exchange}", exchange), 3, 0)
    assert sorted(offered) == sorted(expected)


DIAGNOSED = [
    # (name, text, the message the editor must show: the schema's own)
    pytest.param(
        "gateways-on-ims",
        FIVE_FIVE.replace("{kind}", "internet_mail").replace("{cursor}", "gateways: []"),
        "gateways is allowed only when kind is msmail",
        id="kind-prohibition",
    ),
    pytest.param(
        "bad-kind",
        FIVE_FIVE.replace("{kind}", "cc_mail").replace("{cursor}", ""),
        "expected a connector kind: site, x400",
        id="kind-spelling",
    ),
    pytest.param(
        "send-in-55",
        FIVE_FIVE.replace("{kind}", "site").replace("{cursor}", "") + "send_connectors: []\n",
        "send_connectors belongs to Exchange 2007–SE files",
        id="generation-key",
    ),
    pytest.param(
        "connectors-in-2019",
        SE.replace("{cursor}", "") + "connectors: []\n",
        "connectors belongs to Exchange 4.0–5.5 files",
        id="generation-key-2019",
    ),
    pytest.param(
        "starttls",
        SE.replace("{cursor}", "require_tls: true\n    ignore_starttls: true", 1).replace("{cursor}", ""),
        "ignore_starttls: true contradicts require_tls: true",
        id="cmdlet-refusal-send",
    ),
    pytest.param(
        "none-alone",
        SE.replace("{cursor}", "", 1).replace("{cursor}", "auth_mechanism: [None, Tls]"),
        "None must stand alone in auth_mechanism",
        id="cmdlet-refusal-receive",
    ),
    pytest.param(
        "size",
        SE.replace("{cursor}", "max_message_size: 35 parsecs", 1).replace("{cursor}", ""),
        "expected a size",
        id="size",
    ),
    pytest.param(
        "no-mx-without-smart-hosts",
        ONLINE.replace("{cursor}", "sender_domains: [contoso.com]", 1).replace("{cursor}", "use_mx_record: false"),
        "use_mx_record: false needs smart_hosts",
        id="cmdlet-refusal-outbound",
    ),
    pytest.param(
        "internal-on-partner",
        ONLINE.replace("{cursor}", "sender_domains: [contoso.com]\n    treat_messages_as_internal: true", 1).replace(
            "{cursor}", ""
        ),
        "treat_messages_as_internal: true needs connector_type: OnPremises",
        id="cmdlet-refusal-inbound",
    ),
    pytest.param(
        "send-in-online",
        ONLINE.replace("{cursor}", "sender_domains: [contoso.com]", 1).replace("{cursor}", "")
        + "send_connectors: []\n",
        "send_connectors belongs to Exchange 2007–SE files",
        id="generation-key-online",
    ),
    pytest.param(
        "unquoted",
        SE.replace('"2019"', "2019").replace("{cursor}", ""),
        "expected a quoted Exchange version",
        id="unquoted-2019",
    ),
    pytest.param(
        "permission",
        SE.replace("{cursor}", "", 1).replace("{cursor}", "permission_groups: [Anonymous]"),
        "expected a permission group",
        id="permission-group-spelling",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), DIAGNOSED)
def test_each_diagnostic_carries_the_schemas_message(
    server: LanguageServer, name: str, text: str, message: str
) -> None:
    uri = server.open(f"{name}.yaml", text)
    shown = [diagnostic["message"] for diagnostic in server.diagnostics_of(uri)]
    assert len(shown) == 1, shown
    assert shown[0].startswith(message), shown
    assert not shown[0].startswith(GENERIC), shown


def test_a_valid_2019_document_has_no_diagnostic(server: LanguageServer) -> None:
    from tests.test_schema_2007_se import SECTION_9

    uri = server.open("section-9.yaml", SECTION_9)
    assert server.diagnostics_of(uri) == []


HOVERED = [
    # (name, text, 0-based line and column, what the hover must say, what it must not)
    pytest.param(
        FIVE_FIVE.replace("{kind}", "internet_mail").replace("{cursor}", ""),
        (7, 12),
        "Internet Mail Connector (4.0) / Internet Mail Service",
        ("MS Mail", "Allowed Values", "x400"),
        id="kind-value",
    ),
    pytest.param(
        TOP.replace("{exchange}", '"2019"'), (2, 12), "Exchange Server 2019", ("5.5", "Allowed"), id="exchange"
    ),
    pytest.param(
        SE.replace("{cursor}", "smart_host_auth: BasicAuth", 1).replace("{cursor}", ""),
        (7, 24),
        "clear text",
        ("ExchangeServer", "Allowed Values"),
        id="send-enum-value",
    ),
    pytest.param(
        SE.replace("{cursor}", "ignore_starttls: false", 1).replace("{cursor}", ""),
        (7, 6),
        "`require_tls: true`",
        ("\\`",),
        id="markdown-key",
    ),
    pytest.param(
        ONLINE.replace("{cursor}", "sender_domains: [contoso.com]", 1).replace(
            "{cursor}", "connector_type: OnPremises"
        ),
        (8, 22),
        "own on-premises servers",
        ("Partner", "Allowed Values"),
        id="outbound-enum-value",
    ),
    pytest.param(
        FIVE_FIVE.replace("{kind}", "msmail").replace("{cursor}", "postoffice: CA/PO"),
        (9, 6),
        "`msmail` only",
        ("\\`", "\\*"),
        id="markdown-key-5.5",
    ),
]


@pytest.mark.parametrize(("text", "position", "says", "never"), HOVERED)
def test_hover_renders_markdown_for_the_hovered_value_only(
    server: LanguageServer, text: str, position: tuple[int, int], says: str, never: tuple[str, ...]
) -> None:
    uri = server.open(f"hover-{position[0]}-{position[1]}-{abs(hash(text))}.yaml", text)
    shown = server.hover(uri, *position)
    assert says in shown, shown
    for text_never in never:
        assert text_never not in shown, shown
