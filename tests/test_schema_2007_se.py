"""The Exchange 2007–SE part of the schema (DESIGN §9): every object and enum, the combinations the
cmdlets refuse, the loose forms of sizes, IP ranges and bindings, and keys of another generation."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from ruamel.yaml import YAML

from exchange_lint.quantities import BadValue, parse_binding, parse_range, parse_size
from tests.lint_helpers import lint_findings, lint_text
from tests.test_schema_file import Document, subschema_validator, validator

# DESIGN §9's example, verbatim but for the Partner connector its routing test names.
SECTION_9 = """\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["10.0.0.11"]}
      - EX02
  - name: BRANCH
    servers: [EX03]
site_links:
  - {sites: [HQ, BRANCH], cost: 10}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
edge_subscriptions:
  - {edge: EDGE01, site: HQ}
send_connectors:
  - name: Internet
    usage: Internet
    source_transport_servers: [EX01, EX02]
    address_spaces: ["SMTP:*;1"]
    dns_routing: true
    smart_hosts: []
    smart_host_auth: None
    credential_ref: "vault:smtp/relay"
    scoped: false
    enabled: true
    max_message_size: 35MB
    require_tls: true
    ignore_starttls: false
    tls_auth_level: DomainValidation
    tls_domain: contoso.com
    tls_certificate_name: "<I>CN=Issuer<S>CN=mail.contoso.com"
    domain_secure: false
    cloud_services_mail_enabled: false
    fqdn: mail.contoso.com
    port: 25
  - name: Partner Fabrikam
    usage: Partner
    source_transport_servers: [EX03]
    address_spaces: [{type: SMTP, address: partner.example, cost: 1}]
    dns_routing: false
    smart_hosts: ["[192.168.1.25]"]
    smart_host_auth: BasicAuthRequireTLS
    credential_ref: "vault:smtp/fabrikam"
receive_connectors:
  - name: Relay EX01
    server: EX01
    transport_role: FrontendTransport
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
    auth_mechanism: [Tls]
    permission_groups: [AnonymousUsers]
    extended_rights:
      - {principal: "NT AUTHORITY\\\\ANONYMOUS LOGON", rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}
    require_tls: false
    enabled: true
routing_tests:
  - {from: BRANCH, recipient: "SMTP:ann@partner.example", expect: Partner Fabrikam}
  - {from: EX01, recipient: "SMTP:big@example.net", size: 200MB, expect: ndr}
"""


def section_9() -> Document:
    data: Document = YAML(typ="safe").load(SECTION_9)
    return data


def edited(data: Document, where: tuple[Any, ...], **fields: Any) -> Document:
    """`data` with the object at `where` changed by `fields` (None drops a key)."""
    node: Any = data
    for step in where:
        node = node[step]
    for key, value in fields.items():
        if value is None:
            node.pop(key, None)
        else:
            node[key] = value
    return data


def changed(where: tuple[Any, ...], **fields: Any) -> Document:
    """§9's document with the object at `where` changed by `fields`."""
    return edited(section_9(), where, **fields)


INTERNET = ("send_connectors", 0)
PARTNER = ("send_connectors", 1)
RELAY = ("receive_connectors", 0)


def messages(document: Document) -> list[tuple[tuple[Any, ...], str]]:
    """(path, the failing schema's own message) of every error."""
    return [
        (tuple(error.absolute_path), str(error.schema.get("errorMessage", error.message)))
        for error in validator().iter_errors(document)
        if isinstance(error.schema, dict)
    ]


def test_section_9_document_is_valid() -> None:
    assert messages(section_9()) == []
    assert lint_text(SECTION_9, "EXL002") == []


@pytest.mark.parametrize("version", ["2007", "2010", "2013", "2016", "2019", "SE"])
def test_every_2007_se_version_selects_the_generation(version: str) -> None:
    assert messages(changed((), exchange=version)) == []


