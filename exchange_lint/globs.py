"""Configuration globs (`include`, `exclude`, `per-file-ignores`), matched without backtracking.

gitignore-like: `*` and `?` stay inside one path segment, a `**` segment spans any number of them
(`exchange/**/*.yaml`), a pattern without a `/` matches at any depth, one ending in `/` matches
everything under a folder, and a folder a pattern matches takes everything under it along. A
`**` that is not a whole segment is a `*`, as in .gitignore.

Translated to a regular expression, `*a*a*a*a*a*a*a*a*b` or `**/**/**/**/x` made Python's
backtracking matcher take exponential time on a long name or a deep path (configuration comes
with the pull request). Here each `*` keeps only the leftmost place its next piece matches at,
which is always enough: matching takes time in proportion to the pattern's length times the path's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache


class _Segment:
    """One segment's glob: pieces between `*`s, each of fixed length (`?` is any one character)."""

    def __init__(self, glob: str) -> None:
        self.literal = glob if "*" not in glob and "?" not in glob else None
        self.pieces = [
            re.compile("".join("." if char == "?" else re.escape(char) for char in piece), re.DOTALL)
            for piece in glob.split("*")
        ]
        self.lengths = [len(piece) for piece in glob.split("*")]

    def matches(self, name: str) -> bool:
        if self.literal is not None:
            return name == self.literal
        if len(self.pieces) == 1:  # `?` and no `*`
            return self.pieces[0].fullmatch(name) is not None
        first, *middle, last = self.pieces
        if first.match(name) is None:
            return False
        at = self.lengths[0]
        for piece in middle:  # leftmost: a later place leaves the rest less room, never more
            found = piece.search(name, at)
            if found is None:
                return False
            at = found.end()
        end = len(name) - self.lengths[-1]
        return end >= at and last.match(name, end) is not None


_ANY_SEGMENTS = None  # a `**` segment: any number of whole segments, none included


@lru_cache(maxsize=256)
def _compile(pattern: str) -> tuple[tuple[_Segment, ...], ...]:
    """Runs of segment globs, to be found in this order with any number of segments between them
    and after the last; the first run is held to the path's start (empty when the pattern is not)."""
    pattern = pattern.strip()
    if pattern.startswith("./"):
        pattern = pattern[2:]
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    parts: list[_Segment | None] = [] if anchored else [_ANY_SEGMENTS]
    segments = pattern.split("/")
    for index, segment in enumerate(segments):
        if len(segment) > 1 and segment == "*" * len(segment):
            if index == len(segments) - 1:  # `folder/**`: something under the folder, however deep
                parts.append(_Segment("*"))
            parts.append(_ANY_SEGMENTS)
        else:
            parts.append(_Segment(segment))
    parts.append(_ANY_SEGMENTS)  # a folder that matches takes everything under it along
    runs: list[tuple[_Segment, ...]] = [()]
    for part in parts:
        if part is None:
            runs.append(())
        else:
            runs[-1] = (*runs[-1], part)
    return (runs[0], *(run for run in runs[1:] if run))


def _run_at(run: tuple[_Segment, ...], names: list[str], start: int) -> bool:
    return all(glob.matches(names[start + offset]) for offset, glob in enumerate(run))


def glob_matches(pattern: str, relative: str) -> bool:
    """Whether a path relative to the configuration's folder (`/`-separated; a folder ends in `/`)
    matches the glob."""
    first, *rest = _compile(pattern)
    names = relative.split("/")
    if len(first) > len(names) or not _run_at(first, names, 0):
        return False
    at = len(first)
    for run in rest:  # leftmost again, now with whole segments
        found = next((start for start in range(at, len(names) - len(run) + 1) if _run_at(run, names, start)), None)
        if found is None:
            return False
        at = found + len(run)
    return True


def matches(relative: str, patterns: Sequence[str]) -> bool:
    return any(glob_matches(pattern, relative) for pattern in patterns)
