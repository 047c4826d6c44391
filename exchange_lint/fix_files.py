"""Apply findings' fixes to files: in memory pass by pass, then written once, or shown as a diff.

Every file is read once from disk and compared with what was linted (length and CRC-32). Each pass's new
text is parsed again and must mean exactly the intended change to the data (an item gone, a
scalar changed, nothing else), or that file is left alone. The write is atomic (a temporary file
in the same folder, permissions and owner copied, then a rename) and refused for a file that
changed since it was read, is read-only, or has other hard links that a rename would split.
"""

from __future__ import annotations

import bisect
import copy
import difflib
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exchange_lint.findings import Finding, FixIntent, Region, Removal, Replacement
from exchange_lint.fixes import apply, split_lines
from exchange_lint.load import Document, byte_order_mark, content_digest, decode, load_text
from exchange_lint.report import printable
from exchange_lint.write import write_and_rename


class FileState:
    """One file as first read from disk, and its text after the fixes so far."""

    def __init__(
        self, display: str, path: Path, digest: str, bom: bytes, codec: str, original: str, current: str
    ) -> None:
        self.display = display
        self.path = path
        self.digest = digest
        self.bom = bom
        self.codec = codec
        self.original = original
        self.current = current
        self.fixed: list[Finding] = []

    def diff(self) -> str:
        """A unified diff; lines keep their own breaks, whichever the file uses."""
        before, after = _with_breaks(self.original), _with_breaks(self.current)
        shown = printable(self.display)  # a header is one line, whatever the file's name holds
        lines = difflib.unified_diff(before, after, fromfile=f"a/{shown}", tofile=f"b/{shown}")
        out = []
        for line in lines:
            out.append(line)
            if line[:1] in "+- " and not line.startswith(("---", "+++")) and not split_lines(line)[1][0]:
                out.append("\n\\ No newline at end of file\n")
        return "".join(out)


def _with_breaks(text: str) -> list[str]:
    contents, breaks = split_lines(text)
    lines = [content + line_break for content, line_break in zip(contents, breaks, strict=True)]
    return lines if lines[-1] else lines[:-1]


