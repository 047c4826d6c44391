"""`--diff-base REF`: the lines changed since a git ref, so a PR check reports only what it touched.

The working tree is compared with REF, so committed, staged and unstaged changes all count;
untracked files count as changed throughout. The patch comes from the plumbing `git diff-index`,
which reads none of a user's diff settings (`diff.noprefix`, `diff.mnemonicPrefix`,
`diff.relative`, …), with every option that changes its shape pinned: `--text` over a
`-diff`/`binary` attribute, `--no-textconv` (a textconv numbers the lines of another text), fixed
prefixes. Names in the headers are C-quoted by git when unusual and end in a TAB when they hold a
space; both are undone here. A hunk's body is read by its line counts, never by what a line looks
like: an added line `++ b/x` prints as `+++ b/x`, the same as a file header.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from exchange_lint.files import UsageError
from exchange_lint.findings import Finding, Location

_HUNK = re.compile(rb"^@@ -\d+(?:,(?P<old>\d+))? \+(?P<start>\d+)(?:,(?P<new>\d+))? @@")
EVERY_LINE = None  # an untracked file: every line is new
_DIFF = (
    "diff-index",
    "--patch",
    "--unified=0",
    "--text",
    "--no-textconv",
    "--no-ext-diff",
    "--no-color",
    "--find-renames",  # as `git diff` does by default: a renamed file's unchanged lines stay unchanged
    "--src-prefix=a/",
    "--dst-prefix=b/",
)
_QUOTED = re.compile(rb'"((?:[^"\\]|\\.)*)"', re.DOTALL)
_ESCAPE = re.compile(rb"\\([0-7]{3}|.)", re.DOTALL)
_C_ESCAPES = {ord(letter): code for letter, code in zip("abtnvfr", range(7, 14), strict=True)}


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except OSError as error:
        raise UsageError(f"--diff-base needs git: {error.strerror}") from None
    if done.returncode != 0:
        stderr = done.stderr.decode("utf-8", "replace").strip()
        raise UsageError(f"--diff-base: git {' '.join(args[:2])} failed: {stderr or done.returncode}")
    return done.stdout


def _unquoted(name: bytes) -> bytes:
    """A header's path as git writes it: C-quoted (`"b/caf\\303\\251.yaml"`) when it holds unusual
    bytes, else as it is, with a TAB after it when it holds a space (for patch(1))."""
    quoted = _QUOTED.match(name)
    if quoted is None:
        return name.removesuffix(b"\t")
    return _ESCAPE.sub(_unescaped, quoted[1])


def _unescaped(escape: re.Match[bytes]) -> bytes:
    code = escape[1]
    if len(code) == 3:
        return bytes((int(code, 8) & 0xFF,))
    return bytes((_C_ESCAPES.get(code[0], code[0]),))


def parse_patch(patch: bytes) -> dict[str, set[int]]:
    """{path: numbers of its added lines} from `git diff --unified=0` output; a pure deletion
    touches the line it left behind."""
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    old_left = new_left = 0  # lines of the hunk body still to read
    line_number = 0
    for line in patch.split(b"\n"):
        if old_left > 0 or new_left > 0:
            marker = line[:1]
            if marker == b"-":
                old_left -= 1
            elif marker == b"+":
                if current is not None:
                    current.add(line_number)
                line_number += 1
                new_left -= 1
            elif marker != b"\\":  # context (none with --unified=0, but a count is a count)
                old_left, new_left, line_number = old_left - 1, new_left - 1, line_number + 1
            continue
        if line.startswith(b"diff --git "):
            current = None
        elif line.startswith(b"+++ "):
            name = _unquoted(line[4:])
            current = changed.setdefault(os.fsdecode(name[2:]), set()) if name.startswith(b"b/") else None
        elif line.startswith(b"@@ "):
            hunk = _HUNK.match(line)
            if hunk is None:
                continue
            start = int(hunk["start"])
            old_left = 1 if hunk["old"] is None else int(hunk["old"])
            new_left = 1 if hunk["new"] is None else int(hunk["new"])
            line_number = start
            if new_left == 0 and current is not None:
                current.add(max(start, 1))
    return changed


def changed_lines(cwd: Path, ref: str) -> tuple[Path, dict[str, set[int] | None]]:
    """(repository root, {path relative to it: changed line numbers, or None for a new file})."""
    root = Path(os.fsdecode(_git(cwd, "rev-parse", "--show-toplevel").removesuffix(b"\n")))
    # The commit's id, not REF, goes to the diff: nothing the user typed is read as an option there.
    commit = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode("ascii").strip()
    changed: dict[str, set[int] | None] = {}
    changed.update(parse_patch(_git(root, *_DIFF, commit, "--")))
    for name in _git(root, "ls-files", "--others", "--exclude-standard", "-z").split(b"\0"):
        if name:
            changed[os.fsdecode(name)] = EVERY_LINE
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
