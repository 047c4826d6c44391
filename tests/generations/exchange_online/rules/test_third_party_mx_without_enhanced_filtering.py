"""EXL418 third-party-mx-without-enhanced-filtering: "Enhanced Filtering for Connectors in Exchange
Online" and ORCA 233 (catalog S41).

Sources: https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/enhanced-filtering-for-connectors
https://github.com/maester365/maester/blob/main/powershell/internal/orca/check-ORCA233.ps1
"""

from __future__ import annotations

import pytest

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.third_party_mx_without_enhanced_filtering import RULE
from tests.lint_helpers import lint_findings, lint_text

SRC = HEADER + (
    "  - {domain: fabrikam.com, mx: mx.filter.example}\n"
    "  - {domain: tailspin.example}\n"
    "inbound_connectors:\n"
    "  - {name: Filter, connector_type: OnPremises, sender_domains: ['smtp:*;1'], ef_skip_last_ip: true}\n"
    "  - {name: Partner, sender_domains: [woodgrove.example], restrict_domains_to_certificate: true,\n"
    "     tls_sender_certificate_name: mail.woodgrove.example, require_tls: true}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL418") == [(6, 32, "EXL418")]
    assert lint_text(RULE.doc.use_instead, "EXL418") == []


def test_skip_listing_on_every_connector_for_all_senders_passes() -> None:
    assert lint_text(SRC, "EXL418") == []
    assert lint_text(SRC.replace("mx.filter.example", "fabrikam-com.mail.protection.outlook.com"), "EXL418") == []


@pytest.mark.parametrize(
    "change",
    [
        ("ef_skip_last_ip: true", "ef_skip_last_ip: false"),
        ("ef_skip_last_ip: true", "ef_skip_last_ip: true, ef_test_mode: true"),
        ("ef_skip_last_ip: true", "ef_skip_last_ip: true, ef_users: [ann@contoso.com]"),
        ("sender_domains: ['smtp:*;1']", "sender_domains: [fabrikam.com]"),  # no connector for every sender
        ("ef_skip_last_ip: true}", "ef_skip_last_ip: true, enabled: false}"),
    ],
)
def test_skip_listing_off_or_missing(change: tuple[str, str]) -> None:
    assert lint_text(SRC.replace(*change), "EXL418") == [(6, 32, "EXL418")]


def test_a_second_default_connector_without_it_is_named_and_related() -> None:
    src = SRC + "  - {name: Signature returns, sender_domains: ['*'], restrict_domains_to_certificate: true,\n"
    src += "     tls_sender_certificate_name: smtp.signatures.example, require_tls: true}\n"
    (finding,) = [f for f in lint_findings(src) if f.rule_id == "EXL418"]
    assert "'fabrikam.com' has its MX at 'mx.filter.example'" in finding.message
    assert "'Signature returns'" in finding.message
    assert [r.region.start_line for r in finding.related] == [12]
