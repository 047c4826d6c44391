"""EXL201 smtp-address-never-matches: on the SMTP address space that is a bare domain."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.smtp_address_never_matches import RULE
from tests.lint_helpers import TRADE, lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL201") == [(7, 78, "EXL201")]
    assert lint_text(RULE.doc.use_instead) == []


def test_a_bare_domain_in_either_form_even_after_an_at_sign() -> None:
    src = TRADE + (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:@partner.example;1"]}\n'
        "  - name: IMS 2\n"
        "    kind: internet_mail\n"
        "    server: TRADE\n"
        "    address_spaces: [{type: SMTP, address: fabrikam.example, cost: 2}]\n"
    )
    assert lint_text(src, "EXL201") == [(6, 70, "EXL201"), (10, 22, "EXL201")]


def test_patterns_that_match_real_addresses() -> None:
    src = TRADE + (
        "  - name: IMS\n"
        "    kind: internet_mail\n"
        "    server: TRADE\n"
        "    address_spaces:\n"
        '      - "SMTP:*;1"\n'
        '      - "SMTP:*@partner.example;1"\n'
        '      - "SMTP:ann@fabrikam.example;1"\n'
        '      - "SMTP:gateway!ann;1"\n'
        '      - {type: SMTP, address: "", cost: 1}\n'
    )
    assert lint_text(src, "EXL201") == []
