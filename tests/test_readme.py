"""The README's promises hold: CI runs its test command verbatim, and its rule table is complete."""

from __future__ import annotations

import re

from exchange_lint.rules.registry import load_rules
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_after(heading: str) -> str:
    section = README.split(heading, 1)[1]
    match = re.search(r"```sh\n(.+?)\n```", section, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    command = _command_after("## Run the tests")
    assert command in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_try_it_command_runs_the_shipped_q169117_example() -> None:
    command = _command_after("## Try it")
    assert "exchange-lint examples/q169117-msmail-smtp.yaml" in command
    assert (REPO / "examples" / "q169117-msmail-smtp.yaml").is_file()


def test_rule_table_lists_every_built_in_rule() -> None:
    for rule in load_rules():
        assert f"| {rule.id} | {rule.name} | {rule.severity.value} |" in README, rule.id
