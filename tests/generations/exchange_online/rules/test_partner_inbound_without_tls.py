"""EXL414 partner-inbound-without-tls: New-InboundConnector -RequireTls (catalog S38).

Source: https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.partner_inbound_without_tls import RULE
from tests.lint_helpers import lint_text

SRC = HEADER + (
    "inbound_connectors:\n"
    "  - {name: Partner, sender_domains: [fabrikam.com], restrict_domains_to_certificate: true,\n"
    "     tls_sender_certificate_name: mail.fabrikam.com}\n"
    "  - {name: On-premises, connector_type: OnPremises, sender_domains: ['*']}\n"
    "  - {name: Old partner, sender_domains: [tailspin.example], enabled: false}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL414") == [(11, 18, "EXL414")]
    assert lint_text(RULE.doc.use_instead, "EXL414") == []


def test_only_enabled_partner_connectors_at_the_name_when_require_tls_is_not_written() -> None:
    assert lint_text(SRC, "EXL414") == [(7, 12, "EXL414")]
    fixed = SRC.replace("sender_domains: [fabrikam.com],", "sender_domains: [fabrikam.com], require_tls: true,")
    assert lint_text(fixed, "EXL414") == []
