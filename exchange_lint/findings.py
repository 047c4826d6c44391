"""The one vocabulary every stage shares: where something is, and what was found there.

Plain immutable records (`NamedTuple`): millions are made for a large file, and unlike
dataclasses they cost next to nothing to define, so a commit hook's start-up stays short."""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import cache
from typing import Any, NamedTuple


class Severity(str, enum.Enum):
    """How bad a finding is; ordered so that `rank` can compare against a fail level."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "note": 1}[self.value]


class Region(NamedTuple):
    """A span in a file, 1-based lines and columns; the end column is exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int) -> Region:
        return cls(line, column, line, column + 1)


FILE_START = Region(1, 1, 1, 2)


class Location(NamedTuple):
    """A place in a linted file.

    `anchor` names the place logically (``connectors[MS Mail Connector]/address_spaces[SMTP:*]``)
    so that fingerprints survive lines moving; `message` describes a related location.
    """

    path: str
    region: Region = FILE_START
    anchor: str = ""
    message: str = ""

    def labelled(self, message: str) -> Location:
        """The same place, described: what a related location says about itself."""
        return self._replace(message=message)


class Removal(NamedTuple):
    """A fix a rule asks for: delete one sequence item or mapping entry, from `start` (the item, or
    the entry's key) to the end of `end` (its value). `exchange_lint.fixes` turns it into text."""

    description: str
    start: Region
    end: Region
    # Where the item sits in the parsed data; None when the data does not change (a repeated key).
    # After fixing, the file is parsed again and must mean exactly this change, or it is not written.
    path: tuple[str | int, ...] | None = None


class Replacement(NamedTuple):
    """A fix a rule asks for: give the scalar at `region` the new value, keeping its quoting style."""

    description: str
    region: Region
    value: str
    path: tuple[str | int, ...] = ()  # the scalar's place in the parsed data (see Removal.path)


FixIntent = Removal | Replacement


class Edit(NamedTuple):
    """Replace the text in `region` (end exclusive; whole lines end at column 1 of the next) by `text`."""

    region: Region
    text: str


class Fix(NamedTuple):
    """A certain fix of one finding: text edits in the finding's own file, and what they mean for
    the parsed data (`intent`), which is checked before anything is written."""

    description: str
    edits: tuple[Edit, ...]
    intent: FixIntent | None = None


class Finding(NamedTuple):
    """One problem, ready to be filtered and reported."""

    rule_id: str
    rule_name: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Location, ...] = ()
    fix: Fix | None = None
    # What to do about it (the remedy, with its KB reference), apart from the one-sentence problem.
    hint: str = ""

    @property
    def fingerprint(self) -> str:
        """Stable across inserted lines: built from the rule, the file and the logical anchor."""
        anchor = self.location.anchor or f"@{self.location.region.start_line}"
        key = "\x1f".join((self.rule_id, self.location.path, anchor))
        # surrogatepass: a file name that is not UTF-8 arrives with surrogate escapes in its path
        return _sha256(key.encode("utf-8", "surrogatepass"))[:32]

    def sort_key(self) -> tuple[str, int, int, str, str]:
        region = self.location.region
        return (self.location.path, region.start_line, region.start_column, self.rule_id, self.message)


def _sha256(data: bytes) -> str:
    """SHA-256 hex digest; the same whichever implementation `_sha256_constructor` found."""
    digest: str = _sha256_constructor()(data).hexdigest()
    return digest


@cache
def _sha256_constructor() -> Callable[[bytes], Any]:
    """CPython's built-in SHA-256 when there is one, looked for once: `hashlib` loads OpenSSL
    first (3-5 ms, most of a one-file run's own start-up)."""
    try:
        from _sha256 import sha256  # type: ignore[import-not-found]  # CPython 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[import-not-found]  # CPython 3.12 and later
        except ImportError:
            from hashlib import sha256
    constructor: Callable[[bytes], Any] = sha256
    return constructor


class ToolNotification(NamedTuple):
    """Trouble in the linter itself (a rule that crashed, EXL901), not a finding in a file.

    `rule_id` is the rule that was running; SARIF reports it as a tool execution notification
    and marks the invocation unsuccessful.
    """

    rule_id: str
    message: str
    location: Location | None = None


def path_text(path: str) -> str:
    """A path as well-formed text for machine-read outputs (JSON, the baseline). The name of a file
    that is not UTF-8 arrives holding lone surrogates (Python's escapes for its bytes), which a
    UTF-8 writer refuses and JSON can only carry as escapes YAML parsers reject; its bytes are
    written `\\xff` instead."""
    if path.isascii():
        return path
    import os

    return os.fsencode(path).decode("utf-8", "backslashreplace")