class FixSession:
    """The fixes of one `check --fix` or `--diff` run, across passes."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.files: dict[str, FileState] = {}
        self.refused: dict[str, str] = {}  # display path -> why it is left alone

    def texts(self) -> dict[str, str]:
        """The fixed texts so far, for linting the next pass in memory."""
        return {display: state.current for display, state in self.files.items() if state.current != state.original}

    def changed(self) -> list[FileState]:
        return [state for _, state in sorted(self.files.items()) if state.current != state.original]

    def apply_pass(self, findings: Sequence[Finding], documents: dict[str, Document]) -> int:
        """Fix what can be fixed in memory; returns how many findings this pass fixed."""
        by_path: dict[str, list[Finding]] = {}
        for finding in findings:
            path = finding.location.path
            if finding.fix is not None and path in documents and path not in self.refused:
                by_path.setdefault(path, []).append(finding)
        fixed = 0
        for display in sorted(by_path):
            state = self.files.get(display) or self._read(display, documents[display])
            if state is not None:
                fixed += self._fix_file(state, by_path[display], documents[display])
        return fixed

    def _read(self, display: str, document: Document) -> FileState | None:
        path = Path(os.path.realpath(self.cwd / display))
        try:
            raw = path.read_bytes()
        except OSError as error:
            self.refused[display] = f"cannot read it again: {error.strerror}"
            return None
        text, _ = decode(raw)
        if content_digest(raw) != document.digest or text is None:
            self.refused[display] = "the file changed since it was linted; run again"
            return None
        bom, codec = byte_order_mark(raw)
        state = FileState(display, path, document.digest, bom, codec, text, text)
        self.files[display] = state
        return state

    def _fix_file(self, state: FileState, findings: list[Finding], document: Document) -> int:
        contents = split_lines(state.current)[0]
        if contents[-1] == "":
            contents.pop()  # the break that ends the last line opens no new one
        if contents != document.lines:
            self.refused[state.display] = "its line breaks cannot be placed with certainty"
            return 0
        chosen = _non_overlapping(findings)
        after = apply(state.current, [edit for f in chosen for edit in f.fix.edits])  # type: ignore[union-attr]
        if after is None or after == state.current:
            return 0
        fixed = load_text(state.display, after)
        expected = _expected_data(document.data, [f.fix.intent for f in chosen])  # type: ignore[union-attr]
        broken = sum(p.rule_id == "EXL001" for p in fixed.problems) > sum(
            p.rule_id == "EXL001" for p in document.problems
        )
        if expected is None or fixed.data != expected or broken:
            self.refused[state.display] = "the fixed text would not mean exactly the fix (please report this)"
            return 0
        state.current = after
        state.fixed.extend(chosen)
        return len(chosen)

    def write(self) -> None:
        """Write every changed file; why any was left alone goes to `refused`."""
        for state in self.changed():
            problem = _write(state)
            if problem is not None:
                self.refused[state.display] = problem


def _non_overlapping(findings: list[Finding]) -> list[Finding]:
    """Fixes in file order, skipping any that overlaps one already taken (the next pass gets it)."""
    starts: list[tuple[int, int]] = []
    ends: list[tuple[int, int]] = []
    chosen = []
    for finding in sorted(findings, key=Finding.sort_key):
        assert finding.fix is not None
        regions = [edit.region for edit in finding.fix.edits]
        if all(_free(starts, ends, region) for region in regions):
            for region in regions:
                at = bisect.bisect_left(starts, (region.start_line, region.start_column))
                starts.insert(at, (region.start_line, region.start_column))
                ends.insert(at, (region.end_line, region.end_column))
            chosen.append(finding)
    return chosen


def _free(starts: list[tuple[int, int]], ends: list[tuple[int, int]], region: Region) -> bool:
    """No taken interval overlaps `region` (taken intervals never overlap each other)."""
    start, end = (region.start_line, region.start_column), (region.end_line, region.end_column)
    at = bisect.bisect_left(starts, start)
    if at > 0 and ends[at - 1] > start:
        return False  # the interval before runs into this one
    return at == len(starts) or (starts[at] >= end and starts[at] != start)


def _expected_data(data: Any, intents: Sequence[FixIntent | None]) -> Any:
    """The data as the fixes mean to leave it; None when an intent cannot be placed."""
    expected = copy.deepcopy(data)
    removals: list[tuple[str | int, ...]] = []
    for intent in intents:
        if isinstance(intent, Replacement):
            parent = _parent(expected, intent.path)
            if parent is None:
                return None
            parent[intent.path[-1]] = intent.value
        elif isinstance(intent, Removal):
            if intent.path is not None:
                removals.append(intent.path)
        else:
            return None
    # Deepest and highest index first, so earlier removals never shift later ones.
    for path in sorted(removals, key=lambda p: (len(p), [str(part).zfill(12) for part in p]), reverse=True):
        parent = _parent(expected, path)
        if parent is None:
            return None
        del parent[path[-1]]
    return expected


def _parent(data: Any, path: tuple[str | int, ...]) -> Any:
    if not path:
        return None
    node = data
    try:
        for part in path[:-1]:
            node = node[part]
        node[path[-1]]
    except (KeyError, IndexError, TypeError):
        return None
    return node


def _write(state: FileState) -> str | None:
    """Write atomically; None on success, else why the file was left alone."""
    path = state.path
    try:
        status = path.stat()
        if content_digest(path.read_bytes()) != state.digest:
            return "the file changed while it was being fixed; run again"
        if not os.access(path, os.W_OK) or not status.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            return "the file is read-only"
        if status.st_nlink > 1:
            return f"the file has {status.st_nlink} hard links, which replacing it would split"
        if hasattr(os, "geteuid") and os.geteuid() != 0 and status.st_uid != os.geteuid():
            return "the file belongs to another user, and replacing it would make it yours"
        data = state.bom + state.current.encode(state.codec)
        # The owner and group stay as they were.
        write_and_rename(path, data, stat.S_IMODE(status.st_mode), (status.st_uid, status.st_gid))
    except OSError as error:
        return f"cannot write it: {error.strerror}"
    return None
