"""Exchange Online tenants, and hybrid pairs, built from fuzzer bytes (the structured inputs of
`fuzz_lint.py` whose first byte has both `STRUCTURED` and `ONLINE` set).

A tenant with accepted domains and their MX, inbound and outbound connectors with every §10
field, routing transport rules and routing tests `from: online`, drawn from valid spellings and
the mistakes an admin makes (IPv6 and wide sender ranges, refused combinations, wrong types);
half the time beside an Exchange 2019 organization of the same name from `se_documents`, so the
hybrid rules see the two sides agree, disagree or miss each other.
"""

from __future__ import annotations

import json

import atheris
import se_documents
from se_documents import _optional, _pick, _some

CONNECTORS = ["Partner", "On-premises", "Signature service", "Archive", ""]
TYPES = ["Partner", "OnPremises", "onpremises", "Other"]
DOMAINS = ["contoso.com", "*.contoso.com", "*", "fabrikam.example", "sales.fabrikam.example", "a..b", "", "x" * 300]
SENDER_DOMAINS = ["smtp:*;1", "*", "fabrikam.example", "*.fabrikam.example", "SMTP:*;2", "a b", "smtp:x;999"]
RANGES = ["203.0.113.7", "198.51.100.0/24", "10.0.0.0/8", "2001:db8::/64", "::1", "10.0.0.1-10.0.1.255"]
RANGES += ["10.0.0.0/33", "999.0.0.1", "garbage", "", "1.2.3.4/0"]
HOSTS = ["mail.contoso.com", "smtp.signatures.example", "198.51.100.25", "*.bad", "", "[192.0.2.1]"]
CERTIFICATES = ["mail.contoso.com", "*.contoso.com", "*.signatures.example", "<I>CN=Issuer<S>CN=mail.contoso.com", ""]
MX = ["contoso-com.mail.protection.outlook.com", "mx.filter.example", "", "mail.protection.outlook.com"]
TLS = ["EncryptionOnly", "CertificateValidation", "DomainValidation", "Strict"]
MODES = ["Enabled", "EnabledTestMode", "None", "Disabled"]
RECIPIENTS = ["SMTP:ann@contoso.com", "SMTP:pat@fabrikam.example", "SMTP:kim@sales.fabrikam.example", "SMTP:", "junk"]


def _inbound(fdp: atheris.FuzzedDataProvider) -> dict[str, object]:
    return {
        "name": _pick(fdp, CONNECTORS),
        "sender_domains": _some(fdp, SENDER_DOMAINS, 2),
        **_optional(
            fdp,
            {
                "connector_type": _pick(fdp, TYPES),
                "sender_ip_addresses": _some(fdp, RANGES),
                "tls_sender_certificate_name": _pick(fdp, CERTIFICATES),
                "restrict_domains_to_ip_addresses": fdp.ConsumeBool(),
                "restrict_domains_to_certificate": fdp.ConsumeBool(),
                "require_tls": fdp.ConsumeBool(),
                "treat_messages_as_internal": fdp.ConsumeBool(),
                "cloud_services_mail_enabled": fdp.ConsumeBool(),
                "ef_skip_ips": _some(fdp, RANGES, 2),
                "ef_skip_last_ip": fdp.ConsumeBool(),
                "ef_test_mode": fdp.ConsumeBool(),
                "ef_users": _some(fdp, ["ann@contoso.com", "nobody"], 1),
                "enabled": fdp.ConsumeBool(),
            },
        ),
    }