REFUSED = [
    # (document, path of the key the finding sits on, the start of its message)
    pytest.param(
        changed(INTERNET, dns_routing=False, smart_hosts=None),
        (*INTERNET, "dns_routing"),
        "dns_routing: false needs smart_hosts",
        id="S22-dns-off-without-smart-hosts",
    ),
    pytest.param(
        changed(PARTNER, dns_routing=True),
        (*PARTNER, "smart_hosts"),
        "smart_hosts are used only with dns_routing: false",
        id="S22-smart-hosts-with-dns",
    ),
    pytest.param(
        changed(INTERNET, smart_host_auth="BasicAuth"),
        (*INTERNET, "smart_host_auth"),
        "smart_host_auth authenticates to a smart host",
        id="S22-smart-host-auth-without-smart-hosts",
    ),
    pytest.param(
        changed(INTERNET, ignore_starttls=True),
        (*INTERNET, "ignore_starttls"),
        "ignore_starttls: true contradicts require_tls: true",
        id="S24-ignore-starttls-with-require-tls",
    ),
    pytest.param(
        changed(INTERNET, require_tls=False),
        (*INTERNET, "tls_auth_level"),
        "tls_auth_level needs require_tls: true",
        id="S24-tls-auth-level-without-require-tls",
    ),
    pytest.param(
        changed(INTERNET, require_tls=None),
        (*INTERNET, "tls_auth_level"),
        "tls_auth_level needs require_tls: true",
        id="S24-tls-auth-level-require-tls-omitted",
    ),
    pytest.param(
        changed(PARTNER, domain_secure=True),
        (*PARTNER, "domain_secure"),
        "domain_secure: true needs DNS routing",
        id="S24-domain-secure-with-smart-hosts",
    ),
    pytest.param(
        changed(RELAY, auth_mechanism=["Tls", "None"]),
        (*RELAY, "auth_mechanism"),
        "None must stand alone in auth_mechanism",
        id="S30-none-with-tls",
    ),
    pytest.param(
        changed(RELAY, auth_mechanism=["Tls", "BasicAuthRequireTLS"]),
        (*RELAY, "auth_mechanism"),
        "BasicAuthRequireTLS needs BasicAuth and Tls",
        id="S30-basic-require-tls-without-basic",
    ),
    pytest.param(
        changed(
            RELAY, auth_mechanism=["Tls", "ExternalAuthoritative", "Integrated"], permission_groups=["ExchangeServers"]
        ),
        (*RELAY, "auth_mechanism"),
        "ExternalAuthoritative can be combined only with Tls",
        id="S30-externally-secured-with-integrated",
    ),
    pytest.param(
        changed(RELAY, auth_mechanism=["Tls", "ExternalAuthoritative"]),
        (*RELAY, "auth_mechanism"),
        "ExternalAuthoritative in auth_mechanism needs the ExchangeServers permission group",
        id="S30-externally-secured-without-exchange-servers",
    ),
    pytest.param(
        changed(RELAY, require_tls=True, auth_mechanism=["Integrated"]),
        (*RELAY, "require_tls"),
        "require_tls: true needs Tls in auth_mechanism",
        id="S30-require-tls-without-tls",
    ),
    pytest.param(
        changed(RELAY, permission_groups=["None", "AnonymousUsers"]),
        (*RELAY, "permission_groups"),
        "None must stand alone in permission_groups",
        id="S30-permission-group-none-with-another",
    ),
]


@pytest.mark.parametrize(("document", "path", "message"), REFUSED)
def test_what_a_cmdlet_refuses_the_schema_refuses_once(document: Document, path: tuple[Any, ...], message: str) -> None:
    [(actual_path, actual)] = messages(document)
    assert actual_path == path
    assert actual.startswith(message)


ACCEPTED = [
    pytest.param(changed(PARTNER, dns_routing=None), id="smart-hosts-imply-dns-off"),
    pytest.param(changed(INTERNET, tls_auth_level=None, require_tls=False, ignore_starttls=True), id="ignore-starttls"),
    pytest.param(changed(RELAY, auth_mechanism=["None"]), id="none-alone"),
    pytest.param(changed(RELAY, auth_mechanism=["Tls", "BasicAuth", "BasicAuthRequireTLS"]), id="basic-require-tls"),
    pytest.param(
        changed(RELAY, auth_mechanism=["Tls", "ExternalAuthoritative"], permission_groups=["ExchangeServers"]),
        id="externally-secured",
    ),
    pytest.param(changed(RELAY, require_tls=True, auth_mechanism=["Tls", "Integrated"]), id="require-tls-with-tls"),
    pytest.param(changed(("sites", 0, "servers", 0), roles=["HubTransport", "Edge"]), id="hub-transport-role"),
    pytest.param(changed(("accepted_domains", 0), domain="*.contoso.com", type="InternalRelay"), id="relay-domain"),
    pytest.param(changed(INTERNET, max_message_size="unlimited"), id="size-unlimited"),
    pytest.param(changed(INTERNET, max_message_size=36700160), id="size-bytes"),
    pytest.param(changed(INTERNET, **{"x-owner": "messaging"}), id="x-extension-on-send-connector"),
    pytest.param(changed(("routing_tests", 0), expect="unreachable"), id="expect-unreachable"),
    pytest.param(changed(("routing_tests", 0), expect="local"), id="expect-local"),
]


