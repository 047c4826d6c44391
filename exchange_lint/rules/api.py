"""What a rule is: the one API built-in rules and third-party plugins both use."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from exchange_lint.findings import FixIntent, Location, Severity
from exchange_lint.generation import EXCHANGE_40_55

# What `check` receives: the organization as the rule's generation models it (for 4.0-5.5,
# `exchange_lint.generations.exchange40_55.model.Organization`). The API itself is generation-free.
Organization = Any


class Problem(NamedTuple):
    """What a check yields: a problem in one sentence at a place, and a hint for what to do about
    it; the engine adds rule id and severity."""

    message: str
    location: Location
    related: tuple[Location, ...] = ()
    # Only where the fix is certain; the engine turns it into text edits (`--fix`, SARIF `fixes`).
    fix: FixIntent | None = None
    # The remedy (with its KB reference), shown apart from the one-sentence `message`, as ruff's help.
    hint: str = ""
    # A milder (or harsher) severity than the rule's default for this case only (EXL402's "pick one
    # relay method" is a warning); a configured `severity` override still wins.
    severity: Severity | None = None
    # The benchmark (`PROFILES`) whose opinion this problem states, for a rule whose expectation
    # depends on the selected profile (EXL411): kept only when that profile is selected.
    profile: str = ""


class RuleDoc(NamedTuple):
    """A rule's page, in the shape of ruff's rule docs; `explain`, SARIF help and docs use it.

    `example` and `use_instead` are one file's text; a rule about several files (a hybrid rule's
    two sides) writes each after a `# file: NAME` line (`example_files`)."""

    what: str
    why: str
    example: str
    use_instead: str
    references: tuple[str, ...] = ()
    known_problems: str = ""
    autofix: str = ""  # what `check --fix` does, for the rules that offer a certain fix


# `# file: contoso-online.yaml`: where one file of a several-file Example starts.
FILE_MARKER = "# file: "


def example_files(text: str) -> list[tuple[str, int, str]]:
    """(name, the line of `text` it starts on, its text) of each file of an Example; one `example.yaml`
    when no line names a file. Each file keeps its `# file:` line, so its lines are `text`'s from there."""
    lines = text.splitlines(keepends=True)
    starts = [number for number, line in enumerate(lines) if line.startswith(FILE_MARKER)]
    if not starts or starts[0] != 0:
        return [("example.yaml", 1, text)]
    ends = [*starts[1:], len(lines)]
    return [
        (lines[start][len(FILE_MARKER) :].strip(), start + 1, "".join(lines[start:end]))
        for start, end in zip(starts, ends, strict=True)
    ]


class Rule:
    """A lint rule: identity, documentation and a check over one organization.

    A plain class (not a tuple: a plugin's entry point may give one Rule or a tuple of them),
    immutable once made, compared by identity."""

    __slots__ = ("check", "doc", "generations", "help_uri", "id", "name", "profiles", "severity", "summary", "tags")

    id: str
    name: str
    severity: Severity
    summary: str
    doc: RuleDoc
    # None for the rules the loader, validator and engine report themselves (EXL0xx, EXL901).
    check: Callable[[Organization], Iterable[Problem]] | None
    tags: tuple[str, ...]
    help_uri: str
    # The generations (`exchange_lint.generation`) whose model `check` understands; the engine runs
    # it on no other. `EVERY` for the rules about files rather than models.
    generations: tuple[str, ...]
    # The benchmark profiles (`PROFILES`) that switch the rule on; empty: always on.
    profiles: tuple[str, ...]

    def __init__(
        self,
        *,
        id: str,
        name: str,
        severity: Severity,
        summary: str,
        doc: RuleDoc,
        check: Callable[[Organization], Iterable[Problem]] | None = None,
        tags: tuple[str, ...] = (),
        help_uri: str = "",
        generations: tuple[str, ...] = (EXCHANGE_40_55.id,),
        profiles: tuple[str, ...] = (),
    ) -> None:
        for attribute, value in (
            ("id", id),
            ("name", name),
            ("severity", severity),
            ("summary", summary),
            ("doc", doc),
            ("check", check),
            ("tags", tuple(tags)),
            ("help_uri", help_uri),
            ("generations", tuple(generations)),
            ("profiles", tuple(profiles)),
        ):
            object.__setattr__(self, attribute, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Rule {self.id} is read-only")

    def __repr__(self) -> str:
        return f"Rule(id={self.id!r}, name={self.name!r})"

    @property
    def pascal_name(self) -> str:
        """SARIF wants PascalCase names; the CLI keeps the kebab-case one."""
        return "".join(part.capitalize() for part in self.name.split("-"))


# The benchmarks a configuration can select (`profile = ["cis"]`): a rule holding the opinion of
# only one of them names it in `profiles` and stays off until it is selected (DESIGN §9).
PROFILES = {
    "cis": "CIS Microsoft Exchange Server benchmark",
    "disa": "DISA Exchange STIG",
}


DOCS_BASE = "https://github.com/exchange-lint/exchange-lint/blob/main/docs/rules.md"


def docs_uri(rule_id: str) -> str:
    """The rule's section in the generated rule reference."""
    return f"{DOCS_BASE}#{rule_id.lower()}"
