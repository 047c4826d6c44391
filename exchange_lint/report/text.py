"""The default, human output: `path:line:col: ID [severity] message`, then a summary line.

With color (a TTY), the rule ID and severity are colored and the offending source line is shown
with a caret under the column, the way ruff and rustc do it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from exchange_lint.findings import Finding, Location, Region, Severity
from exchange_lint.report import printable

RESET = "\x1b[0m"
BOLD = "\x1b[1m"
GUTTER = "\x1b[1;34m"
SEVERITY_COLOR = {
    Severity.ERROR: "\x1b[1;31m",
    Severity.WARNING: "\x1b[1;33m",
    Severity.NOTE: "\x1b[1;36m",
}


def _position(location: Location) -> str:
    region = location.region
    return f"{printable(location.path)}:{region.start_line}:{region.start_column}"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color else text


def _snippet(region: Region, lines: Sequence[str], severity: Severity) -> list[str]:
    """The source line under a gutter, with carets under the region (to its line's end)."""
    if not 1 <= region.start_line <= len(lines):
        return []
    source = printable(lines[region.start_line - 1].rstrip("\r\n"))
    start = max(region.start_column, 1) - 1
    single_line = region.end_line == region.start_line
    width = max(region.end_column - region.start_column if single_line else len(source) - start, 1)
    # Tabs stay tabs under the caret so that it lines up however the terminal expands them.
    lead = "".join("\t" if char == "\t" else " " for char in source[:start])
    lead += " " * (start - len(lead))
    number = str(region.start_line)
    pad = " " * len(number)
    bar = _paint("|", GUTTER, True)
    return [
        f"{_paint(pad, GUTTER, True)} {bar}",
        f"{_paint(number, GUTTER, True)} {bar} {source}".rstrip(),
        f"{_paint(pad, GUTTER, True)} {bar} {lead}{_paint('^' * width, SEVERITY_COLOR[severity], True)}",
    ]


def _summary(findings: Sequence[Finding]) -> str:
    if not findings:
        return "All checked: no problems found."
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1

    def plural(count: int, word: str) -> str:
        return f"{count} {word}{'' if count == 1 else 's'}"

    return (
        f"Found {plural(len(findings), 'problem')} ({plural(counts[Severity.ERROR], 'error')}, "
        f"{plural(counts[Severity.WARNING], 'warning')}, {plural(counts[Severity.NOTE], 'note')})."
    )


def render(
    findings: Sequence[Finding],
    *,
    color: bool = False,
    sources: Mapping[str, Sequence[str]] | None = None,
) -> str:
    out: list[str] = []
    for finding in findings:
        tint = SEVERITY_COLOR[finding.severity]
        rule_id = _paint(finding.rule_id, tint, color)
        severity = _paint(f"[{finding.severity.value}]", tint, color)
        position = _paint(_position(finding.location), BOLD, color)
        out.append(f"{position}: {rule_id} {severity} {printable(finding.message)}")
        if color and sources is not None and finding.location.path in sources:
            out.extend(_snippet(finding.location.region, sources[finding.location.path], finding.severity))
        for related in finding.related:
            note = _paint("note", BOLD, color)
            message = printable(related.message) or "related location"
            out.append(f"    {_position(related)}: {note}: {message}")
        if finding.hint:
            out.append(f"    {_paint('hint', BOLD, color)}: {printable(finding.hint)}")
        if finding.fix is not None:
            out.append(f"    {_paint('fix', BOLD, color)}: {printable(finding.fix.description)}")
    fixable = sum(finding.fix is not None for finding in findings)
    if fixable:
        out.append(f"{fixable} fixable with `exchange-lint check --fix` (see them first with `--diff`).")
    out.append(_summary(findings))  # always the last line
    return "\n".join(out) + "\n"
