"""`exchange-lint check`: lint files and report findings; the default command."""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

from exchange_lint import __version__
from exchange_lint.config import Config
from exchange_lint.decide import Decision, Policy, check_configured_codes, decide, names_a_rule
from exchange_lint.engine import MIN_PARALLEL_FILES, LintResult, lint_serially, paused_gc
from exchange_lint.files import FileSet, UsageError, display_path, root_relative, select_files
from exchange_lint.findings import Finding
from exchange_lint.report import printable, render
from exchange_lint.rules.api import Rule

if TYPE_CHECKING:
    from exchange_lint.cache.store import Cache
    from exchange_lint.fix_files import FixSession


class CheckOptions(NamedTuple):
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
    cache: bool = True


def _use_color(choice: str, fmt: str, out: TextIO, to_file: bool) -> bool:
    if fmt != "text" or to_file or choice == "never":
        return False
    if choice == "always":
        return True
    return out.isatty() and "NO_COLOR" not in os.environ


def _write(path: str, text: str) -> None:
    """--output: the report replaces the file whole (`exchange_lint.write`); a file name that is not
    UTF-8 comes back as the bytes it was read from, as on standard output."""
    from exchange_lint.write import replace_file

    replace_file(Path(path), text.encode("utf-8", "surrogateescape"))


# A fix can make room for another (overlapping edits wait a pass, a repeat inside a repeat shows
# only once the outer one is gone); passes run in memory until nothing is left to fix.
MAX_FIX_PASSES = 20


def run(options: CheckOptions, config: Config, rules: Sequence[Rule], cwd: Path, out: TextIO, err: TextIO) -> int:
    for code in (*options.select, *options.ignore):
        if not names_a_rule(code, rules):
            raise UsageError(f"--select/--ignore: no rule matches {code!r}; `exchange-lint rules` lists them")
    check_configured_codes(config, rules)
    policy = Policy.from_options(config, options.select, options.ignore)
    files = select_files(options.paths, config)
    cache = _open_cache(config, rules) if options.cache else None
    try:
        return _check(options, config, rules, policy, files, cwd, out, err, cache)
    finally:
        if cache is not None:
            cache.save(merge=True)


