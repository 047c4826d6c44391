"""Rule docs check themselves: each Example triggers its rule and each Use instead does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exchange_lint.rules.api import Rule
from exchange_lint.rules.docs import as_markdown
from exchange_lint.rules.registry import BUILTIN_ENTRY_POINTS, entry_point_values, load_rules
from tests.conftest import REPO, RunCli

RULES = load_rules()
DOCUMENTED = [rule for rule in RULES if rule.doc.example]


@pytest.mark.parametrize("rule", DOCUMENTED, ids=lambda rule: rule.id)
def test_example_triggers_the_rule(rule: Rule, run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "example.yaml").write_text(rule.doc.example)
    found = {f["rule"] for f in json.loads(run_cli(["--format", "json", "example.yaml"]).out)}
    assert rule.id in found


@pytest.mark.parametrize("rule", DOCUMENTED, ids=lambda rule: rule.id)
def test_use_instead_is_clean(rule: Rule, run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "fixed.yaml").write_text(rule.doc.use_instead)
    result = run_cli(["--format", "json", "fixed.yaml"])
    assert json.loads(result.out) == [] and result.code == 0


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert rule.summary and rule.doc.what and rule.doc.why, rule.id
        assert rule.name == rule.name.lower() and " " not in rule.name, rule.id
    assert {rule.id for rule in RULES} - {rule.id for rule in DOCUMENTED} == {"EXL901"}


def test_installed_entry_points_match_the_source_checkout_fallback() -> None:
    installed = {name: value for name, (value, dist) in entry_point_values().items() if dist == "exchange-lint"}
    assert installed == BUILTIN_ENTRY_POINTS


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    """docs/rules.md is the rules' own text; regenerate with `python -m exchange_lint.rules.docs`."""
    from exchange_lint.rules.docs import reference_markdown

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == reference_markdown(RULES)
    for rule in RULES:
        assert rule.doc.what in reference_markdown(RULES)
        assert rule.doc.what in as_markdown(rule)
