"""Lint YAML text in process, as `check` does: the real engine, then the real `decide`.

`lint_text(src)` gives `(line, column, rule)` per reported finding, sorted, the way yamllint's
rule tests pin `check(src, problem=(line, col))`. No file is written: the engine parses the text
given for the file (`lint_serially`'s `replaced`), so positions are those of `src` itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from exchange_lint.config import Config
from exchange_lint.decide import Policy, decide
from exchange_lint.engine import lint_serially
from exchange_lint.files import FileSet
from exchange_lint.findings import Finding
from exchange_lint.rules.api import Rule, example_files
from exchange_lint.rules.registry import load_rules

FILENAME = "org.yaml"


def profiled(*names: str) -> Config:
    """A configuration selecting these benchmark profiles (`profile = [...]`): the rules that
    hold one benchmark's opinion run only then."""
    return Config(root=Path.cwd(), profile=names)


@cache
def rules() -> tuple[Rule, ...]:
    return load_rules()


def lint_findings(
    src: str,
    *,
    config: Config | None = None,
    extra_rules: Sequence[Rule] = (),
    baseline: Counter[str] | None = None,
) -> list[Finding]:
    """The findings `check` would report for a file holding `src` (sorted as reported)."""
    return lint_files_findings({FILENAME: src}, config=config, extra_rules=extra_rules, baseline=baseline)


def lint_files_findings(
    sources: Mapping[str, str],
    *,
    config: Config | None = None,
    extra_rules: Sequence[Rule] = (),
    baseline: Counter[str] | None = None,
) -> list[Finding]:
    """The findings `check` would report for files of these names holding these texts, all reported
    on (a hybrid organization's two sides)."""
    cwd = Path.cwd()
    config = config or Config(root=cwd)
    everything = (*rules(), *extra_rules)
    policy = Policy.from_options(config, None, ())
    paths = tuple(cwd / name for name in sources)
    files = FileSet(report=paths, context=paths, out_of_scope=())
    result = lint_serially(files, config, everything, policy.enabled, cwd, dict(sources))
    decision = decide(
        result.findings,
        policy=policy,
        rules=everything,
        documents=result.documents,
        report=set(sources),
        relative={name: name for name in sources},
        baseline=baseline,
    )
    return decision.reported


def lint_example(text: str, rule_id: str | None = None, *, config: Config | None = None) -> list[tuple[int, int, str]]:
    """`lint_text` for a rule page's Example or Use instead, which may hold several files
    (`example_files`): lines are counted in `text` itself, where the `# EXLnnn` markers are."""
    files = example_files(text)
    if len(files) == 1:
        return lint_text(text, rule_id, config=config)
    starts = {name: start for name, start, _ in files}
    found = lint_files_findings({name: part for name, _, part in files}, config=config)
    return sorted(
        (starts[f.location.path] + f.location.region.start_line - 1, f.location.region.start_column, f.rule_id)
        for f in found
        if rule_id is None or f.rule_id == rule_id
    )


def lint_text(
    src: str, rule_id: str | None = None, *, config: Config | None = None, extra_rules: Sequence[Rule] = ()
) -> list[tuple[int, int, str]]:
    """Sorted `(line, column, rule)` of what is reported for `src`; only `rule_id`'s when given."""
    found = lint_findings(src, config=config, extra_rules=extra_rules)
    return sorted(
        (f.location.region.start_line, f.location.region.start_column, f.rule_id)
        for f in found
        if rule_id is None or f.rule_id == rule_id
    )


# Five lines: one organization, one site with one server; connectors follow from line 6.
TRADE = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
"""