def _check(
    options: CheckOptions,
    config: Config,
    rules: Sequence[Rule],
    policy: Policy,
    files: FileSet,
    cwd: Path,
    out: TextIO,
    err: TextIO,
    cache: Cache | None,
) -> int:
    # Fixing needs every parsed document in this process, so its passes lint in one process.
    result = _lint(files, config, rules, policy, cwd, 1 if options.fix or options.diff else options.jobs, cache)
    if options.write_baseline:
        from exchange_lint.baseline import write_baseline

        recorded = _decide(result, files, config, rules, policy, cwd).reported
        count = write_baseline(Path(options.write_baseline), recorded)
        err.write(f"wrote {count} finding(s) to baseline {options.write_baseline}\n")
        return 2 if result.notifications else 0
    baseline_path = options.baseline or (str(config.baseline) if config.baseline else None)
    baseline = _read_baseline(baseline_path)
    changed = _changed_lines(options.diff_base, cwd)
    decision = _decide(result, files, config, rules, policy, cwd, baseline, changed)
    fix_failed = False
    if options.fix or options.diff:
        from exchange_lint.fix_files import FixSession

        session = FixSession(cwd)
        for _ in range(MAX_FIX_PASSES):
            if not session.apply_pass(decision.reported, result.documents):
                break
            del result, decision  # the last pass's trees go before the next pass builds its own
            gc.collect()  # the console script runs with the cyclic collector off
            result = lint_serially(files, config, rules, policy.enabled, cwd, session.texts())
            decision = _decide(result, files, config, rules, policy, cwd, baseline, changed)
        if options.diff:
            return _show_diff(session, bool(result.notifications), out, err)
        fix_failed = _write_fixes(session, err)
        if session.changed():  # report from the files as written (or left), with fresh git line numbers
            changed = _changed_lines(options.diff_base, cwd)
            result = _lint(files, config, rules, policy, cwd, options.jobs, cache)
            decision = _decide(result, files, config, rules, policy, cwd, baseline, changed)
    suppressed = []
    if options.include_suppressed:
        from exchange_lint.report.sarif import SuppressedFinding

        suppressed = [SuppressedFinding(s.finding, "inSource", s.by.reason) for s in decision.suppressed]
        suppressed += [
            SuppressedFinding(f, "external", f"recorded in the baseline {baseline_path}") for f in decision.baselined
        ]
    if options.verbose:
        for path in result.skipped:
            err.write(f"skipped {printable(path)}: not a connector file (no top-level `version` and `organization`)\n")
        for excluded in files.out_of_scope:
            source = printable(str(config.source or "configuration"))
            err.write(f"skipped {printable(display_path(excluded, cwd))}: excluded by {source}\n")
    color = _use_color(options.color, options.fmt, out, options.output is not None)
    text = render(
        options.fmt,
        decision.reported,
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
    return 1 if any(policy.fails(finding) for finding in decision.reported) else 0


def _lint(
    files: FileSet, config: Config, rules: Sequence[Rule], policy: Policy, cwd: Path, jobs: int, cache: Cache | None
) -> LintResult:
    """The engine's result, in `jobs` processes when that pays (`exchange_lint.parallel`)."""
    if cache is not None:
        cache.loaded.clear()  # the files may have changed since an earlier pass (--fix)
        files = _narrowed(files, config, cwd, cache)
    try:
        if jobs > 1 and len(files.context) >= MIN_PARALLEL_FILES:
            from exchange_lint.parallel import lint_in_processes

            with paused_gc():
                result = lint_in_processes(files, config, rules, policy.enabled, cwd, jobs, cache)
            if result is not None:
                return result
        return lint_serially(files, config, rules, policy.enabled, cwd, cache=cache)
    finally:
        if cache is not None:
            cache.loaded.clear()


def _open_cache(config: Config, rules: Sequence[Rule]) -> Cache | None:
    from exchange_lint.cache.namespace import namespace
    from exchange_lint.cache.store import Cache

    return Cache.open(config.cache_folder(), namespace(config, _rule_sources(rules)))


def _rule_sources(rules: Sequence[Rule]) -> list[str]:
    """What names the rules for the cache: identity, and where a plugin's code lives, as it is now."""
    sources = []
    for rule in rules:
        module = getattr(rule.check, "__module__", "") or ""
        sources.append(f"{rule.id} {rule.name} {rule.severity.value} {','.join(rule.generations)} {module}")
    return sources


def _narrowed(files: FileSet, config: Config, cwd: Path, cache: Cache) -> FileSet:
    """Only the files that matter, when the cache knows enough to tell them without parsing most of
    the project (a commit's few changed files): those reported, and the rest of their organizations.
    When it does not (its first run), the engine reads everything, in several processes if asked."""
    from exchange_lint.gather import gather, unknown

    reported = set(files.report)
    others = [path for path in files.context if path not in reported]
    if not others or unknown(others, cache) >= MIN_PARALLEL_FILES:
        return files
    names = {path: display_path(path, cwd) for path in files.context}
    report = {names[path] for path in files.report}
    with paused_gc():
        kept = gather(((names[path], path) for path in files.context), report, config.max_file_size, cache).documents
    return files._replace(context=tuple(path for path in files.context if names[path] in kept))


def _decide(
    result: LintResult,
    files: FileSet,
    config: Config,
    rules: Sequence[Rule],
    policy: Policy,
    cwd: Path,
    baseline: Counter[str] | None = None,
    changed: Callable[[Finding], bool] | None = None,
) -> Decision:
    return decide(
        result.findings,
        policy=policy,
        rules=rules,
        documents=result.documents,
        report={display_path(path, cwd) for path in files.report},
        relative={display_path(path, cwd): root_relative(path, config) for path in files.report},
        baseline=baseline,
        changed=changed,
    )


def _read_baseline(path: str | None) -> Counter[str] | None:
    if not path:
        return None
    from exchange_lint.baseline import read_baseline

    return read_baseline(Path(path))


def _changed_lines(ref: str | None, cwd: Path) -> Callable[[Finding], bool] | None:
    """--diff-base: whether a finding touches a line changed since the git ref."""
    if not ref:
        return None
    from exchange_lint.changed_lines import changed_lines, touches

    root, changed = changed_lines(cwd, ref)
    return lambda finding: touches(finding, cwd, root, changed)


def _show_diff(session: FixSession, notified: bool, out: TextIO, err: TextIO) -> int:
    """--diff: the fixes as a unified diff, nothing written; exit 1 when there is something to fix."""
    changed = session.changed()
    for state in changed:
        out.write(state.diff())
    _write_refused(session, err)
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
            err.write(f"fixed {len(state.fixed)} finding(s) in {printable(state.display)}\n")
    _write_refused(session, err)
    return bool(session.refused)


def _write_refused(session: FixSession, err: TextIO) -> None:
    for display, reason in sorted(session.refused.items()):
        err.write(f"{printable(display)}: not fixed, {printable(reason)}\n")
