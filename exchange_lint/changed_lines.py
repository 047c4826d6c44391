"""`--diff-base REF`: the lines changed since a git ref, so a PR check reports only what it touched.

The working tree is compared with REF (`git diff --unified=0 REF`), so committed, staged and
unstaged changes all count; untracked files count as changed throughout.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterable
from pathlib import Path

from exchange_lint.files import UsageError
from exchange_lint.findings import Finding, Location

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(?P<start>\d+)(?:,(?P<count>\d+))? @@")
EVERY_LINE = None  # an untracked file: every line is new


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    except OSError as error:
        raise UsageError(f"--diff-base needs git: {error.strerror}") from None
    if done.returncode != 0:
        raise UsageError(f"--diff-base: git {' '.join(args[:2])} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


def changed_lines(cwd: Path, ref: str) -> tuple[Path, dict[str, set[int] | None]]:
    """(repository root, {path relative to it: changed line numbers, or None for a new file})."""
    root = Path(_git(cwd, "rev-parse", "--show-toplevel").strip())
    _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    changed: dict[str, set[int] | None] = {}
    current: set[int] | None = None
    for line in _git(root, "diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--").splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = changed.setdefault(name[2:], set()) if name.startswith("b/") else None
        elif line.startswith("@@") and current is not None:
            hunk = _HUNK.match(line)
            if hunk is not None:
                start, count = int(hunk["start"]), int(hunk["count"] or 1)
                # A pure deletion (count 0) touches the line it left behind.
                current.update(range(start, start + count) if count else (max(start, 1),))
    for name in _git(root, "ls-files", "--others", "--exclude-standard", "-z").split("\0"):
        if name:
            changed[name] = EVERY_LINE
    return root, changed


def touches(finding: Finding, cwd: Path, root: Path, changed: dict[str, set[int] | None]) -> bool:
    """Whether the finding's location, or one of its related locations, is on a changed line."""
    return any(_on_changed_line(location, cwd, root, changed) for location in (finding.location, *finding.related))


def _on_changed_line(location: Location, cwd: Path, root: Path, changed: dict[str, set[int] | None]) -> bool:
    try:
        relative = (cwd / location.path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return False
    if relative not in changed:
        return False
    lines = changed[relative]
    region = location.region
    return lines is EVERY_LINE or any(line in lines for line in range(region.start_line, region.end_line + 1))


def only_changed(findings: Iterable[Finding], cwd: Path, ref: str) -> list[Finding]:
    root, changed = changed_lines(cwd, ref)
    return [finding for finding in findings if touches(finding, cwd, root, changed)]