def _outbound(fdp: atheris.FuzzedDataProvider) -> dict[str, object]:
    return {
        "name": _pick(fdp, CONNECTORS),
        **_optional(
            fdp,
            {
                "connector_type": _pick(fdp, TYPES),
                "recipient_domains": _some(fdp, DOMAINS),
                "all_accepted_domains": fdp.ConsumeBool(),
                "use_mx_record": fdp.ConsumeBool(),
                "smart_hosts": _some(fdp, HOSTS, 2),
                "tls_settings": _pick(fdp, TLS),
                "tls_domain": _pick(fdp, HOSTS),
                "is_transport_rule_scoped": fdp.ConsumeBool(),
                "route_all_messages_via_on_premises": fdp.ConsumeBool(),
                "sender_rewriting_enabled": fdp.ConsumeBool(),
                "cloud_services_mail_enabled": fdp.ConsumeBool(),
                "mta_sts_mode": _pick(fdp, MODES),
                "smtp_dane_mode": _pick(fdp, MODES),
                "test_mode": fdp.ConsumeBool(),
                "enabled": fdp.ConsumeBool(),
            },
        ),
    }


def _rule(fdp: atheris.FuzzedDataProvider) -> dict[str, object]:
    return {
        "name": _pick(fdp, ["Route", "Sign", "Archive all", ""]),
        **_optional(
            fdp,
            {
                "route_message_outbound_connector": _pick(fdp, [*CONNECTORS, "signature SERVICE", "Nowhere"]),
                "priority": fdp.ConsumeIntInRange(-1, 5),
                "enabled": fdp.ConsumeBool(),
                "mode": _pick(fdp, ["Enforce", "Audit", "AuditAndNotify"]),
                "recipient_domain_is": _some(fdp, DOMAINS, 2),
                "sent_to_scope": _pick(fdp, ["InOrganization", "NotInOrganization", "ExternalPartner"]),
                "from_scope": _pick(fdp, ["InOrganization", "NotInOrganization"]),
                "header_matches": {"header": _pick(fdp, ["X-Stamped", ""]), "pattern": "true"},
                "except_if_header_matches": {"header": _pick(fdp, ["X-Stamped", ""]), "pattern": "true"},
            },
        ),
    }


def tenant(fdp: atheris.FuzzedDataProvider) -> dict[str, object]:
    return {
        "version": 1,
        "organization": "Contoso",
        "exchange": _pick(fdp, ["online", "online", "Online"]),
        **_optional(
            fdp,
            {
                "accepted_domains": [
                    {
                        "domain": _pick(fdp, DOMAINS),
                        **_optional(fdp, {"type": _pick(fdp, ["Authoritative", "InternalRelay", "ExternalRelay"])}),
                        **_optional(fdp, {"mx": _pick(fdp, MX)}),
                    }
                    for _ in range(fdp.ConsumeIntInRange(0, 3))
                ],
                "inbound_connectors": [_inbound(fdp) for _ in range(fdp.ConsumeIntInRange(0, 3))],
                "outbound_connectors": [_outbound(fdp) for _ in range(fdp.ConsumeIntInRange(0, 4))],
                "transport_rules": [_rule(fdp) for _ in range(fdp.ConsumeIntInRange(0, 3))],
                "routing_tests": [
                    {
                        "from": _pick(fdp, ["online", "HQ"]),
                        "recipient": _pick(fdp, RECIPIENTS),
                        "expect": _pick(fdp, [*CONNECTORS, "local", "mx"]),
                    }
                    for _ in range(fdp.ConsumeIntInRange(0, 2))
                ],
            },
        ),
    }


def structured(data: bytes) -> tuple[dict[str, str], str, str]:
    """The files (name -> text) made from `data`: a tenant, half the time with an on-premises
    organization of the same name beside it; and a route origin and recipient for them."""
    fdp = atheris.FuzzedDataProvider(data)
    files = {"org.yaml": json.dumps(tenant(fdp), ensure_ascii=False, indent=1)}
    origin = "online"
    if fdp.ConsumeBool():
        text, origin, _ = se_documents.structured(fdp.ConsumeBytes(fdp.remaining_bytes() // 2))
        files["onprem.yaml"] = text
        origin = _pick(fdp, [origin, "online"])
    return files, str(origin), str(_pick(fdp, RECIPIENTS))
