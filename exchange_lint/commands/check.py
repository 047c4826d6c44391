"""`exchange-lint check`: lint files and report findings; the default command."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from exchange_lint import __version__
from exchange_lint.config import Config
from exchange_lint.files import UsageError, select_files
from exchange_lint.lint import lint
from exchange_lint.policy import Policy, selects
from exchange_lint.report import render
from exchange_lint.rules.api import Rule


@dataclass(frozen=True)
class CheckOptions:
    paths: tuple[str, ...]
    fmt: str = "text"
    output: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    color: str = "auto"
    verbose: bool = False
    automation_id: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    include_suppressed: bool = False
    diff_base: str | None = None


def _use_color(choice: str, fmt: str, out: TextIO, to_file: bool) -> bool:
    if fmt != "text" or to_file or choice == "never":
        return False
    if choice == "always":
        return True
    return out.isatty() and "NO_COLOR" not in os.environ


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {path}: {error.strerror}") from None


def run(options: CheckOptions, config: Config, rules: Sequence[Rule], cwd: Path, out: TextIO, err: TextIO) -> int:
    for code in (*options.select, *options.ignore):
        if not any(selects((code,), rule) for rule in rules):
            raise UsageError(f"--select/--ignore: no rule matches {code!r}; `exchange-lint rules` lists them")
    policy = Policy.from_options(config, options.select, options.ignore)
    files = select_files(options.paths, config)
    result = lint(files, config, rules, policy, cwd)
    if options.write_baseline:
        from exchange_lint.baseline import write_baseline

        count = write_baseline(Path(options.write_baseline), result.findings)
        err.write(f"wrote {count} finding(s) to baseline {options.write_baseline}\n")
        return 2 if result.notifications else 0
    baseline = options.baseline or (str(config.baseline) if config.baseline else None)
    if baseline:
        from exchange_lint.baseline import new_findings, read_baseline

        result.findings, known = new_findings(result.findings, read_baseline(Path(baseline)))
    else:
        known = []
    if options.diff_base:
        from exchange_lint.changed_lines import only_changed

        result.findings = only_changed(result.findings, cwd, options.diff_base)
    suppressed = []
    if options.include_suppressed:
        from exchange_lint.report.sarif import SuppressedFinding

        suppressed = [SuppressedFinding(s.finding, "inSource", s.by.reason) for s in result.suppressed]
        suppressed += [SuppressedFinding(f, "external", f"recorded in the baseline {baseline}") for f in known]
    if options.verbose:
        for path in result.skipped:
            err.write(f"skipped {path}: not a connector file (no top-level `version` and `organization`)\n")
        for excluded in files.out_of_scope:
            err.write(f"skipped {excluded}: excluded by {config.source or 'configuration'}\n")
    color = _use_color(options.color, options.fmt, out, options.output is not None)
    text = render(
        options.fmt,
        result.findings,
        rules,
        color=color,
        sources={path: document.lines for path, document in result.documents.items()},
        tool_version=__version__,
        notifications=result.notifications,
        automation_id=options.automation_id,
        suppressed=suppressed,
    )
    if options.output:
        _write(options.output, text)
    else:
        out.write(text)
    if result.notifications:
        return 2
    return 1 if any(policy.fails(finding) for finding in result.findings) else 0
