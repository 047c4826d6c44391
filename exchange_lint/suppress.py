"""Inline suppressions read from the raw lines: `# exchange-lint: disable=EXL103 -- reason`.

`disable` covers findings on its own line, or, written alone on a line, on the line below;
`disable-file` covers the whole file. Codes are rule IDs, ID prefixes (`EXL1`) or rule names.
A suppression that covers nothing is reported (EXL005), and so is one without a reason when the
configuration requires reasons (EXL006).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from exchange_lint.findings import Finding, Region

_DIRECTIVE = re.compile(r"(?:^|\s)#\s*exchange-lint:\s*(?P<body>.*)$")
_CODE = r"[A-Za-z0-9_][A-Za-z0-9_\-]*?"
_BODY = re.compile(
    rf"^(?P<kind>disable|disable-file)\s*=\s*(?P<codes>{_CODE}(?:\s*,\s*{_CODE})*)\s*(?:--\s*(?P<reason>.*?))?\s*$"
)


class Suppression:
    """One directive: where it is, what it covers, why; `used` once it has suppressed a finding."""

    __slots__ = ("codes", "column", "end_column", "line", "own_line", "path", "problem", "reason", "used", "whole_file")

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        end_column: int,
        *,
        whole_file: bool,
        codes: tuple[str, ...],
        reason: str,
        own_line: bool,
        problem: str = "",  # set when the directive cannot be read
    ) -> None:
        self.path, self.line, self.column, self.end_column = path, line, column, end_column
        self.whole_file, self.codes, self.reason, self.own_line = whole_file, codes, reason, own_line
        self.problem = problem
        self.used = False

    @property
    def region(self) -> Region:
        return Region(self.line, self.column, self.line, self.end_column)

    def covers(self, finding: Finding) -> bool:
        if self.problem or finding.location.path != self.path:
            return False
        line = finding.location.region.start_line
        if not self.whole_file and line != self.line and not (self.own_line and line == self.line + 1):
            return False
        return any(
            finding.rule_id.startswith(code.upper()) or code.casefold() == finding.rule_name for code in self.codes
        )


def parse_suppressions(path: str, lines: Sequence[str]) -> list[Suppression]:
    found = []
    for number, text in enumerate(lines, start=1):
        if "exchange-lint:" not in text:
            continue
        directive = _DIRECTIVE.search(text)
        if directive is None:
            continue
        start = text.index("#", directive.start())
        own_line = text[:start].strip() == ""
        body = _BODY.match(directive["body"])
        where = (path, number, start + 1, len(text.rstrip()) + 1)
        if body is None:
            found.append(
                Suppression(
                    *where,
                    whole_file=False,
                    codes=(),
                    reason="",
                    own_line=own_line,
                    problem=f"cannot read the suppression `{directive['body'].strip()}`",
                )
            )
            continue
        codes = tuple(code.strip() for code in body["codes"].split(",") if code.strip())
        found.append(
            Suppression(
                *where,
                whole_file=body["kind"] == "disable-file",
                codes=codes,
                reason=(body["reason"] or "").strip(),
                own_line=own_line,
            )
        )
    return found


class Suppressed(NamedTuple):
    finding: Finding
    by: Suppression


class Outcome(NamedTuple):
    kept: list[Finding]
    suppressed: list[Suppressed]


def apply(findings: Iterable[Finding], suppressions: dict[str, list[Suppression]]) -> Outcome:
    """Split findings into kept and suppressed; marks the suppressions that did something."""
    outcome = Outcome([], [])
    for finding in findings:
        by = next((s for s in suppressions.get(finding.location.path, ()) if s.covers(finding)), None)
        if by is None:
            outcome.kept.append(finding)
        else:
            by.used = True
            outcome.suppressed.append(Suppressed(finding, by))
    return outcome
