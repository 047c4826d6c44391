"""EXL422 outbound-tls-downgrade: Set-OutboundConnector -MtaStsMode/-SmtpDaneMode None, which the
cmdlet reference says lowers security (catalog S37).

Source: https://learn.microsoft.com/powershell/module/exchange/set-outboundconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.generations.exchange_online.rules.outbound_tls_downgrade import RULE
from tests.lint_helpers import lint_text

SRC = HEADER + (
    "outbound_connectors:\n"
    "  - {name: Defaults, recipient_domains: [fabrikam.com]}\n"
    "  - {name: No DANE, recipient_domains: [tailspin.example], smtp_dane_mode: None}\n"
    "  - {name: Strict, recipient_domains: [litware.example], mta_sts_mode: Opportunistic,\n"
    "     smtp_dane_mode: Mandatory}\n"
    "  - {name: Old, recipient_domains: [adatum.example], mta_sts_mode: None, enabled: false}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL422") == [(9, 19, "EXL422"), (10, 21, "EXL422")]
    assert lint_text(RULE.doc.use_instead, "EXL422") == []


def test_at_the_value_of_each_mode_set_to_none_on_an_enabled_connector() -> None:
    assert lint_text(SRC, "EXL422") == [(8, 76, "EXL422")]
    assert lint_text(SRC.replace("smtp_dane_mode: None", "smtp_dane_mode: Opportunistic"), "EXL422") == []