@pytest.mark.parametrize("document", ACCEPTED)
def test_what_the_cmdlets_accept_is_valid(document: Document) -> None:
    assert messages(document) == []


WRONG_VALUES = [
    pytest.param(
        changed(INTERNET, usage="Outbound"), (*INTERNET, "usage"), "expected a Send connector usage", id="usage"
    ),
    pytest.param(
        changed(PARTNER, smart_host_auth="Basic"),
        (*PARTNER, "smart_host_auth"),
        "expected a smart host authentication mechanism",
        id="smart-host-auth",
    ),
    pytest.param(
        changed(INTERNET, tls_auth_level="Domain"),
        (*INTERNET, "tls_auth_level"),
        "expected a TLS authentication level",
        id="tls-auth-level",
    ),
    pytest.param(
        changed(RELAY, transport_role="Hub"), (*RELAY, "transport_role"), "expected a transport role", id="role"
    ),
    pytest.param(
        changed(RELAY, auth_mechanism=["TLS"]),
        (*RELAY, "auth_mechanism", 0),
        "expected an authentication mechanism",
        id="auth-mechanism-spelling",
    ),
    pytest.param(
        changed(RELAY, permission_groups=["Anonymous"]),
        (*RELAY, "permission_groups", 0),
        "expected a permission group",
        id="permission-group-spelling",
    ),
    pytest.param(
        changed(("accepted_domains", 0), type="Relay"),
        ("accepted_domains", 0, "type"),
        "expected an accepted domain type",
        id="accepted-domain-type",
    ),
    pytest.param(
        changed(("sites", 0, "servers", 0), roles=["ClientAccess"]),
        ("sites", 0, "servers", 0, "roles", 0),
        "expected a server role",
        id="server-role",
    ),
    pytest.param(
        changed(INTERNET, max_message_size="35 parsecs"),
        (*INTERNET, "max_message_size"),
        "expected a size",
        id="size",
    ),
    pytest.param(changed(RELAY, bindings=["0.0.0.0"]), (*RELAY, "bindings", 0), "expected a binding", id="binding"),
    pytest.param(
        changed(RELAY, remote_ip_ranges=["anywhere"]),
        (*RELAY, "remote_ip_ranges", 0),
        "expected an IP range",
        id="range",
    ),
    pytest.param(changed(INTERNET, port=0), (*INTERNET, "port"), "0 is less than the minimum of 1", id="port"),
    pytest.param(changed(("site_links", 0), sites=["HQ"]), ("site_links", 0, "sites"), "is too short", id="site-link"),
]


@pytest.mark.parametrize(("document", "path", "message"), WRONG_VALUES)
def test_a_wrong_value_is_one_error_with_the_schemas_message(
    document: Document, path: tuple[Any, ...], message: str
) -> None:
    [(actual_path, actual)] = messages(document)
    assert actual_path == path
    assert message in actual


# -- loose forms: the schema catches what is not even shaped like a value; quantities.py reads it


SIZES_OK = ["35MB", "35 MB", "1.5 GB", "35 MB (36,700,160 bytes)", "unlimited", "Unlimited", "512KB", "100B", "7"]
SIZES_BAD = ["35 parsecs", "MB", "", "-5MB", "lots"]
RANGES_OK = ["10.0.5.0/24", "10.0.0.1-10.0.0.50", "192.168.1.25", "::/0", "fe80::1-fe80::ff", "2001:db8::/32"]
RANGES_BAD = ["anywhere", "10.0.0.0/24/8", "", "10.0.0.1 to 10.0.0.9"]
BINDINGS_OK = ["0.0.0.0:25", "[::]:25", "10.0.0.11:587", "[fe80::1]:2525"]
BINDINGS_BAD = ["0.0.0.0", ":25", "mail:25", "[::]", "*:25"]


