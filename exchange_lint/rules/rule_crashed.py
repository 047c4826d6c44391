"""EXL901: a rule raised an error; the other rules still ran."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EVERY
from exchange_lint.rules.api import Rule, RuleDoc

RULE = Rule(
    generations=(EVERY,),
    id="EXL901",
    name="rule-crashed",
    severity=Severity.ERROR,
    summary="a rule raised an error; the other rules still ran",
    tags=("internal",),
    doc=RuleDoc(
        what=(
            "Reports a rule (built-in or plugin) that raised an exception while checking an "
            "organization. The finding sits at the start of the organization's first file and names "
            "the rule and the error; every other rule still runs."
        ),
        why="A crashed rule checked nothing, so a clean result would be a lie; it is reported instead.",
        example="",
        use_instead="",
        known_problems="This is the linter's own trouble: please report it with the file that caused it.",
    ),
)
