"""EXL419 add-on-service-loop: "Integrate Office 365 with an email add-on service" (catalog S42).

Source: https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/integrate-office-365-with-an-email-add-on-service
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.add_on_service_loop import RULE
from tests.lint_helpers import lint_findings, lint_text

SRC = HEADER + (
    "inbound_connectors:\n"
    "  - {name: Back by certificate, sender_domains: ['*'], tls_sender_certificate_name: '*.signatures.example',\n"
    "     restrict_domains_to_certificate: true, require_tls: true, cloud_services_mail_enabled: true}\n"
    "  - {name: Back by IP, sender_domains: ['*'], sender_ip_addresses: [198.51.100.0/24],\n"
    "     restrict_domains_to_ip_addresses: true, require_tls: true}\n"
    "outbound_connectors:\n"
    "  - {name: Signatures, is_transport_rule_scoped: true, use_mx_record: false,\n"
    "     smart_hosts: [smtp.signatures.example], cloud_services_mail_enabled: true}\n"
    "  - {name: Archive, is_transport_rule_scoped: true, use_mx_record: false, smart_hosts: [198.51.100.25]}\n"
    "  - {name: Partner, recipient_domains: [woodgrove.example]}\n"
    "transport_rules:\n"
    "  - {name: Sign, route_message_outbound_connector: signatures,\n"
    "     except_if_header_matches: {header: X-Signed, pattern: 'true'}}\n"
    "  - {name: Archive all, route_message_outbound_connector: Archive}\n"
    "  - {name: To partner, route_message_outbound_connector: Partner}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL419") == [(14, 39, "EXL419")]
    assert lint_text(RULE.doc.use_instead, "EXL419") == []


def test_a_rule_to_a_scoped_connector_needs_a_header_exception() -> None:
    assert lint_text(SRC, "EXL419") == [(19, 59, "EXL419")]


def test_the_service_connectors_must_agree_on_internal_headers() -> None:
    src = SRC.replace("require_tls: true, cloud_services_mail_enabled: true}", "require_tls: true}")
    src = src.replace(
        "Archive all, route_message_outbound_connector: Archive}",
        "Archive all, route_message_outbound_connector: Archive, except_if_header_matches: {header: X-Archived}}",
    )
    found = [f for f in lint_findings(src) if f.rule_id == "EXL419"]
    assert [(f.location.region.start_line, f.severity.value) for f in found] == [(13, "warning")]
    assert "'Signatures'" in found[0].message and "'Back by certificate'" in found[0].message
    assert [r.region.start_line for r in found[0].related] == [7]


def test_a_rule_that_does_not_act_or_a_disabled_service_connector_loops_nothing() -> None:
    disabled = SRC.replace(
        "Archive all, route_message_outbound_connector: Archive}",
        "Archive all, route_message_outbound_connector: Archive, enabled: false}",
    )
    assert lint_text(disabled, "EXL419") == []
    audit = SRC.replace(
        "Archive all, route_message_outbound_connector: Archive}",
        "Archive all, route_message_outbound_connector: Archive, mode: Audit}",
    )
    assert lint_text(audit, "EXL419") == []
    src = SRC.replace("require_tls: true, cloud_services_mail_enabled: true}", "require_tls: true}")
    src = src.replace(
        "smtp.signatures.example], cloud_services_mail_enabled: true}",
        "smtp.signatures.example], cloud_services_mail_enabled: true, enabled: false}",
    )
    assert [f.location.region.start_line for f in lint_findings(src) if f.rule_id == "EXL419"] == [19]
