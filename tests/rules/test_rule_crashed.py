"""EXL901 rule-crashed: at the start of the organization's first reported file; the other rules run on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from exchange_lint.config import Config
from exchange_lint.findings import Severity
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from tests.lint_helpers import lint_findings, lint_text

SRC = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:partner.example;1"]}
"""
BARE_DOMAIN = (6, 70, "EXL201")  # a real finding of a built-in rule, which must survive the crash


def _rule(check: object) -> Rule:
    return Rule(
        id="TEST900",
        name="test-rule",
        severity=Severity.WARNING,
        summary="a rule of this test",
        doc=RuleDoc(what="w", why="y", example="", use_instead=""),
        check=check,  # type: ignore[arg-type]
    )


def _raises(organization: Organization) -> Iterable[Problem]:
    raise RuntimeError("boom")


def _raises_after_a_problem(organization: Organization) -> Iterator[Problem]:
    yield Problem("half done", organization.connectors[0].location)
    raise KeyError("address_spaces")


def _never_ends(organization: Organization) -> Iterator[Problem]:
    while True:
        sum(range(100))
    yield  # a generator, like most rules


def _finds_nothing(organization: Organization) -> Iterator[Problem]:
    yield from ()


def test_a_rule_that_raises() -> None:
    assert lint_text(SRC, extra_rules=[_rule(_raises)]) == [(1, 1, "EXL901"), BARE_DOMAIN]
    (crash,) = (f for f in lint_findings(SRC, extra_rules=[_rule(_raises)]) if f.rule_id == "EXL901")
    assert "TEST900" in crash.message and "boom" in crash.message  # which rule, and its error


def test_what_a_rule_yielded_before_it_raised_is_not_reported() -> None:
    assert lint_text(SRC, extra_rules=[_rule(_raises_after_a_problem)]) == [(1, 1, "EXL901"), BARE_DOMAIN]


def test_a_rule_out_of_its_time_budget() -> None:
    budget = Config(root=Path.cwd(), rule_time_budget=0.05)
    assert lint_text(SRC, config=budget, extra_rules=[_rule(_never_ends)]) == [(1, 1, "EXL901"), BARE_DOMAIN]


def test_a_rule_that_finishes_is_not_reported() -> None:
    assert lint_text(SRC, extra_rules=[_rule(_finds_nothing)]) == [BARE_DOMAIN]
