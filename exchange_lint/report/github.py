"""GitHub Actions workflow commands: each finding becomes an annotation on the PR's lines."""

from __future__ import annotations

from collections.abc import Sequence

from exchange_lint.findings import Finding, Severity
from exchange_lint.report import escape_data, escape_property, printable

__all__ = ["escape_data", "escape_property", "render"]

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}
LINE_BREAKS = "\r\n"


def _annotation(finding: Finding) -> str:
    region = finding.location.region
    properties = [("file", finding.location.path), ("line", str(region.start_line)), ("col", str(region.start_column))]
    # GitHub rejects an annotation with columns on a multi-line span ("omit if start_line and end_line
    # differ"), so a multi-line span is annotated at its start, the point the text output names too.
    if region.end_line == region.start_line:
        properties += [("endLine", str(region.end_line)), ("endColumn", str(region.end_column))]
    properties.append(("title", f"{finding.rule_id} {finding.rule_name}"))
    # A message keeps its own line breaks: the annotation shows them, and escaped they start no command.
    message = printable(finding.message, keep=LINE_BREAKS)
    for related in finding.related:
        where = f"{printable(related.path)}:{related.region.start_line}:{related.region.start_column}"
        note = printable(related.message, keep=LINE_BREAKS) or "related location"
        message += f"\n{where}: note: {note}"
    if finding.hint:
        message += f"\nhint: {printable(finding.hint, keep=LINE_BREAKS)}"
    joined = ",".join(f"{key}={escape_property(printable(value))}" for key, value in properties)
    return f"::{COMMAND[finding.severity]} {joined}::{escape_data(message)}"


def render(findings: Sequence[Finding]) -> str:
    return "".join(f"{_annotation(finding)}\n" for finding in findings)
