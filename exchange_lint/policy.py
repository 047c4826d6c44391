"""The one place that decides what is reported: select/ignore, per-file ignores, severity overrides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exchange_lint.config import Config, matches
from exchange_lint.findings import Finding, Severity
from exchange_lint.rules.api import Rule


def selects(codes: Sequence[str], rule: Rule | str) -> bool:
    rule_id = rule if isinstance(rule, str) else rule.id
    name = "" if isinstance(rule, str) else rule.name
    return any(rule_id.startswith(code.upper()) or code == name or code.upper() == "ALL" for code in codes)


@dataclass(frozen=True)
class Policy:
    select: tuple[str, ...]
    ignore: tuple[str, ...]
    config: Config

    @classmethod
    def from_options(cls, config: Config, select: Sequence[str] | None, ignore: Sequence[str]) -> Policy:
        """The command line's --select replaces the config's; its --ignore adds to it."""
        return cls(tuple(select) if select else config.select, (*config.ignore, *ignore), config)

    def enabled(self, rule: Rule) -> bool:
        if self.select and not selects(self.select, rule):
            return False
        return not selects(self.ignore, rule)

    def severity(self, rule: Rule) -> Severity:
        return self.config.severity.get(rule.id, rule.severity)

    def ignored_in(self, finding: Finding, relative_path: str) -> bool:
        return any(
            matches(relative_path, (pattern,)) and selects(codes, finding.rule_id)
            for pattern, codes in self.config.per_file_ignores.items()
        )

    def fails(self, finding: Finding) -> bool:
        return finding.severity.rank >= self.config.fail_level.rank
