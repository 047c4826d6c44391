"""`exchange-lint explain ID`: a rule's full page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from exchange_lint.files import UsageError
from exchange_lint.rules.api import Rule
from exchange_lint.rules.docs import as_text


def find_rule(rules: Sequence[Rule], wanted: str) -> Rule:
    for rule in rules:
        if wanted.upper() == rule.id or wanted.lower() == rule.name:
            return rule
    raise UsageError(f"no rule {wanted!r}; `exchange-lint rules` lists them")


def run(rules: Sequence[Rule], wanted: str, out: TextIO) -> int:
    out.write(as_text(find_rule(rules, wanted)))
    return 0
