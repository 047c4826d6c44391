"""The engine: load → validate → model → rules. It finds; `decide` chooses what is reported.

Every file is parsed once; documents are grouped into organizations by their `organization`;
each organization is modelled by its generation's package and handed to the rules that
understand that generation, one rule at a time, each under a time budget and crash guard. An
organization with 2007–SE files and a tenant is modelled a third time, as the hybrid pair.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exchange_lint.budget import OverBudget, time_budget
from exchange_lint.config import Config
from exchange_lint.files import FileSet, display_path
from exchange_lint.findings import FILE_START, Finding, Fix, FixIntent, Location, Severity, ToolNotification
from exchange_lint.generation import (
    EVERY,
    EXCHANGE_ONLINE,
    GENERATIONS,
    Generation,
    generation_of,
    organization_key,
)
from exchange_lint.load import Document, load_file, load_text
from exchange_lint.rules.api import Problem, Rule

if TYPE_CHECKING:
    from exchange_lint.cache.store import Cache

SMALL_RUN_NODES = 3_000  # about 10 ms of checking in plain Python: the compiled validator's import

# Fewer files lint faster in this process than worker processes start (a commit hook's usual
# run): `exchange_lint.parallel` is not even imported for them.
MIN_PARALLEL_FILES = 32


class LintResult:
    """What the engine found, before anything is filtered: the input of `decide`."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.notifications: list[ToolNotification] = []
        self.documents: dict[str, Document] = {}
        self.skipped: list[str] = []
        self.notification_order: list[tuple[str, int]] = []  # (organization, rule position)
        self.organizations: set[str] = set()


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


def load_documents(
    paths: Iterable[Path],
    cwd: Path,
    max_bytes: int,
    replaced: Mapping[str, str] | None = None,
) -> dict[str, Document]:
    """Parse every file once; `replaced` gives texts to parse instead of some files' contents
    (fix passes, in memory)."""
    wanted = _displayed(paths, cwd)
    replaced = replaced or {}
    with paused_gc():
        return {
            display: load_text(display, replaced[display])
            if display in replaced
            else load_file(path, display, max_bytes)
            for display, path in wanted.items()
        }


def _displayed(paths: Iterable[Path], cwd: Path) -> dict[str, Path]:
    """Each file by the name findings give it (the first path given for it)."""
    wanted: dict[str, Path] = {}
    for path in paths:
        wanted.setdefault(display_path(path, cwd), path)
    return wanted


def build_model(generation: Generation, name: str, documents: Sequence[Document]) -> Any:
    """The organization as its generation models it (`<package>.model.build_organization`)."""
    model = import_module(f"{generation.package}.model")
    return model.build_organization(name, documents)


class _Findings:
    """Turns what rules and the loader yield into findings, with certain fixes made into edits."""

    def __init__(self, rules: Sequence[Rule], documents: dict[str, Document]) -> None:
        self.by_id = {rule.id: rule for rule in rules}
        self.documents = documents
        self.found: list[Finding] = []
        self.keep_chomping: dict[str, bool] = {}

    def add(
        self,
        rule_id: str,
        message: str,
        location: Location,
        related: tuple[Location, ...] = (),
        intent: FixIntent | None = None,
        hint: str = "",
        severity: Severity | None = None,
    ) -> None:
        rule = self.by_id[rule_id]
        location = self._anchored(location)
        related = tuple(self._anchored(place) for place in related)
        fix = self._fix(intent, location.path)
        level = severity or rule.severity
        self.found.append(Finding(rule.id, rule.name, level, message, location, related, fix, hint))

    def _anchored(self, location: Location) -> Location:
        """A place a plugin gave without an anchor gets the one of the node it points at."""
        if location.anchor:
            return location
        document = self.documents.get(location.path)
        if document is None:
            return location
        return Location(
            location.path, location.region, document.anchor(document.node_at(location.region)), location.message
        )

    def _fix(self, intent: FixIntent | None, path: str) -> Fix | None:
        document = self.documents.get(path)
        if intent is None or document is None:
            return None
        from exchange_lint.fixes import has_keep_chomping, realise

        if path not in self.keep_chomping:
            self.keep_chomping[path] = has_keep_chomping(document.lines)
        return realise(intent, document.lines, document.shared, self.keep_chomping[path])


def lint_serially(
    files: FileSet,
    config: Config,
    rules: Sequence[Rule],
    wanted: Callable[[Rule], bool],
    cwd: Path,
    replaced: Mapping[str, str] | None = None,
    cache: Cache | None = None,
) -> LintResult:
    """Every organization with a reported file, in this process; `wanted` says which rules run.
    `exchange_lint.parallel` computes the same result in several processes. A `cache` saves
    reading, parsing and validating again (fix passes, which lint texts in memory, use none)."""
    with paused_gc():
        return _lint(files, config, rules, wanted, cwd, replaced, None if replaced else cache)