@pytest.mark.parametrize(
    ("definition", "value", "valid"),
    [("size", v, True) for v in SIZES_OK]
    + [("size", v, False) for v in SIZES_BAD]
    + [("ipRange", v, True) for v in RANGES_OK]
    + [("ipRange", v, False) for v in RANGES_BAD]
    + [("binding", v, True) for v in BINDINGS_OK]
    + [("binding", v, False) for v in BINDINGS_BAD],
)
def test_loose_forms(definition: str, value: str, valid: bool) -> None:
    assert subschema_validator({"$ref": f"#/$defs/{definition}"}).is_valid(value) is valid


@pytest.mark.parametrize(
    ("definition", "reader", "values"),
    [("size", parse_size, SIZES_OK), ("ipRange", parse_range, RANGES_OK), ("binding", parse_binding, BINDINGS_OK)],
)
def test_what_the_readers_read_the_schema_accepts(definition: str, reader: Any, values: list[str]) -> None:
    """The pattern is looser than the reader, never stricter: a value quantities.py reads is valid."""
    checker = subschema_validator({"$ref": f"#/$defs/{definition}"})
    for value in values:
        reader(value)
        assert checker.is_valid(value), value


def test_shaped_right_but_unreadable_is_left_to_the_reader() -> None:
    """`10.0.0.300/24` looks like a range: the schema lets it through and the model explains it."""
    assert subschema_validator({"$ref": "#/$defs/ipRange"}).is_valid("10.0.0.300/24")
    with pytest.raises(BadValue):
        parse_range("10.0.0.300/24")


# -- keys of another generation (EXL002): one finding that names the generation -------------------


def test_a_4_0_5_5_key_in_a_2019_file_is_one_finding_naming_its_generation() -> None:
    src = SECTION_9.replace("send_connectors:", "connectors:\n  - {name: IMS, kind: internet_mail}\nsend_connectors:")
    [finding] = [f for f in lint_findings(src) if f.rule_id == "EXL002"]
    assert finding.message.startswith("connectors belongs to Exchange 4.0–5.5 files")
    assert finding.message.endswith("this file is Exchange 2007–SE")
    assert (finding.location.region.start_line, finding.location.region.start_column) == (17, 1)


def test_a_2007_se_key_in_a_5_5_file_is_one_finding_naming_its_generation() -> None:
    src = """\
version: 1
organization: Contoso
exchange: "5.5"
sites:
  - {name: TRADE, servers: [TRADE]}
send_connectors:
  - name: Internet
    address_spaces: ["SMTP:*;1"]
    dns_routing: false
"""
    [finding] = [f for f in lint_findings(src) if f.rule_id == "EXL002"]
    assert finding.message == (
        "send_connectors belongs to Exchange 2007–SE files (exchange: 2007, 2010, 2013, 2016, 2019, SE); "
        "this file is Exchange 4.0–5.5"
    )
    assert (finding.location.region.start_line, finding.location.region.start_column) == (6, 1)


def test_a_file_without_exchange_is_4_0_5_5() -> None:
    src = "version: 1\norganization: Contoso\nedge_subscriptions: []\n"
    [finding] = [f for f in lint_findings(src) if f.rule_id == "EXL002"]
    assert finding.message.startswith("edge_subscriptions belongs to Exchange 2007–SE files")


def test_an_unquoted_2019_is_one_finding_and_the_file_is_still_read_as_2007_se() -> None:
    """YAML reads `exchange: 2019` as a number; the model reads it as "2019" (str), so does the
    schema's choice of generation, and `exchange` itself asks for quotes: one finding, no cascade."""
    src = SECTION_9.replace('exchange: "2019"', "exchange: 2019")
    [finding] = [f for f in lint_findings(src) if f.rule_id == "EXL002"]
    assert (finding.location.region.start_line, finding.location.region.start_column) == (3, 11)
    assert "expected a quoted Exchange version" in finding.message
    assert finding.hint == 'quote it: "2019"'


def test_schema_errors_of_an_unquoted_2019_file_are_those_of_2007_se() -> None:
    data = section_9()
    data["exchange"] = 2019
    broken = copy.deepcopy(data)
    broken["send_connectors"][0]["ignore_starttls"] = True
    paths = sorted({path for path, _ in messages(broken)})  # `exchange`: its type and its choice
    assert paths == [("exchange",), (*INTERNET, "ignore_starttls")]
