"""EXL415 partner-inbound-unrestricted: New-InboundConnector -RestrictDomainsToIPAddresses and
-RestrictDomainsToCertificate (catalog S38).

Source: https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.partner_inbound_unrestricted import RULE
from tests.lint_helpers import lint_text

SRC = HEADER + (
    "inbound_connectors:\n"
    "  - {name: By IP, sender_domains: [fabrikam.com], sender_ip_addresses: [203.0.113.7],\n"
    "     restrict_domains_to_ip_addresses: true, require_tls: true}\n"
    "  - {name: By certificate, sender_domains: [woodgrove.example], require_tls: true,\n"
    "     tls_sender_certificate_name: mail.woodgrove.example, restrict_domains_to_certificate: true}\n"
    "  - {name: Anyone, connector_type: Partner, sender_domains: [tailspin.example], require_tls: true}\n"
    "  - {name: On-premises, connector_type: OnPremises, sender_domains: ['*']}\n"
    "  - {name: Retired, sender_domains: [old.example], enabled: false}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL415") == [(7, 11, "EXL415")]
    assert lint_text(RULE.doc.use_instead, "EXL415") == []


def test_either_restriction_is_enough_only_enabled_partner_connectors() -> None:
    assert lint_text(SRC, "EXL415") == [(11, 12, "EXL415")]
    assert lint_text(SRC, None) == [(11, 12, "EXL415")]
