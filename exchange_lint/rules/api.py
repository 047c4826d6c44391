"""What a rule is: the one API built-in rules and third-party plugins both use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from exchange_lint.findings import FixIntent, Location, Severity
from exchange_lint.generations import EXCHANGE_40_55

if TYPE_CHECKING:
    from exchange_lint.generations.exchange40_55.model import Organization


@dataclass(frozen=True)
class Problem:
    """What a check yields: a problem in one sentence at a place, and a hint for what to do about
    it; the engine adds rule id and severity."""

    message: str
    location: Location
    related: tuple[Location, ...] = ()
    # Only where the fix is certain; the engine turns it into text edits (`--fix`, SARIF `fixes`).
    fix: FixIntent | None = None
    # The remedy (with its KB reference), shown apart from the one-sentence `message`, as ruff's help.
    hint: str = ""


@dataclass(frozen=True)
class RuleDoc:
    """A rule's page, in the shape of ruff's rule docs; `explain`, SARIF help and docs use it."""

    what: str
    why: str
    example: str
    use_instead: str
    references: tuple[str, ...] = ()
    known_problems: str = ""
    autofix: str = ""  # what `check --fix` does, for the rules that offer a certain fix


@dataclass(frozen=True)
class Rule:
    """A lint rule: identity, documentation and a check over one organization."""

    id: str
    name: str
    severity: Severity
    summary: str
    doc: RuleDoc
    # None for the rules the loader, validator and engine report themselves (EXL0xx, EXL901).
    check: Callable[[Organization], Iterable[Problem]] | None = None
    tags: tuple[str, ...] = field(default=())
    help_uri: str = ""
    # The generations (`exchange_lint.generations`) whose model `check` understands; the engine runs
    # it on no other. `EVERY` for the rules about files rather than models.
    generations: tuple[str, ...] = (EXCHANGE_40_55.id,)

    @property
    def pascal_name(self) -> str:
        """SARIF wants PascalCase names; the CLI keeps the kebab-case one."""
        return "".join(part.capitalize() for part in self.name.split("-"))


DOCS_BASE = "https://github.com/exchange-lint/exchange-lint/blob/main/docs/rules.md"


def docs_uri(rule_id: str) -> str:
    """The rule's section in the generated rule reference."""
    return f"{DOCS_BASE}#{rule_id.lower()}"
