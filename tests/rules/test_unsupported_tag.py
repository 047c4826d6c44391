"""EXL004 unsupported-tag: on the tagged node (or the merge key); the value is never constructed."""

from __future__ import annotations

from exchange_lint.rules.unsupported_tag import RULE
from tests.lint_helpers import lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL004") == [(2, 15, "EXL004")]
    assert lint_text(RULE.doc.use_instead) == []


def test_local_and_non_core_tags_on_scalars() -> None:
    src = "version: 1\norganization: !!binary Q29udG9zbw==\nsites:\n  - {name: !site TRADE, servers: [TRADE]}\n"
    assert lint_text(src) == [(2, 15, "EXL004"), (4, 12, "EXL004")]


def test_a_merge_key_merges_nothing_in_yaml_1_2() -> None:
    src = "version: 1\norganization: Contoso\nsites:\n  - &trade {name: TRADE, servers: [TRADE]}\n"
    src += "  - {<<: *trade, name: PARIS}\n"
    assert lint_text(src) == [(5, 6, "EXL004")]


def test_core_tags_are_fine() -> None:
    assert lint_text("version: !!int 1\norganization: !!str Contoso\nsites: !!seq []\nconnectors: !!seq []\n") == []
