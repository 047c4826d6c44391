"""EXL205 wildcard-routing-address: on the address space whose IMS routing address is a wildcard."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.wildcard_routing_address import RULE
from tests.lint_helpers import TRADE, lint_text

IMS = TRADE + "  - name: IMS\n    kind: internet_mail\n    server: TRADE\n    address_spaces:\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL205") == [(10, 9, "EXL205")]
    assert lint_text(RULE.doc.use_instead) == []


def test_any_wildcard_in_the_routing_address() -> None:
    src = IMS + (
        '      - {type: SMTP, address: "*", cost: 1}\n'
        '      - {type: SMTP, address: "*@partner.example", routing: {type: SMTP, address: "relay%.example"}}\n'
        '      - {type: SMTP, address: "*@fabrikam.example", routing: {type: SMTP, address: "*.fabrikam.example"}}\n'
    )
    assert lint_text(src, "EXL205") == [(11, 9, "EXL205"), (12, 9, "EXL205")]


def test_a_routing_address_naming_a_host() -> None:
    src = IMS + (
        '      - {type: SMTP, address: "*", cost: 1}\n'
        '      - {type: SMTP, address: "*@partner.example", routing: {type: SMTP, address: "mail.partner.example"}}\n'
    )
    assert lint_text(src) == []
