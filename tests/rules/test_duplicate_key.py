"""EXL003 duplicate-key: every repeat of a key in one mapping, on the repeated key."""

from __future__ import annotations

from exchange_lint.rules.duplicate_key import RULE
from tests.lint_helpers import TRADE, lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL003") == [(3, 1, "EXL003")]
    assert lint_text(RULE.doc.use_instead) == []


def test_in_a_block_mapping_each_repeat() -> None:
    src = TRADE + (
        "  - name: IMS\n"
        "    kind: internet_mail\n"
        "    server: TRADE\n"
        '    address_spaces: ["SMTP:*;1"]\n'
        "    server: TRADE\n"
        "    server: PARIS\n"
    )
    assert lint_text(src) == [(10, 5, "EXL003"), (11, 5, "EXL003")]


def test_in_a_flow_mapping() -> None:
    src = "version: 1\norganization: Contoso\nsites:\n  - {name: TRADE, servers: [TRADE], name: PARIS}\n"
    assert lint_text(src) == [(4, 37, "EXL003")]


def test_the_same_key_in_sibling_mappings_is_no_duplicate() -> None:
    src = TRADE + (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: X.400, kind: x400, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Contoso;1"]}\n'
    )
    assert lint_text(src) == []
