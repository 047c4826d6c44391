"""`exchange-lint check`: lint files and report findings; the default command."""

from __future__ import annotations

import gc
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from exchange_lint import __version__
from exchange_lint.config import Config
from exchange_lint.engine import LintResult, lint
from exchange_lint.files import UsageError, select_files
from exchange_lint.findings import Finding
from exchange_lint.policy import Policy, selects
from exchange_lint.report import render
from exchange_lint.rules.api import Rule

if TYPE_CHECKING:
    from exchange_lint.fix_files import FixSession


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


# A fix can make room for another (overlapping edits wait a pass, a repeat inside a repeat shows
# only once the outer one is gone); passes run in memory until nothing is left to fix.
MAX_FIX_PASSES = 20


def run(options: CheckOptions, config: Config, rules: Sequence[Rule], cwd: Path, out: TextIO, err: TextIO) -> int:
    for code in (*options.select, *options.ignore):
        if not any(selects((code,), rule) for rule in rules):
            raise UsageError(f"--select/--ignore: no rule matches {code!r}; `exchange-lint rules` lists them")
    policy = Policy.from_options(config, options.select, options.ignore)
    files = select_files(options.paths, config)
    # Fixing needs every parsed document in this process, so its passes lint in one process.
    result = lint(files, config, rules, policy, cwd, 1 if options.fix or options.diff else options.jobs)
    if options.write_baseline:
        from exchange_lint.baseline import write_baseline

        count = write_baseline(Path(options.write_baseline), result.findings)
        err.write(f"wrote {count} finding(s) to baseline {options.write_baseline}\n")
        return 2 if result.notifications else 0
    baseline = options.baseline or (str(config.baseline) if config.baseline else None)
    known = _filter(result, options, baseline, cwd)
    fix_failed = False
    if options.fix or options.diff:
        from exchange_lint.fix_files import FixSession

        session = FixSession(cwd)
        for _ in range(MAX_FIX_PASSES):
            if not session.apply_pass(result.findings, result.documents):
                break
            del result  # the last pass's trees go before the next pass builds its own
            gc.collect()  # the console script runs with the cyclic collector off
            result = lint(files, config, rules, policy, cwd, 1, session.texts())
            known = _filter(result, options, baseline, cwd)
        if options.diff:
            return _show_diff(session, bool(result.notifications), out, err)
        fix_failed = _write_fixes(session, err)
        if session.changed():  # report from the files as written (or left), with fresh git line numbers
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


def _show_diff(session: FixSession, notified: bool, out: TextIO, err: TextIO) -> int:
    """--diff: the fixes as a unified diff, nothing written; exit 1 when there is something to fix."""
    changed = session.changed()
    for state in changed:
        out.write(state.diff())
    for display, reason in sorted(session.refused.items()):
        err.write(f"{display}: not fixed, {reason}\n")
    count = sum(len(state.fixed) for state in changed)
    err.write(f"{count} fix(es) in {len(changed)} file(s) would be made by --fix\n")
    if notified or session.refused:
        return 2
    return 1 if changed else 0


def _write_fixes(session: FixSession, err: TextIO) -> bool:
    """--fix: write every fixed file; whether any file was left alone."""
    session.write()
    for state in session.changed():
        if state.display not in session.refused:
            err.write(f"fixed {len(state.fixed)} finding(s) in {state.display}\n")
    for display, reason in sorted(session.refused.items()):
        err.write(f"{display}: not fixed, {reason}\n")
    return bool(session.refused)
