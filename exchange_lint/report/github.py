"""GitHub Actions workflow commands: each finding becomes an annotation on the PR's lines."""

from __future__ import annotations

from collections.abc import Sequence

from exchange_lint.findings import Finding, Severity

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, and `:`/`,`, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _annotation(finding: Finding) -> str:
    region = finding.location.region
    properties = [("file", finding.location.path), ("line", str(region.start_line)), ("col", str(region.start_column))]
    # GitHub rejects an annotation with columns on a multi-line span ("omit if start_line and end_line
    # differ"), so a multi-line span is annotated at its start, the point the text output names too.
    if region.end_line == region.start_line:
        properties += [("endLine", str(region.end_line)), ("endColumn", str(region.end_column))]
    properties.append(("title", f"{finding.rule_id} {finding.rule_name}"))
    message = finding.message
    for related in finding.related:
        where = f"{related.path}:{related.region.start_line}:{related.region.start_column}"
        message += f"\n{where}: note: {related.message or 'related location'}"
    if finding.hint:
        message += f"\nhint: {finding.hint}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{COMMAND[finding.severity]} {joined}::{escape_data(message)}"


def render(findings: Sequence[Finding]) -> str:
    return "".join(f"{_annotation(finding)}\n" for finding in findings)
