"""Exchange 2007–SE documents for the fuzzer: a rich seed, and a document built from fuzz bytes.

`structured` turns any byte string into a 2007–SE organization (sites, servers with roles and
IPs, site links, accepted domains, Edge subscriptions, Send and Receive connectors, routing tests
with sizes) whose values are drawn from lists of valid and broken spellings, so that libFuzzer
spends its time in the model, the route engine and the rules rather than in the YAML parser.
"""

from __future__ import annotations

import json

import atheris

GENERATIONS = ["2007", "2010", "2013", "2016", "2019", "SE", 2019, "5.5", "2003"]
SITES = ["HQ", "BRANCH", "DR", "hq", "", "EX01"]
SERVERS = ["EX01", "EX02", "EX03", "EDGE01", "ex01", "HQ", ""]
ROLES = ["Mailbox", "Edge", "HubTransport", "ClientAccess", "mailbox", ""]
IPS = ["10.0.0.11", "::1", "2001:db8::1", "10.0.0.300", "fe80::1%eth0", "", "10.0.0.0/8"]
RANGES = [
    "10.0.5.0/24", "0.0.0.0/0", "::/0", "0.0.0.0-255.255.255.255", "10.0.0.1", "10.0.0.9-10.0.0.1",
    "2001:db8::/32", "10.0.0.0/33", "1.2.3.4/0", "::ffff:10.0.0.1", "garbage", "10.0.5.0/25",
]  # fmt: skip
BINDINGS = ["0.0.0.0:25", "[::]:25", "10.0.0.11:587", "0.0.0.0:0", "0.0.0.0:65536", "[::1]:2525", ":25", "x"]
SIZES = ["35MB", "10MB", "200MB", "unlimited", "Unlimited", 0, 1, 2**40, -1, "35 MB", "1.5GB", "10KB", "MB", "9" * 30]
SIZES += ["9" * 400 + "MB", "1" * 5000, "35 MB (36,700,160 bytes)", "1.5e3MB"]
TIMESPANS = ["00:10:00", "00:05:00", "1.00:00:00", "00:75:00", "24:00:00", "999.23:59:59", "10", 600, "", "9" * 300]
DOMAINS = [
    "contoso.com", "*.contoso.com", "*", "fabrikam.example", "marketing.contoso.com", "*contoso.com", "",
    "xn--bcher-kva.example", "a" * 70 + ".example", "-bad-.example", "partner.example",
]  # fmt: skip
SPACE_TYPES = ["SMTP", "smtp", "X400", "EX", "FAX", ""]
DOMAIN_TYPES = ["Authoritative", "InternalRelay", "ExternalRelay", "authoritative", "Other"]
USAGES = ["Custom", "Internal", "Internet", "Partner", "Other"]
AUTHS = ["None", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer", "ExternalAuthoritative", "Kerberos"]
TLS_LEVELS = ["EncryptionOnly", "CertificateValidation", "DomainValidation", "None"]
RECEIVE_AUTH = [
    "None",
    "Tls",
    "Integrated",
    "BasicAuth",
    "BasicAuthRequireTLS",
    "ExchangeServer",
    "ExternalAuthoritative",
]
PERMISSIONS = [
    "None",
    "AnonymousUsers",
    "ExchangeUsers",
    "ExchangeServers",
    "ExchangeLegacyServers",
    "Partners",
    "Custom",
]
RIGHTS = ["Ms-Exch-SMTP-Accept-Any-Recipient", "Ms-Exch-SMTP-Submit", "Ms-Exch-Bypass-Anti-Spam"]
PRINCIPALS = ["NT AUTHORITY\\ANONYMOUS LOGON", "NT AUTHORITY\\Authenticated Users", "CONTOSO\\relay"]
TRANSPORT_ROLES = ["FrontendTransport", "HubTransport", "Edge"]
RECIPIENTS = [
    "SMTP:ann@fabrikam.example", "SMTP:ann@contoso.com", "SMTP:julia@marketing.contoso.com", "SMTP:big@example.net",
    "X400:c=US;a= ;p=Contoso", "SMTP:", "junk", "SMTP:a@*", "SMTP:ann@partner.example",
]  # fmt: skip
EXPECTS = ["Internet", "Partner Fabrikam", "local", "unreachable", "ndr", "nobody"]
CONNECTOR_NAMES = ["Internet", "Partner Fabrikam", "Backup", "Relay EX01", "Hybrid", ""]

RICH_SEED = """\
# Exchange 2019, every object of DESIGN §9
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["10.0.0.11", "2001:db8::11"]}
      - EX02
      - {name: EDGE01, roles: [Edge], ips: ["192.0.2.10"]}
  - name: BRANCH
    servers: [EX03]
  - name: DR
    servers: [{name: EX04, roles: [Mailbox]}]
site_links:
  - {sites: [HQ, BRANCH], cost: 10}
  - {sites: [BRANCH, DR], cost: 5}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: "*.contoso.com", type: Authoritative}
  - {domain: partner.example, type: InternalRelay}
  - {domain: relay.example, type: ExternalRelay}
edge_subscriptions:
  - {edge: EDGE01, site: HQ}
send_connectors:
  - name: Internet
    usage: Internet
    source_transport_servers: [EX01, EX02]
    address_spaces: ["SMTP:*;1"]
    dns_routing: true
    max_message_size: 35MB
    require_tls: true
    tls_auth_level: DomainValidation
    tls_domain: contoso.com
    fqdn: mail.contoso.com
    port: 25
  - name: Partner Fabrikam
    usage: Partner
    source_transport_servers: [EX03]
    address_spaces: ["SMTP:fabrikam.example;1", {type: SMTP, address: "*.fabrikam.example", cost: 2}]
    dns_routing: false
    smart_hosts: [mail.fabrikam.example, "[192.0.2.25]"]
    smart_host_auth: BasicAuthRequireTLS
    credential_ref: "vault:smtp/fabrikam"
    max_message_size: 10MB
    scoped: true
  - name: Backup
    source_transport_servers: [EX04]
    address_spaces: ["SMTP:*;5"]
    enabled: false
    max_message_size: unlimited
receive_connectors:
  - name: Relay EX01
    server: EX01
    transport_role: FrontendTransport
    bindings: ["0.0.0.0:25", "[::]:25"]
    remote_ip_ranges: ["10.0.5.0/24", "10.0.6.1-10.0.6.20", "2001:db8:5::/48"]
    auth_mechanism: [Tls]
    permission_groups: [AnonymousUsers]
    extended_rights:
      - {principal: "NT AUTHORITY\\\\ANONYMOUS LOGON", rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}
    require_tls: false
    enabled: true
routing_tests:
  - {from: BRANCH, recipient: "SMTP:ann@fabrikam.example", expect: Partner Fabrikam}
  - {from: EX01, recipient: "SMTP:big@example.net", size: 200MB, expect: ndr}
  - {from: HQ, recipient: "SMTP:ann@contoso.com", expect: local}
  - {from: DR, recipient: "SMTP:ann@example.net", size: 1KB, expect: unreachable}
"""


def _pick(fdp: atheris.FuzzedDataProvider, values: list[object] | list[str]) -> object:
    if fdp.ConsumeIntInRange(0, 15) == 0:  # now and then a value of the wrong type
        return [None, 7, True, [], {}, "x" * fdp.ConsumeIntInRange(0, 300)][fdp.ConsumeIntInRange(0, 5)]
    return values[fdp.ConsumeIntInRange(0, len(values) - 1)]


def _some(fdp: atheris.FuzzedDataProvider, values: list[object] | list[str], most: int = 3) -> list[object]:
    return [_pick(fdp, values) for _ in range(fdp.ConsumeIntInRange(0, most))]


def _optional(fdp: atheris.FuzzedDataProvider, entries: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in entries.items() if fdp.ConsumeBool()}


def _space(fdp: atheris.FuzzedDataProvider) -> object:
    kind, domain, cost = _pick(fdp, SPACE_TYPES), _pick(fdp, DOMAINS), fdp.ConsumeIntInRange(-1, 101)
    if fdp.ConsumeBool():
        return f"{kind}:{domain};{cost}"
    return _optional(fdp, {"type": kind, "address": domain, "cost": cost, "scope": "site"})


def _server(fdp: atheris.FuzzedDataProvider) -> object:
    if fdp.ConsumeBool():
        return _pick(fdp, SERVERS)
    return {"name": _pick(fdp, SERVERS), **_optional(fdp, {"roles": _some(fdp, ROLES, 2), "ips": _some(fdp, IPS)})}


def _send(fdp: atheris.FuzzedDataProvider) -> dict[str, object]:
    return {
        "name": _pick(fdp, CONNECTOR_NAMES),
        **_optional(
            fdp,
            {
                "usage": _pick(fdp, USAGES),
                "source_transport_servers": _some(fdp, SERVERS),
                "address_spaces": [_space(fdp) for _ in range(fdp.ConsumeIntInRange(0, 3))],
                "dns_routing": fdp.ConsumeBool(),
                "smart_hosts": _some(fdp, ["mail.fabrikam.example", "[192.0.2.25]", "[::1]", "", "[bad]"], 2),
                "smart_host_auth": _pick(fdp, AUTHS),
                "credential_ref": _pick(fdp, ["vault:smtp/relay", "password=hunter2", ""]),
                "password": "hunter2",
                "scoped": fdp.ConsumeBool(),
                "enabled": fdp.ConsumeBool(),
                "max_message_size": _pick(fdp, SIZES),
                "require_tls": fdp.ConsumeBool(),
                "ignore_starttls": fdp.ConsumeBool(),
                "tls_auth_level": _pick(fdp, TLS_LEVELS),
                "tls_domain": _pick(fdp, DOMAINS),
                "tls_certificate_name": "<I>CN=Issuer<S>CN=mail.contoso.com",
                "domain_secure": fdp.ConsumeBool(),
                "cloud_services_mail_enabled": fdp.ConsumeBool(),
                "fqdn": _pick(fdp, DOMAINS),
                "port": fdp.ConsumeIntInRange(-1, 70000),
                "connection_inactivity_timeout": _pick(fdp, TIMESPANS),
            },
        ),
    }


def _receive(fdp: atheris.FuzzedDataProvider) -> dict[str, object]:
    return {
        "name": _pick(fdp, CONNECTOR_NAMES),
        **_optional(
            fdp,
            {
                "server": _pick(fdp, SERVERS),
                "transport_role": _pick(fdp, TRANSPORT_ROLES),
                "bindings": _some(fdp, BINDINGS),
                "remote_ip_ranges": _some(fdp, RANGES),
                "auth_mechanism": _some(fdp, RECEIVE_AUTH),
                "permission_groups": _some(fdp, PERMISSIONS),
                "extended_rights": [
                    {"principal": _pick(fdp, PRINCIPALS), "rights": _some(fdp, RIGHTS, 2)}
                    for _ in range(fdp.ConsumeIntInRange(0, 2))
                ],
                "require_tls": fdp.ConsumeBool(),
                "enabled": fdp.ConsumeBool(),
                "max_message_size": _pick(fdp, SIZES),
                "connection_timeout": _pick(fdp, TIMESPANS),
            },
        ),
    }


def structured(data: bytes) -> tuple[str, str, str]:
    """A 2007–SE document made from `data`, with a route origin and recipient for it."""
    fdp = atheris.FuzzedDataProvider(data)
    document: dict[str, object] = {
        "version": 1,
        "organization": "Contoso",
        "exchange": _pick(fdp, GENERATIONS),
        **_optional(
            fdp,
            {
                "sites": [
                    {"name": _pick(fdp, SITES), "servers": [_server(fdp) for _ in range(fdp.ConsumeIntInRange(0, 3))]}
                    for _ in range(fdp.ConsumeIntInRange(0, 3))
                ],
                "site_links": [
                    {"sites": _some(fdp, SITES), "cost": fdp.ConsumeIntInRange(-1, 200)}
                    for _ in range(fdp.ConsumeIntInRange(0, 3))
                ],
                "accepted_domains": [
                    {"domain": _pick(fdp, DOMAINS), "type": _pick(fdp, DOMAIN_TYPES)}
                    for _ in range(fdp.ConsumeIntInRange(0, 3))
                ],
                "edge_subscriptions": [
                    {"edge": _pick(fdp, SERVERS), "site": _pick(fdp, SITES)} for _ in range(fdp.ConsumeIntInRange(0, 2))
                ],
                "send_connectors": [_send(fdp) for _ in range(fdp.ConsumeIntInRange(0, 4))],
                "receive_connectors": [_receive(fdp) for _ in range(fdp.ConsumeIntInRange(0, 3))],
                "routing_tests": [
                    {
                        "from": _pick(fdp, SITES + SERVERS),
                        "recipient": _pick(fdp, RECIPIENTS),
                        "expect": _pick(fdp, EXPECTS),
                        **_optional(fdp, {"size": _pick(fdp, SIZES)}),
                    }
                    for _ in range(fdp.ConsumeIntInRange(0, 3))
                ],
            },
        ),
    }
    origin = str(_pick(fdp, SITES + SERVERS))
    recipient = str(_pick(fdp, RECIPIENTS))
    return json.dumps(document, ensure_ascii=False, indent=1), origin, recipient
