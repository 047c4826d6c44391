"""The pipeline: load → validate → model → rules → filter. Reporting is the caller's business."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from exchange_lint.budget import OverBudget, time_budget
from exchange_lint.config import Config
from exchange_lint.files import FileSet, display_path, root_relative
from exchange_lint.findings import FILE_START, Finding, Fix, FixIntent, Location
from exchange_lint.generations.exchange40_55.model import build_organization, organization_key
from exchange_lint.load import Document, load_file, load_text
from exchange_lint.policy import Policy, selects
from exchange_lint.report import ToolNotification
from exchange_lint.rules.api import Rule
from exchange_lint.suppress import Suppressed, Suppression, apply, parse_suppressions


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    notifications: list[ToolNotification] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)
    notification_order: list[tuple[str, int]] = field(default_factory=list)  # (organization, rule position)
    organizations: set[str] = field(default_factory=set)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic GC: building trees and indexes allocates millions of objects and no cycles
    worth collecting; with a large document loaded, its scans cost more than the work itself
    (measured: indexing 50,000 address spaces took 0.80 s with it, 0.08 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


MIN_FILES = 32  # fewer files lint faster than processes start (a commit hook's usual run)


def load_documents(
    paths: Iterable[Path], cwd: Path, max_bytes: int, replaced: Mapping[str, str] | None = None
) -> dict[str, Document]:
    """Parse every file once; `replaced` gives texts to parse instead of some files' contents
    (fix passes, in memory)."""
    wanted: dict[str, Path] = {}
    for path in paths:
        wanted.setdefault(display_path(path, cwd), path)
    replaced = replaced or {}
    with paused_gc():
        return {
            display: load_text(display, replaced[display])
            if display in replaced
            else load_file(path, display, max_bytes)
            for display, path in wanted.items()
        }


class _Collector:
    def __init__(
        self, rules: Sequence[Rule], policy: Policy, report: set[str], documents: dict[str, Document]
    ) -> None:
        self.by_id = {rule.id: rule for rule in rules}
        self.policy = policy
        self.report = report
        self.documents = documents
        self.findings: list[Finding] = []
        self.keep_chomping: dict[str, bool] = {}

    def add(
        self,
        rule_id: str,
        message: str,
        location: Location,
        related: tuple[Location, ...] = (),
        intent: FixIntent | None = None,
    ) -> None:
        rule = self.by_id.get(rule_id)
        if rule is None or not self.policy.enabled(rule):
            return
        involved = [location, *related]
        reported = sorted((loc for loc in involved if loc.path in self.report), key=lambda loc: loc.path)
        if not reported:
            return
        first_path = reported[0].path
        if location.path != first_path:
            # A cross-file finding: its primary place is the first reported file involved (DESIGN §6).
            primary = next(loc for loc in involved if loc.path == first_path)
            related = tuple(loc for loc in involved if loc is not primary)
            location, intent = primary, None
        fix = self._fix(intent, location.path)
        self.findings.append(Finding(rule.id, rule.name, self.policy.severity(rule), message, location, related, fix))

    def _fix(self, intent: FixIntent | None, path: str) -> Fix | None:
        document = self.documents.get(path)
        if intent is None or document is None:
            return None
        from exchange_lint.fixes import has_keep_chomping, realise

        if path not in self.keep_chomping:
            self.keep_chomping[path] = has_keep_chomping(document.lines)
        return realise(intent, document.lines, document.shared, self.keep_chomping[path])


def lint(
    files: FileSet,
    config: Config,
    rules: Sequence[Rule],
    policy: Policy,
    cwd: Path,
    jobs: int = 1,
    replaced: Mapping[str, str] | None = None,
) -> LintResult:
    """Lint `files`; with `jobs` > 1 and many files, organizations go to that many processes
    (`exchange_lint.parallel`), with exactly the serial result."""
    if jobs > 1 and not replaced and len(files.context) >= MIN_FILES:
        from exchange_lint.parallel import lint_in_processes

        with paused_gc():
            result = lint_in_processes(files, config, rules, policy, cwd, jobs)
        if result is not None:
            order = dict.fromkeys(display_path(path, cwd) for path in files.context)
            result.documents = {path: result.documents[path] for path in order if path in result.documents}
            return result
    return lint_serially(files, config, rules, policy, cwd, replaced)


def lint_serially(
    files: FileSet,
    config: Config,
    rules: Sequence[Rule],
    policy: Policy,
    cwd: Path,
    replaced: Mapping[str, str] | None = None,
) -> LintResult:
    """Every organization in this process: the reference result `lint` reproduces in parallel."""
    with paused_gc():
        return _lint(files, config, rules, policy, cwd, replaced)


def _lint(
    files: FileSet, config: Config, rules: Sequence[Rule], policy: Policy, cwd: Path, replaced: Mapping[str, str] | None
) -> LintResult:
    result = LintResult()
    report = {display_path(p, cwd) for p in files.report}
    documents = load_documents(files.context, cwd, config.max_file_size, replaced)
    result.documents = documents
    collect = _Collector(rules, policy, report, documents)
    strict = bool(config.include)
    groups: dict[str, list[Document]] = {}
    for path in sorted(documents):
        document = documents[path]
        # With an `include` every matched file is a connector file; otherwise it needs version + organization.
        connector = document.data is not None and (strict or organization_key(document.data) is not None)
        for load_problem in document.problems:
            if connector or document.data is None:
                anchor = f"{load_problem.rule_id}@{load_problem.message}"
                where = Location(path, load_problem.region, anchor)
                collect.add(load_problem.rule_id, load_problem.message, where, intent=load_problem.fix)
        if not connector:
            if path in report and (document.data is not None or not document.problems):
                result.skipped.append(path)
            continue
        if path in report and policy.enabled(collect.by_id["EXL002"]):
            from exchange_lint.schema import validate

            for message, location in validate(document):
                collect.add("EXL002", message, location)
        key = organization_key(document.data) or f"(no organization: {path})"
        groups.setdefault(key, []).append(document)
    model_rules = [rule for rule in rules if policy.enabled(rule)]
    result.organizations = set(groups)
    for name in sorted(groups):
        if not any(document.path in report for document in groups[name]):
            continue  # context only: no file of this organization is reported on
        organization = build_organization(name, groups[name])
        for position, rule in enumerate(model_rules):
            try:
                with time_budget(config.rule_time_budget):
                    problems = list(rule.check(organization))
            except (Exception, SystemExit, OverBudget) as error:  # third-party code: report it, run the others (EXL901)
                first = next(p for p in organization.paths if p in report)
                if isinstance(error, OverBudget):
                    message = (
                        f"rule {rule.id} ({rule.name}) ran out of its {config.rule_time_budget:g} s budget on "
                        f"organization '{name}' and was stopped; the other rules still ran "
                        "(setting `rule-time-budget` raises the budget)"
                    )
                else:
                    message = (
                        f"rule {rule.id} ({rule.name}) crashed on organization '{name}': "
                        f"{type(error).__name__}: {error}; the other rules still ran"
                    )
                where = Location(first, FILE_START, f"crash:{rule.id}")
                collect.add("EXL901", message, where)
                result.notifications.append(ToolNotification(rule.id, message, where))
                result.notification_order.append((name, position))
                continue
            for problem in problems:
                collect.add(rule.id, problem.message, problem.location, problem.related, problem.fix)
        analysis = sys.modules.get("exchange_lint.generations.exchange40_55.routing.analysis")
        if analysis is not None:
            analysis.forget()  # the routing analysis is per organization; kept, it would only slow the exit
    relative = {display_path(p, cwd): root_relative(p, config) for p in files.report}
    kept = [f for f in collect.findings if not policy.ignored_in(f, relative.get(f.location.path, f.location.path))]
    suppressions = {
        path: parse_suppressions(path, documents[path].lines) for path in sorted(report) if path in documents
    }
    outcome = apply(kept, suppressions)
    result.suppressed = sorted(outcome.suppressed, key=lambda item: item.finding.sort_key())
    collect.findings = outcome.kept
    _report_suppressions(collect, suppressions, config)
    result.findings = sorted(
        (f for f in collect.findings if not policy.ignored_in(f, relative.get(f.location.path, f.location.path))),
        key=Finding.sort_key,
    )
    return result


def _report_suppressions(collect: _Collector, suppressions: dict[str, list[Suppression]], config: Config) -> None:
    """EXL005 for directives that are unreadable or suppressed nothing; EXL006 for missing reasons."""
    for path, found in suppressions.items():
        for item in found:
            anchor = f"suppression@{item.line}:{','.join(item.codes)}"
            where = Location(path, item.region, anchor)
            unknown = [c for c in item.codes if not any(selects((c,), rule) for rule in collect.by_id.values())]
            if item.problem:
                collect.add("EXL005", item.problem, where)
            elif unknown:
                collect.add(
                    "EXL005",
                    f"suppression names {', '.join(unknown)}, which matches no rule (`exchange-lint rules` lists them)",
                    where,
                )
            elif not item.used:
                scope = "this file" if item.whole_file else "its line" if not item.own_line else "the line below it"
                collect.add(
                    "EXL005",
                    f"suppression of {', '.join(item.codes)} covers no finding on {scope}: remove it",
                    where,
                )
            elif config.suppression_reason_required and not item.reason:
                collect.add(
                    "EXL006",
                    f"suppression of {', '.join(item.codes)} gives no reason: add `-- why` after the codes",
                    where,
                )
