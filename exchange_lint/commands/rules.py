"""`exchange-lint rules`: the table of every rule, plugins included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from exchange_lint.generation import grouped, title
from exchange_lint.rules.api import Rule


def rules_table(rules: Sequence[Rule]) -> str:
    """One table per generation (`exchange:` value), the rules about files first."""
    width = max((len(rule.name) for rule in rules), default=4)
    blocks = []
    for generation, members in grouped(rules, lambda rule: rule.generations):
        if not members:
            continue
        lines = [title(generation), f"{'ID':<7} {'NAME':<{width}} {'SEVERITY':<8} SUMMARY"]
        lines.extend(
            f"{rule.id:<7} {rule.name:<{width}} {rule.severity.value:<8} {rule.summary}{_profiles(rule)}"
            for rule in members
        )
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _profiles(rule: Rule) -> str:
    """A benchmark's rule says which `profile` switches it on; the others are always on."""
    return f" [profile: {', '.join(rule.profiles)}]" if rule.profiles else ""


def run(rules: Sequence[Rule], out: TextIO) -> int:
    out.write(rules_table(rules))
    return 0
