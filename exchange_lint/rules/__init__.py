"""Lint rules. Plugins import `Rule`, `RuleDoc` and `Problem` from here."""

from exchange_lint.rules.api import Problem, Rule, RuleDoc

__all__ = ["Problem", "Rule", "RuleDoc"]
