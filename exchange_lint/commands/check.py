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
from exchange_lint.findings import Finding
from exchange_lint.lint import LintResult, lint
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
    fix: bool = False
    diff: bool = False
    jobs: int = 1


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


# A fix can make room for another (overlapping edits wait a pass); a few passes reach the fixed point.
MAX_FIX_PASSES = 4


def run(options: CheckOptions, config: Config, rules: Sequence[Rule], cwd: Path, out: TextIO, err: TextIO) -> int:
    for code in (*options.select, *options.ignore):
        if not any(selects((code,), rule) for rule in rules):
            raise UsageError(f"--select/--ignore: no rule matches {code!r}; `exchange-lint rules` lists them")
    policy = Policy.from_options(config, options.select, options.ignore)
    files = select_files(options.paths, config)
    result = lint(files, config, rules, policy, cwd, options.jobs)
    if options.write_baseline:
        from exchange_lint.baseline import write_baseline

        count = write_baseline(Path(options.write_baseline), result.findings)
        err.write(f"wrote {count} finding(s) to baseline {options.write_baseline}\n")
        return 2 if result.notifications else 0
    baseline = options.baseline or (str(config.baseline) if config.baseline else None)
    known = _filter(result, options, baseline, cwd)
    if options.diff:
        return _show_diff(result, cwd, out, err)
    fix_failed = False
    if options.fix:
        for _ in range(MAX_FIX_PASSES):
            fixed, fix_failed = _fix(result, cwd, err)
            if not fixed or fix_failed:
                break
            result = lint(files, config, rules, policy, cwd, options.jobs)
            known = _filter(result, options, baseline, cwd)
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
    if result.notifications or fix_failed:
        return 2
    return 1 if any(policy.fails(finding) for finding in result.findings) else 0


def _filter(result: LintResult, options: CheckOptions, baseline: str | None, cwd: Path) -> list[Finding]:
    """Drop baselined findings and, with --diff-base, those off the changed lines; return the baselined."""
    known: list[Finding] = []
    if baseline:
        from exchange_lint.baseline import new_findings, read_baseline

        result.findings, known = new_findings(result.findings, read_baseline(Path(baseline)))
    if options.diff_base:
        from exchange_lint.changed_lines import only_changed

        result.findings = only_changed(result.findings, cwd, options.diff_base)
    return known


def _show_diff(result: LintResult, cwd: Path, out: TextIO, err: TextIO) -> int:
    """--diff: the fixes as a unified diff, nothing written; exit 1 when there is something to fix."""
    from exchange_lint.fix_files import plan_fixes

    plan = plan_fixes(result.findings, result.documents, cwd)
    for change in plan.changes:
        out.write(change.diff())
    for reason in plan.refused:
        err.write(f"{reason}\n")
    count = sum(len(change.fixes) for change in plan.changes)
    err.write(f"{count} fix(es) in {len(plan.changes)} file(s) would be made by --fix\n")
    if result.notifications or plan.refused:
        return 2
    return 1 if plan.changes else 0


def _fix(result: LintResult, cwd: Path, err: TextIO) -> tuple[int, bool]:
    """One pass of --fix: write every file's fixes; (findings fixed, whether a file was refused)."""
    from exchange_lint.fix_files import plan_fixes, write_change

    plan = plan_fixes(result.findings, result.documents, cwd)
    fixed = 0
    for change in plan.changes:
        problem = write_change(change)
        if problem is None:
            fixed += len(change.fixes)
            err.write(f"fixed {len(change.fixes)} finding(s) in {change.display}\n")
        else:
            plan.refused.append(problem)
    for reason in plan.refused:
        err.write(f"{reason}\n")
    return fixed, bool(plan.refused)
