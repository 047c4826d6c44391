"""Rule docs check themselves: each Example triggers its rule and each Use instead does not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from exchange_lint.config import Config
from exchange_lint.generation import EVERY, GENERATIONS
from exchange_lint.rules.api import Rule, example_files
from exchange_lint.rules.docs import as_markdown
from exchange_lint.rules.registry import builtin_rules, load_rules
from tests.conftest import REPO, RunCli
from tests.lint_helpers import lint_example

RULES = load_rules()
DOCUMENTED = [rule for rule in RULES if rule.doc.example]


def _profile_config(rule: Rule, folder: Path) -> Config:
    """A benchmark's rule is off until its profile is selected: its pages are checked under the first."""
    if rule.profiles:
        (folder / ".exchange-lint.yaml").write_text(f"profile: [{rule.profiles[0]}]\n")
    return Config(root=folder, profile=rule.profiles[:1])


@pytest.mark.parametrize("rule", DOCUMENTED, ids=lambda rule: rule.id)
def test_example_triggers_the_rule(rule: Rule, run_cli: RunCli, tmp_path: Path) -> None:
    _profile_config(rule, tmp_path)
    found = {f["rule"] for f in json.loads(run_cli(["--format", "json", *_written(rule.doc.example, tmp_path)]).out)}
    assert rule.id in found


@pytest.mark.parametrize("rule", DOCUMENTED, ids=lambda rule: rule.id)
def test_use_instead_is_clean(rule: Rule, run_cli: RunCli, tmp_path: Path) -> None:
    _profile_config(rule, tmp_path)
    if len(example_files(rule.doc.use_instead)) == 1:
        (tmp_path / "fixed.yaml").write_text(rule.doc.use_instead)
        result = run_cli(["--format", "json", "fixed.yaml"])
    else:
        result = run_cli(["--format", "json", *_written(rule.doc.use_instead, tmp_path)])
    found = json.loads(result.out)
    assert found == [] and result.code == 0


def _written(text: str, folder: Path) -> list[str]:
    """The files of an Example (one, or a hybrid rule's two sides: `example_files`), written to `folder`."""
    names = []
    for name, _, part in example_files(text):
        (folder / name).write_text(part)
        names.append(name)
    return names


# A marker is a comment that starts with rule IDs: `# EXL101`, `# EXL111, EXL102: why`.
_MARKER = re.compile(r"#\s*(EXL\d{3}(?:\s*,\s*EXL\d{3})*)\b")


def markers(text: str) -> dict[str, set[int]]:
    """Rule ID -> the lines of `text` that a `# EXLnnn` marker says it is reported on."""
    marked: dict[str, set[int]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for found in _MARKER.finditer(line):
            for rule_id in found.group(1).split(","):
                marked.setdefault(rule_id.strip(), set()).add(number)
    return marked


def test_markers_are_read_as_written() -> None:
    text = 'a: 1   # EXL101\nb: 2  # EXL111, EXL102: both\n# exchange-lint: disable=EXL103\nc: "#EXL2"\nd: 3 #EXL205x\n'
    assert markers(text) == {"EXL101": {1}, "EXL111": {2}, "EXL102": {2}}


@pytest.mark.parametrize("rule", DOCUMENTED, ids=lambda rule: rule.id)
def test_example_markers_are_where_the_findings_are(rule: Rule) -> None:
    """`# EXLnnn` in an Example is binding: the rule is reported on exactly the lines marked for
    it, and so is every other rule the Example marks."""
    marked = markers(rule.doc.example)
    assert marked.get(rule.id), f"{rule.id}'s Example marks no line with `# {rule.id}`"
    found = lint_example(rule.doc.example, config=Config(root=Path.cwd(), profile=rule.profiles[:1]))
    for rule_id, lines in sorted(marked.items()):
        assert rule_id in {r.id for r in RULES}, f"marker of unknown rule {rule_id}"
        assert {line for line, _, reported in found if reported == rule_id} == lines, rule_id
    assert markers(rule.doc.use_instead) == {}


def test_every_rule_is_documented() -> None:
    for rule in RULES:
        assert rule.summary and rule.doc.what and rule.doc.why, rule.id
        assert rule.name == rule.name.lower() and " " not in rule.name, rule.id
    # Without an Example: a rule crash, and mixed generations, which takes two files (its own tests
    # in tests/rules/test_mixed_generations.py lint them).
    assert {rule.id for rule in RULES} - {rule.id for rule in DOCUMENTED} == {"EXL901", "EXL313"}


def test_each_builtin_rule_is_one_module_named_after_it_in_its_generation() -> None:
    """Find any rule in one guess: `<generation>/rules/<name>.py`, or `rules/<name>.py` for every generation."""
    packages = {f"{generation.package}.rules": generation.id for generation in GENERATIONS}
    found = list(builtin_rules())
    assert len(found) == len(RULES)
    for module, rule in found:
        package, _, name = module.rpartition(".")
        assert name == rule.name.replace("-", "_"), module
        if package in packages:
            assert rule.generations == (packages[package],), module
        else:  # generation-free: every file, or one rule several generations share (EXL106)
            assert rule.generations == (EVERY,) or len(rule.generations) > 1, module


def _mirror(module: str) -> Path:
    """`exchange_lint/<path>/<name>.py` -> `tests/<path>/test_<name>.py`."""
    package, _, name = module.rpartition(".")
    return REPO / "tests" / Path(*package.split(".")[1:]) / f"test_{name}.py"


def test_each_builtin_rule_module_has_a_test_module_mirroring_it() -> None:
    """`exchange_lint/<path>/<name>.py` is tested by `tests/<path>/test_<name>.py`, which pins its
    rule's findings by position. A rule several generations share whose check is split into halves
    (`<generation>/rules/<name>.py`) is tested beside each half instead."""
    by_package = {generation.id: generation.package for generation in GENERATIONS}
    for module, rule in builtin_rules():
        name = module.rpartition(".")[2]
        halves = [f"{by_package[g]}.rules.{name}" for g in rule.generations if g in by_package]
        split = len(halves) > 1 and all(_mirror(half).is_file() for half in halves)
        for test_module in [_mirror(half) for half in halves] if split else [_mirror(module)]:
            assert test_module.is_file(), f"{module} has no {test_module.relative_to(REPO)}"
            assert f'"{rule.id}"' in test_module.read_text(encoding="utf-8"), test_module.name


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    """docs/rules.md is the rules' own text; regenerate with `python -m exchange_lint.rules.docs`."""
    from exchange_lint.rules.docs import reference_markdown

    assert (REPO / "docs" / "rules.md").read_text(encoding="utf-8") == reference_markdown(RULES)
    for rule in RULES:
        assert rule.doc.what in reference_markdown(RULES)
        assert rule.doc.what in as_markdown(rule)


def test_an_example_of_several_files_is_split_where_a_file_line_starts() -> None:
    """A hybrid rule's Example holds both sides, each after `# file: NAME`, lines counted in the whole."""
    text = "# file: a.yaml\nversion: 1\n# file: b.yaml\nversion: 1\norganization: X\n"
    assert example_files(text) == [
        ("a.yaml", 1, "# file: a.yaml\nversion: 1\n"),
        ("b.yaml", 3, "# file: b.yaml\nversion: 1\norganization: X\n"),
    ]
    assert example_files("version: 1\n# file: b.yaml\n") == [("example.yaml", 1, "version: 1\n# file: b.yaml\n")]
