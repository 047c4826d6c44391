"""EXL001 yaml-syntax: the finding sits where the file stops being readable."""

from __future__ import annotations

from exchange_lint.rules.yaml_syntax import RULE
from tests.lint_helpers import lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL001") == [(6, 1, "EXL001")]  # where the parser noticed
    assert lint_text(RULE.doc.use_instead) == []


def test_syntax_error_at_the_offending_character() -> None:
    src = "version: 1\norganization: Contoso\nsites:\n  - name: TRADE\n     servers: [TRADE]\n"
    assert lint_text(src) == [(5, 13, "EXL001")]  # the `:` of a key indented one column too far


def test_a_second_document_in_the_file() -> None:
    src = "version: 1\norganization: Contoso\n---\nversion: 1\norganization: Fabrikam\n"
    assert lint_text(src) == [(4, 1, "EXL001")]


def test_a_nul_byte() -> None:
    assert lint_text("version: 1\norganization: Con\x00toso\n") == [(2, 18, "EXL001")]


def test_a_collection_as_a_mapping_key() -> None:
    assert lint_text("version: 1\norganization: Contoso\n? [a, b]\n: c\n") == [(3, 3, "EXL001")]


def test_nesting_deeper_than_the_limit() -> None:
    """The 65th nested list (column 4 + 64) is one level too deep (load.MAX_DEPTH = 64)."""
    src = "version: 1\norganization: Contoso\nx: " + "[" * 70 + "]" * 70 + "\n"
    assert lint_text(src) == [(3, 68, "EXL001")]


def test_broken_yaml_is_reported_even_when_it_is_not_a_connector_file() -> None:
    assert lint_text("name: CI\non: push\n  branches: main\n") == [(3, 11, "EXL001")]


def test_readable_files_are_clean() -> None:
    assert lint_text('{"version": 1, "organization": "Contoso"}\n') == []  # JSON
    assert lint_text("") == []  # empty: nothing to read, nothing broken
    assert lint_text("version: 1\norganization: Contoso\n...\n") == []  # an explicit document end
    assert lint_text("version: 1\norganization: Contoso\n" + "x: " + "[" * 60 + "]" * 60 + "\n", "EXL001") == []
