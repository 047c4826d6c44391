"""Rule docs check themselves: each Example triggers its rule and each Use instead does not."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exchange_lint.generations import EVERY, GENERATIONS
from exchange_lint.rules.api import Rule
from exchange_lint.rules.docs import as_markdown
from exchange_lint.rules.registry import builtin_rules, load_rules
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


def test_each_builtin_rule_is_one_module_named_after_it_in_its_generation() -> None:
    """Find any rule in one guess: `<generation>/rules/<name>.py`, or `rules/<name>.py` for every generation."""
    packages = {f"{generation.package}.rules": generation.id for generation in GENERATIONS}
    found = list(builtin_rules())
    assert len(found) == len(RULES)
    for module, rule in found:
        package, _, name = module.rpartition(".")
        assert name == rule.name.replace("-", "_"), module
        assert rule.generations == ((packages[package],) if package in packages else (EVERY,)), module


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    """docs/rules.md is the rules' own text; regenerate with `python -m exchange_lint.rules.docs`."""
    from exchange_lint.rules.docs import reference_markdown

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == reference_markdown(RULES)
    for rule in RULES:
        assert rule.doc.what in reference_markdown(RULES)
        assert rule.doc.what in as_markdown(rule)
