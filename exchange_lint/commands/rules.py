"""`exchange-lint rules`: the table of every rule, plugins included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from exchange_lint.rules.api import Rule


def rules_table(rules: Sequence[Rule]) -> str:
    width = max((len(rule.name) for rule in rules), default=4)
    lines = [f"{'ID':<7} {'NAME':<{width}} {'SEVERITY':<8} SUMMARY"]
    lines.extend(f"{rule.id:<7} {rule.name:<{width}} {rule.severity.value:<8} {rule.summary}" for rule in rules)
    return "\n".join(lines) + "\n"


def run(rules: Sequence[Rule], out: TextIO) -> int:
    out.write(rules_table(rules))
    return 0
