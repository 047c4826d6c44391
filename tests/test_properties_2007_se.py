"""Property-based tests for Exchange 2007–SE: generated documents, valid and broken, through the CLI.

Sites with servers, roles and IPs, site links, accepted domains, Edge subscriptions, Send and
Receive connectors with every §9 field, routing tests with sizes — drawn from valid spellings and
from the mistakes an admin makes (bad sizes, ranges, bindings, enum spellings, wrong types). Every
output of `check` is well-formed and agrees on the exit code; `route` (with and without `--size`),
`gwart` and `graph` answer or refuse cleanly (exit 0 or 2), never with an internal error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunCli
from tests.test_properties import _check_positions

SITES = ["HQ", "BRANCH", "DR"]
SERVERS = ["EX01", "EX02", "EX03", "EDGE01"]
site = st.sampled_from([*SITES, "hq", "NOWHERE"])
server = st.sampled_from([*SERVERS, "ex01", "GHOST"])
wrong_type = st.one_of(st.none(), st.integers(-2, 2), st.booleans(), st.just([]), st.just({}))


def _sometimes_wrong(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, strategy, strategy, wrong_type)


size = _sometimes_wrong(
    st.sampled_from(
        ["35MB", "10MB", "200MB", "1KB", "1.5GB", "35 MB", "unlimited", "Unlimited", "MB", "-1MB", "9" * 400 + "MB"]
    )
    | st.integers(0, 2**40)
)
timespan = _sometimes_wrong(st.sampled_from(["00:10:00", "00:05:00", "1.00:00:00", "00:75:00", "10", "9" * 300]))
domain = st.sampled_from(
    [
        "contoso.com",
        "*.contoso.com",
        "*",
        "fabrikam.example",
        "marketing.contoso.com",
        "*contoso.com",
        "",
        "a..b",
        "é.example",
    ]
)
ip = st.sampled_from(["10.0.0.11", "2001:db8::11", "192.0.2.10", "10.0.0.300", "::", "host"])
ip_range = st.sampled_from(
    ["10.0.5.0/24", "10.0.5.0/25", "0.0.0.0/0", "::/0", "10.0.6.1-10.0.6.20", "10.0.6.20-10.0.6.1", "2001:db8::/32",
     "10.0.0.0/33", "192.0.2.1", "::ffff:10.0.0.1", "10.0.0.0/8", "garbage"]
)  # fmt: skip
binding = st.sampled_from(["0.0.0.0:25", "[::]:25", "10.0.0.11:25", "10.0.0.11:587", "0.0.0.0:65536", ":25", "[::1]"])
address_space = st.one_of(
    st.builds(
        lambda t, d, c: f"{t}:{d};{c}", st.sampled_from(["SMTP", "smtp", "X400", "EX"]), domain, st.integers(-1, 101)
    ),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["SMTP", "FAX"]), "address": domain},
        optional={"cost": st.integers(-1, 101) | st.just("1")},
    ),
    wrong_type,
)
server_entry = server | st.fixed_dictionaries(
    {"name": server},
    optional={
        "roles": st.lists(st.sampled_from(["Mailbox", "Edge", "HubTransport", "ClientAccess", "mailbox"]), max_size=2),
        "ips": st.lists(ip, max_size=2),
    },
)
send_connector = st.fixed_dictionaries(
    {"name": st.sampled_from(["Internet", "Partner Fabrikam", "Backup", "Hybrid"])},
    optional={
        "usage": _sometimes_wrong(st.sampled_from(["Custom", "Internal", "Internet", "Partner", "internet"])),
        "source_transport_servers": st.lists(server, max_size=2),
        "address_spaces": st.lists(address_space, max_size=3),
        "dns_routing": _sometimes_wrong(st.booleans()),
        "smart_hosts": st.lists(
            st.sampled_from(["mail.fabrikam.example", "[192.0.2.25]", "[::1]", "[bad]", ""]), max_size=2
        ),
        "smart_host_auth": st.sampled_from(
            ["None", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer", "ExternalAuthoritative", "Kerberos"]
        ),
        "credential_ref": st.sampled_from(["vault:smtp/relay", ""]),
        "password": st.just("hunter2"),
        "scoped": _sometimes_wrong(st.booleans()),
        "enabled": _sometimes_wrong(st.booleans()),
        "max_message_size": size,
        "require_tls": st.booleans(),
        "ignore_starttls": st.booleans(),
        "tls_auth_level": st.sampled_from(["EncryptionOnly", "CertificateValidation", "DomainValidation", "Strict"]),
        "tls_domain": domain,
        "tls_certificate_name": st.just("<I>CN=Issuer<S>CN=mail.contoso.com"),
        "domain_secure": st.booleans(),
        "cloud_services_mail_enabled": st.booleans(),
        "fqdn": domain,
        "port": st.integers(-1, 70000),
        "connection_inactivity_timeout": timespan,
    },
)
receive_connector = st.fixed_dictionaries(
    {"name": st.sampled_from(["Relay EX01", "Default", "Client"])},
    optional={
        "server": server,
        "transport_role": st.sampled_from(["FrontendTransport", "HubTransport", "Edge"]),
        "bindings": st.lists(binding, max_size=2),
        "remote_ip_ranges": st.lists(ip_range, max_size=3),
        "auth_mechanism": st.lists(
            st.sampled_from(
                ["None", "Tls", "Integrated", "BasicAuth", "BasicAuthRequireTLS", "ExchangeServer", "Oops"]
            ),
            max_size=3,
        ),
        "permission_groups": st.lists(
            st.sampled_from(["None", "AnonymousUsers", "ExchangeUsers", "ExchangeServers", "Partners", "Custom"]),
            max_size=3,
        ),
        "extended_rights": st.lists(
            st.fixed_dictionaries(
                {
                    "principal": st.sampled_from(["NT AUTHORITY\\ANONYMOUS LOGON", "CONTOSO\\relay"]),
                    "rights": st.lists(
                        st.sampled_from(["Ms-Exch-SMTP-Accept-Any-Recipient", "Ms-Exch-SMTP-Submit"]), max_size=2
                    ),
                }
            ),
            max_size=2,
        ),
        "require_tls": st.booleans(),
        "enabled": _sometimes_wrong(st.booleans()),
        "connection_timeout": timespan,
    },
)
recipient = st.sampled_from(
    ["SMTP:ann@fabrikam.example", "SMTP:ann@contoso.com", "SMTP:julia@marketing.contoso.com", "SMTP:big@example.net",
     "X400:c=US;a= ;p=Contoso", "SMTP:", "junk"]
)  # fmt: skip
document = st.fixed_dictionaries(
    {
        "version": st.sampled_from([1, 1, 1, 2]),
        "organization": st.just("Contoso"),
        "exchange": st.sampled_from(["2007", "2010", "2013", "2016", "2019", "SE", "2019", 2019]),
    },
    optional={
        "sites": st.lists(
            st.fixed_dictionaries({"name": site}, optional={"servers": st.lists(server_entry, max_size=3)}), max_size=3
        ),
        "site_links": st.lists(
            st.fixed_dictionaries(
                {"sites": st.lists(site, max_size=3)}, optional={"cost": _sometimes_wrong(st.integers(-1, 200))}
            ),
            max_size=3,
        ),
        "accepted_domains": st.lists(
            st.fixed_dictionaries(
                {"domain": domain},
                optional={"type": st.sampled_from(["Authoritative", "InternalRelay", "ExternalRelay", "Other"])},
            ),
            max_size=3,
        ),
        "edge_subscriptions": st.lists(st.fixed_dictionaries({"edge": server, "site": site}), max_size=2),
        "send_connectors": st.lists(send_connector, max_size=4),
        "receive_connectors": st.lists(receive_connector, max_size=3),
        "connectors": st.just([]),  # a 4.0–5.5 key: EXL002 naming its generation
        "routing_tests": st.lists(
            st.fixed_dictionaries(
                {
                    "from": st.sampled_from([*SITES, *SERVERS, "NOWHERE"]),
                    "recipient": recipient,
                    "expect": st.sampled_from(["Internet", "Partner Fabrikam", "local", "unreachable", "ndr"]),
                },
                optional={"size": size},
            ),
            max_size=2,
        ),
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=document, origin=st.sampled_from([*SITES, *SERVERS, "NOWHERE"]), to=recipient, message=size)
def test_generated_2007_se_documents_never_crash(
    run_cli: RunCli, tmp_path: Path, data: dict[str, object], origin: str, to: str, message: object
) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    # both benchmarks selected: the rules that stay off otherwise run on the same documents
    (tmp_path / "pyproject.toml").write_text('[tool.exchange-lint]\nprofile = ["cis", "disa"]\n', encoding="utf-8")
    result = run_cli(["--format", "json", "org.yaml"])
    assert "internal error" not in result.err and result.code in (0, 1), result.err
    findings = json.loads(result.out)
    _check_positions(findings, path.read_text(encoding="utf-8").splitlines())
    failing = [f for f in findings if f["severity"] in ("error", "warning")]
    assert result.code == (1 if failing else 0)
    assert "EXL901" not in {f["rule"] for f in findings}  # no rule crashed or ran out of time
    sarif = run_cli(["--format", "sarif", "org.yaml"])
    assert sarif.code == result.code and len(json.loads(sarif.out)["runs"][0]["results"]) == len(findings)
    for fmt in ("text", "github"):
        other = run_cli(["--format", fmt, "org.yaml"])
        assert other.code == result.code and "internal error" not in other.err, (fmt, other.err)
    route = ["route", origin, to, "org.yaml", "--format", "json"]
    for command in (route, [*route, "--size", str(message)], ["gwart", "org.yaml"], ["graph", "org.yaml"]):
        answer = run_cli(command)
        assert "internal error" not in answer.err and answer.code in (0, 2), (command, answer.err)
        if answer.code == 0 and command[0] == "route":
            assert json.loads(answer.out)["outcome"] in ("deterministic", "local", "no-route", "per-server"), answer.out
        elif answer.code == 2:
            assert answer.err.strip() and "Traceback" not in answer.err, (command, answer.err)
