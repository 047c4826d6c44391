"""Lint many files in several processes, one share of whole organizations each.

Organizations are independent: every rule sees one organization at a time. A cheap scan of each
file's top-level `organization:` line shares the organizations out; each worker process (forked,
so it inherits the rules and settings without pickling them) runs the engine on its share, and
sends back only findings and lines. If the scan guessed an organization wrong (a JSON file, an
unusual spelling) so that one organization would be split between workers, the result is thrown
away and the caller lints serially: the engine's result is always the serial one, and `decide`
then sees the same findings either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from exchange_lint.engine import LintResult, lint_serially
from exchange_lint.files import FileSet, display_path

if TYPE_CHECKING:
    from exchange_lint.config import Config
    from exchange_lint.rules.api import Rule

_ORGANIZATION_LINE = re.compile(rb"^organization:[ \t]*(.*?)[ \t]*(?:#.*)?\r?$", re.MULTILINE)


@dataclass(frozen=True)
class _Job:
    files: FileSet
    config: Config
    rules: Sequence[Rule]
    wanted: Callable[[Rule], bool]
    cwd: Path


_JOB: _Job | None = None  # set before forking; each worker reads its share from it


def organization_guess(path: Path) -> str:
    """The organization a file names on its top-level `organization:` line; the file itself when
    there is none (it is then a share of its own)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(1 << 20)
    except OSError:
        return f"file:{path}"
    match = _ORGANIZATION_LINE.search(head)
    if match is None:
        return f"file:{path}"
    return match.group(1).strip(b"'\"").decode("utf-8", "replace")


def shares(paths: Sequence[Path], count: int) -> list[list[Path]]:
    """`count` lists of files, whole organizations each, balanced by bytes (largest first)."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(organization_guess(path), []).append(path)

    def size(group: list[Path]) -> int:
        return sum(p.stat().st_size if p.is_file() else 0 for p in group)

    buckets: list[list[Path]] = [[] for _ in range(count)]
    loads = [0] * count
    for group in sorted(groups.values(), key=size, reverse=True):
        lightest = loads.index(min(loads))
        buckets[lightest].extend(group)
        loads[lightest] += size(group)
    return [bucket for bucket in buckets if bucket]


# Fewer files lint faster than processes start (a commit hook's usual run).
MIN_FILES = 32


def lint_in_processes(
    files: FileSet, config: Config, rules: Sequence[Rule], wanted: Callable[[Rule], bool], cwd: Path, jobs: int
) -> LintResult | None:
    """The serial result, computed in `jobs` processes; None when that is not possible here."""
    global _JOB
    if len(files.context) < MIN_FILES:
        return None
    import multiprocessing  # here: a commit hook's few files never pay for its import

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    parts = shares(files.context, jobs)
    if len(parts) < 2:
        return None
    _JOB = _Job(files, config, rules, wanted, cwd)
    try:
        with multiprocessing.get_context("fork").Pool(len(parts)) as pool:
            results = pool.map(_lint_share, parts, chunksize=1)
    finally:
        _JOB = None
    seen: dict[str, int] = {}
    for number, (_, organizations) in enumerate(results):
        for name in organizations:
            if seen.setdefault(name, number) != number:
                return None  # the guess split an organization: only a serial run is right
    merged = _merge([result for result, _ in results])
    order = dict.fromkeys(display_path(path, cwd) for path in files.context)
    merged.documents = {path: merged.documents[path] for path in order if path in merged.documents}
    return merged


def _lint_share(share: list[Path]) -> tuple[LintResult, list[str]]:
    assert _JOB is not None
    members = set(share)
    subset = FileSet(
        tuple(p for p in _JOB.files.report if p in members),
        tuple(p for p in _JOB.files.context if p in members),
        (),
    )
    result = lint_serially(subset, _JOB.config, _JOB.rules, _JOB.wanted, _JOB.cwd)
    organizations = sorted(result.organizations)
    # Positions and lines travel back; the parsed data stays here (fix mode lints serially), unless
    # the file holds a suppression comment, which `decide` names by the node it covers.
    result.documents = {
        path: doc if any("exchange-lint:" in line for line in doc.lines) else replace(doc, data=None, spans={})
        for path, doc in result.documents.items()
    }
    return result, organizations


def _merge(results: list[LintResult]) -> LintResult:
    merged = LintResult()
    for result in results:
        merged.findings.extend(result.findings)
        merged.documents.update(result.documents)
        merged.skipped.extend(result.skipped)
        merged.notifications.extend(result.notifications)
        merged.notification_order.extend(result.notification_order)
        merged.organizations |= result.organizations
    merged.skipped.sort()
    ordered = sorted(zip(merged.notification_order, merged.notifications, strict=True), key=lambda pair: pair[0])
    merged.notification_order = [key for key, _ in ordered]
    merged.notifications = [notification for _, notification in ordered]
    return merged