def _lint(
    files: FileSet,
    config: Config,
    rules: Sequence[Rule],
    wanted: Callable[[Rule], bool],
    cwd: Path,
    replaced: Mapping[str, str] | None,
    cache: Cache | None,
) -> LintResult:
    result = LintResult()
    report = {display_path(p, cwd) for p in files.report}
    elsewhere: frozenset[str] = frozenset()
    if cache is not None:  # only the files of the reported organizations (`exchange_lint.gather`)
        from exchange_lint.gather import gather

        gathered = gather(_displayed(files.context, cwd).items(), report, config.max_file_size, cache)
        documents, elsewhere = gathered
    else:
        documents = load_documents(files.context, cwd, config.max_file_size, replaced)
    result.documents = documents
    found = _Findings(rules, documents)
    strict = bool(config.include)
    validating = wanted(found.by_id["EXL002"])
    # Secrets are a fact about the file's text, whatever its generation: looked for in every
    # reported connector file, as the validator looks at it (EXL406).
    scanning = "EXL406" in found.by_id and wanted(found.by_id["EXL406"])
    # A run that validates a few small files checks them in plain Python; a larger one pays once
    # for the compiled validator's import, and each file then costs microseconds.
    compiled = sum(len(documents[path].spans) for path in report if path in documents) > SMALL_RUN_NODES
    groups: dict[str, list[Document]] = {}
    for path in sorted(documents):
        document = documents[path]
        # With an `include` every matched file is a connector file; otherwise it needs version + organization.
        connector = document.data is not None and (strict or organization_key(document.data) is not None)
        for load_problem in document.problems:
            if connector or document.data is None:
                where = Location(path, load_problem.region, document.anchor(load_problem.path, load_problem.detail))
                found.add(
                    load_problem.rule_id, load_problem.message, where, intent=load_problem.fix, hint=load_problem.hint
                )
        if not connector:
            if path in report and (document.data is not None or not document.problems):
                result.skipped.append(path)
            continue
        schema = None
        if path in report and validating:
            schema = _schema_problems(document, compiled, cache)
            for message, location, hint in schema:
                found.add("EXL002", message, location, hint=hint)
        if path in report and scanning:
            from exchange_lint.rules.secret_in_file import secrets

            for message, location, hint in secrets(document):
                found.add("EXL406", message, location, hint=hint)
        if cache is not None:
            cache.keep(path, document, schema)
        key = organization_key(document.data) or f"(no organization: {path})"
        groups.setdefault(key, []).append(document)
    model_rules = [rule for rule in rules if rule.check is not None and wanted(rule)]
    result.organizations = set(groups) | elsewhere
    for name, generation, members in _models(groups, report, found):
        # The organization is the scope of everything derived from it (the routing analysis):
        # built here, dropped when its rules have run.
        organization = build_model(generation, name, members)
        first = next(document.path for document in sorted(members, key=lambda d: d.path) if document.path in report)
        for position, rule in enumerate(model_rules):
            if generation.id not in rule.generations and EVERY not in rule.generations:
                continue
            problems = _run(rule, organization, name, config.rule_time_budget)
            if isinstance(problems, tuple):
                where = Location(first, FILE_START, f"crash:{rule.id}")
                message, hint = problems
                found.add("EXL901", message, where, hint=hint)
                result.notifications.append(ToolNotification(rule.id, f"{message}; {hint}", where))
                result.notification_order.append((name, position))
                continue
            for problem in problems:
                if problem.profile and problem.profile not in config.profile:
                    continue  # the expectation of a benchmark the configuration did not select (EXL411)
                found.add(
                    rule.id,
                    problem.message,
                    problem.location,
                    problem.related,
                    problem.fix,
                    problem.hint,
                    problem.severity,
                )
        del organization
    result.findings = found.found
    return result


def _schema_problems(document: Document, compiled: bool, cache: Cache | None) -> list[tuple[str, Location, str]]:
    """What the schema says about the document: noted by the cache for its content, or checked."""
    noted = cache.schema(document.path) if cache is not None else None
    if noted is not None:
        return noted
    from exchange_lint.schema import validate

    return list(validate(document, compiled))


