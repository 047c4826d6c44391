"""Property-based tests for Exchange Online: generated tenant documents, valid and broken, through
the CLI.

Accepted domains with their MX, inbound and outbound connectors with every §10 field, transport
rules that route, and routing tests `from: online`, drawn from valid spellings and from the mistakes
an admin makes (IPv6 and wide sender ranges, unreadable ranges, refused combinations, wrong types).
`check` never crashes, every output format agrees on the exit code and the findings, and `route
online` answers or refuses cleanly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunCli
from tests.test_properties import _check_positions

CONNECTORS = ["Partner", "On-premises", "Signature service", "Archive"]
wrong_type = st.one_of(st.none(), st.integers(-2, 2), st.just([]), st.just({}))


def _sometimes_wrong(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, strategy, strategy, wrong_type)


flag = _sometimes_wrong(st.booleans())
domain = st.sampled_from(["contoso.com", "*.contoso.com", "*", "fabrikam.example", "sales.fabrikam.example", "a..b"])
sender_domain = st.sampled_from(["smtp:*;1", "*", "fabrikam.example", "*.fabrikam.example", "SMTP:*;2", "a b"])
ip_range = st.sampled_from(
    ["203.0.113.7", "198.51.100.0/24", "10.0.0.0/8", "2001:db8::/64", "::1", "10.0.0.1-10.0.1.255",
     "10.0.0.0/33", "999.0.0.1", "garbage", ""]
)  # fmt: skip
host = st.sampled_from(["mail.contoso.com", "smtp.signatures.example", "198.51.100.25", "*.bad", ""])
header = st.fixed_dictionaries({"header": st.sampled_from(["X-Stamped", ""])}, optional={"pattern": st.just("true")})
inbound = st.fixed_dictionaries(
    {"name": st.sampled_from(CONNECTORS), "sender_domains": st.lists(sender_domain, max_size=2)},
    optional={
        "connector_type": _sometimes_wrong(st.sampled_from(["Partner", "OnPremises", "onpremises"])),
        "sender_ip_addresses": st.lists(ip_range, max_size=3),
        "tls_sender_certificate_name": st.sampled_from(["mail.contoso.com", "*.signatures.example"]),
        "restrict_domains_to_ip_addresses": flag,
        "restrict_domains_to_certificate": flag,
        "require_tls": flag,
        "treat_messages_as_internal": flag,
        "cloud_services_mail_enabled": flag,
        "ef_skip_ips": st.lists(ip_range, max_size=2),
        "ef_skip_last_ip": flag,
        "ef_test_mode": flag,
        "ef_users": st.lists(st.sampled_from(["ann@contoso.com", "nobody"]), max_size=1),
        "enabled": flag,
    },
)
outbound = st.fixed_dictionaries(
    {"name": st.sampled_from(CONNECTORS)},
    optional={
        "connector_type": _sometimes_wrong(st.sampled_from(["Partner", "OnPremises"])),
        "recipient_domains": st.lists(domain, max_size=3),
        "all_accepted_domains": flag,
        "use_mx_record": flag,
        "smart_hosts": st.lists(host, max_size=2),
        "tls_settings": st.sampled_from(["EncryptionOnly", "CertificateValidation", "DomainValidation", "Strict"]),
        "tls_domain": host,
        "mta_sts_mode": st.sampled_from(["Opportunistic", "None", "Mandatory"]),
        "smtp_dane_mode": st.sampled_from(["Opportunistic", "Mandatory", "None", "Off"]),
        "is_transport_rule_scoped": flag,
        "cloud_services_mail_enabled": flag,
        "enabled": flag,
    },
)
transport_rule = st.fixed_dictionaries(
    {"name": st.sampled_from(["Route", "Sign", "Archive all"])},
    optional={
        "route_message_outbound_connector": st.sampled_from([*CONNECTORS, "signature SERVICE", "Nowhere"]),
        "priority": _sometimes_wrong(st.integers(-1, 3)),
        "enabled": flag,
        "mode": st.sampled_from(["Enforce", "Audit"]),
        "recipient_domain_is": st.lists(domain, max_size=2),
        "sent_to_scope": st.sampled_from(["InOrganization", "NotInOrganization", "ExternalPartner"]),
        "except_if_header_matches": header,
    },
)
recipient = st.sampled_from(
    ["SMTP:ann@contoso.com", "SMTP:pat@fabrikam.example", "SMTP:kim@sales.fabrikam.example", "SMTP:x@example.net",
     "SMTP:", "junk"]
)  # fmt: skip
document = st.fixed_dictionaries(
    {
        "version": st.sampled_from([1, 1, 1, 2]),
        "organization": st.just("Contoso"),
        "exchange": st.sampled_from(["online", "online", "Online"]),
    },
    optional={
        "accepted_domains": st.lists(
            st.fixed_dictionaries(
                {"domain": st.sampled_from(["contoso.com", "fabrikam.example", "sales.fabrikam.example", "*"])},
                optional={
                    "type": st.sampled_from(["Authoritative", "InternalRelay", "ExternalRelay"]),
                    "mx": st.sampled_from(["contoso-com.mail.protection.outlook.com", "mx.filter.example", ""]),
                },
            ),
            max_size=3,
        ),
        "inbound_connectors": st.lists(inbound, max_size=3),
        "outbound_connectors": st.lists(outbound, max_size=4),
        "transport_rules": st.lists(transport_rule, max_size=3),
        "routing_tests": st.lists(
            st.fixed_dictionaries(
                {
                    "from": st.sampled_from(["online", "HQ"]),
                    "recipient": recipient,
                    "expect": st.sampled_from([*CONNECTORS, "local", "mx"]),
                }
            ),
            max_size=2,
        ),
    },
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=document, to=recipient)
def test_generated_online_documents_never_crash(
    run_cli: RunCli, tmp_path: Path, data: dict[str, object], to: str
) -> None:
    path = tmp_path / "tenant.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    result = run_cli(["--format", "json", "tenant.yaml"])
    assert "internal error" not in result.err and result.code in (0, 1), result.err
    findings = json.loads(result.out)
    _check_positions(findings, path.read_text(encoding="utf-8").splitlines())
    failing = [f for f in findings if f["severity"] in ("error", "warning")]
    assert result.code == (1 if failing else 0)
    assert "EXL901" not in {f["rule"] for f in findings}  # no rule crashed or ran out of time
    sarif = run_cli(["--format", "sarif", "tenant.yaml"])
    assert sarif.code == result.code and len(json.loads(sarif.out)["runs"][0]["results"]) == len(findings)
    for fmt in ("text", "github"):
        other = run_cli(["--format", fmt, "tenant.yaml"])
        assert other.code == result.code and "internal error" not in other.err, (fmt, other.err)
    answer = run_cli(["route", "online", to, "tenant.yaml", "--format", "json"])
    assert "internal error" not in answer.err and answer.code in (0, 2), answer.err
    if answer.code == 2:
        assert answer.err.strip() and "Traceback" not in answer.err, answer.err
