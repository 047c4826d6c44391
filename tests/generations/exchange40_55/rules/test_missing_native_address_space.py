"""EXL111 missing-native-address-space: on the name of a gateway connector with no space of its type."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.missing_native_address_space import RULE
from tests.lint_helpers import TRADE, lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL111") == [(6, 11, "EXL111")]
    assert lint_text(RULE.doc.use_instead) == []


def test_gateways_with_only_other_types() -> None:
    src = TRADE + (
        '  - {name: Notes, kind: notes, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Notes;1"]}\n'
        "  - name: GroupWise\n"
        "    kind: groupwise\n"
        "    server: TRADE\n"
        '    address_spaces: ["GWISE2:*;1"]\n'
    )
    assert lint_text(src, "EXL111") == [(6, 12, "EXL111"), (7, 11, "EXL111")]


def test_a_native_space_or_none_at_all() -> None:
    """A connector with no address space at all is EXL304's, not this rule's."""
    src = TRADE + (
        '  - {name: Notes, kind: notes, server: TRADE, address_spaces: ["NOTES:*;1"]}\n'
        "  - {name: GroupWise, kind: groupwise, server: TRADE}\n"
    )
    assert lint_text(src) == [(7, 12, "EXL304")]