def by_generation(documents: Sequence[Document]) -> list[tuple[Generation | None, list[Document]]]:
    """An organization's files by the generation each belongs to, in path order: a file that names
    an `exchange` value belongs to its generation, one that names none to the generation the first
    file naming one names (an on-premises one before `online`; 4.0–5.5 when none does). None holds
    the files of an unknown value."""
    ordered = sorted(documents, key=lambda d: d.path)
    named = [_named_generation(document) for document in ordered]
    # A file naming none is on-premises (the format began there): with a tenant beside, it follows
    # the first on-premises generation named, and the tenant's only when nothing else is named.
    named_generations = [generation for generation, names in named if names]
    default = next(
        (generation for generation in named_generations if generation is not EXCHANGE_ONLINE),
        named_generations[0] if named_generations else generation_of(None),
    )
    groups: dict[Generation | None, list[Document]] = {}
    for document, (generation, names) in zip(ordered, named, strict=True):
        groups.setdefault(generation if names else default, []).append(document)
    return list(groups.items())


def _named_generation(document: Document) -> tuple[Generation | None, bool]:
    """(the generation the file's `exchange` names, whether it names one at all)."""
    if isinstance(document.data, dict) and document.data.get("exchange") is not None:
        return generation_of(document.data["exchange"]), True
    return None, False


def _models(
    groups: Mapping[str, list[Document]], report: set[str], found: _Findings
) -> Iterator[tuple[str, Generation, list[Document]]]:
    """(organization, generation, files) for each model to build: the organizations a reported
    file belongs to, one model per generation their files name. Files of one organization that
    name different on-premises generations are not one routing model (EXL313 says so on the later
    ones); an Exchange Online part beside one on-premises generation is its tenant, a hybrid
    deployment (DESIGN §10): each side is modelled on its own, and the two together once more
    for the rules that relate them (`generation.HYBRID`)."""
    for name in sorted(groups):
        members = groups[name]
        if not any(document.path in report for document in members):
            continue  # context only: no file of this organization is reported on
        parts = by_generation(members)
        known = [(generation, documents) for generation, documents in parts if generation is not None]
        on_premises = [(generation, documents) for generation, documents in known if generation is not EXCHANGE_ONLINE]
        for generation, documents in on_premises[1:]:
            _mixed(found, name, on_premises[0], generation, documents)
        for generation, documents in known:
            if any(document.path in report for document in documents):
                yield name, generation, documents
        yield from _paired(name, known, report)


def _paired(
    name: str, known: Sequence[tuple[Generation, list[Document]]], report: set[str]
) -> Iterator[tuple[str, Generation, list[Document]]]:
    """(organization, hybrid, the files of both sides) where the organization has files of every
    generation a paired generation pairs and one of them is reported on: a cross-file finding
    involves the file the run reports on even when it sits on the other side (`decide` places it)."""
    sides = {generation.id: documents for generation, documents in known}
    for generation in GENERATIONS:
        if not generation.pairs or not all(side in sides for side in generation.pairs):
            continue
        documents = sorted((d for side in generation.pairs for d in sides[side]), key=lambda d: d.path)
        if any(document.path in report for document in documents):
            yield name, generation, documents


def _mixed(
    found: _Findings,
    name: str,
    first: tuple[Generation, list[Document]],
    generation: Generation,
    documents: list[Document],
) -> None:
    """EXL313 on each file that names a generation other than the organization's first."""
    first_generation, first_documents = first
    named = [document for document in first_documents if _named_generation(document)[1]]
    label = f"{first_generation.title} declared here"
    related = tuple(Location(d.path, d.span(("exchange",)).value, d.anchor(("exchange",)), label) for d in named[:1])
    for document in documents:
        if not _named_generation(document)[1]:
            continue
        here = f"{generation.title} declared here"
        found.add(
            "EXL313",
            f"organization '{name}' is declared by {first_generation.title} files and by {generation.title} "
            f"files ({document.path}): each generation is modelled on its own, with no route between the two",
            Location(document.path, document.span(("exchange",)).value, document.anchor(("exchange",)), here),
            related,
            hint="give each generation's files an organization name of their own",
        )


def _run(rule: Rule, organization: Any, name: str, budget: float) -> list[Problem] | tuple[str, str]:
    """The rule's problems, or why it has none (EXL901: it crashed, or ran out of time) and a hint."""
    assert rule.check is not None
    try:
        with time_budget(budget):
            return list(rule.check(organization))
    except (Exception, SystemExit, OverBudget) as error:  # third-party code: report it, run the others (EXL901)
        if isinstance(error, OverBudget):
            return (
                f"rule {rule.id} ({rule.name}) ran out of its {budget:g} s budget on organization '{name}' and was "
                "stopped; the other rules still ran",
                "setting `rule-time-budget` raises the budget",
            )
        return (
            f"rule {rule.id} ({rule.name}) crashed on organization '{name}': {type(error).__name__}: {error}",
            "the other rules still ran; report the crash to the rule's authors",
        )
