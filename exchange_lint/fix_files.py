"""Apply findings' fixes to the files on disk, or show them as a diff.

The file is re-read and compared with what was linted (sha256) before anything is written, the
new text must parse as cleanly as the old, and the write is atomic (temporary file in the same
folder, permissions copied, rename): an interrupted or refused fix leaves the file as it was.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import os
import stat
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exchange_lint.findings import Edit, Finding
from exchange_lint.fixes import apply, split_lines
from exchange_lint.load import Document, decode, load_text

_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
)


@dataclass(frozen=True)
class FileChange:
    """One file's new text and the fixes that made it."""

    display: str
    path: Path
    digest: str
    before: str
    after: str
    fixes: tuple[Finding, ...]
    bom: bytes = b""
    codec: str = "utf-8"

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            fromfile=f"a/{self.display}",
            tofile=f"b/{self.display}",
        )
        missing = "\n\\ No newline at end of file\n"
        return "".join(line if line.endswith(("\n", "\r")) else line + missing for line in lines)


@dataclass
class FixPlan:
    changes: list[FileChange] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # why a file's fixes were not made


def plan_fixes(findings: Sequence[Finding], documents: dict[str, Document], cwd: Path) -> FixPlan:
    """The new text of every file with fixable findings; overlapping fixes wait for the next pass."""
    plan = FixPlan()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None and finding.location.path in documents:
            by_path.setdefault(finding.location.path, []).append(finding)
    for display in sorted(by_path):
        change = _plan_file(display, by_path[display], documents[display], cwd, plan.refused)
        if change is not None:
            plan.changes.append(change)
    return plan


def _plan_file(
    display: str, findings: list[Finding], document: Document, cwd: Path, refused: list[str]
) -> FileChange | None:
    path = Path(os.path.realpath(cwd / display))
    try:
        raw = path.read_bytes()
    except OSError as error:
        refused.append(f"{display}: not fixed, cannot read it again: {error.strerror}")
        return None
    digest = hashlib.sha256(raw).hexdigest()
    text, _ = decode(raw)
    if digest != document.digest or text is None:
        refused.append(f"{display}: not fixed, the file changed since it was linted; run again")
        return None
    contents = split_lines(text)[0]
    if contents[-1] == "":
        contents.pop()  # the break that ends the last line opens no new one
    if contents != document.lines:
        refused.append(f"{display}: not fixed, its line breaks cannot be placed with certainty")
        return None
    chosen: list[Finding] = []
    edits: list[Edit] = []
    for finding in findings:
        assert finding.fix is not None
        if apply(text, [*edits, *finding.fix.edits]) is not None:  # no overlap with fixes chosen so far
            chosen.append(finding)
            edits.extend(finding.fix.edits)
    after = apply(text, edits)
    if after is None or after == text:
        return None
    if _parse_problems(display, after) > _parse_problems(display, text):
        refused.append(f"{display}: not fixed, the fixed text would not parse cleanly (please report this)")
        return None
    bom, codec = next(((bom, codec) for bom, codec in _ENCODINGS if raw.startswith(bom)), (b"", "utf-8"))
    return FileChange(display, path, digest, text, after, tuple(chosen), bom, codec)


def _parse_problems(display: str, text: str) -> int:
    return sum(problem.rule_id == "EXL001" for problem in load_text(display, text).problems)


def write_change(change: FileChange) -> str | None:
    """Write atomically; None on success, else why the file was left alone."""
    data = change.bom + change.after.encode(change.codec)
    folder = change.path.parent
    try:
        if hashlib.sha256(change.path.read_bytes()).hexdigest() != change.digest:
            return f"{change.display}: not fixed, the file changed while it was being fixed; run again"
        mode = stat.S_IMODE(change.path.stat().st_mode)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{change.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
            os.replace(temporary, change.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        return f"{change.display}: not fixed, cannot write it: {error.strerror}"
    return None
