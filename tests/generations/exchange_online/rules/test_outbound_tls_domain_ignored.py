"""EXL314 outbound-tls-domain-ignored: New-OutboundConnector -TlsDomain, used only with
-TlsSettings DomainValidation (catalog S37).

Source: https://learn.microsoft.com/powershell/module/exchange/new-outboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.outbound_tls_domain_ignored import RULE
from tests.lint_helpers import lint_text

SRC = HEADER + (
    "outbound_connectors:\n"
    "  - {name: Checked, recipient_domains: [fabrikam.com], tls_settings: DomainValidation,\n"
    "     tls_domain: mail.fabrikam.com}\n"
    "  - {name: Opportunistic, recipient_domains: [tailspin.example], tls_domain: mail.tailspin.example}\n"
    "  - {name: Old, recipient_domains: [adatum.example], tls_settings: EncryptionOnly,\n"
    "     tls_domain: mail.adatum.example, enabled: false}\n"
    "  - {name: No domain, recipient_domains: [litware.example], tls_settings: CertificateValidation}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL314") == [(10, 17, "EXL314")]
    assert lint_text(RULE.doc.use_instead, "EXL314") == []


def test_at_tls_domain_whatever_the_other_setting_and_on_a_disabled_connector_too() -> None:
    assert lint_text(SRC, "EXL314") == [(9, 78, "EXL314"), (11, 18, "EXL314")]
    fixed = SRC.replace(", tls_domain: mail.tailspin.example", "").replace("EncryptionOnly", "DomainValidation")
    assert lint_text(fixed, "EXL314") == []
