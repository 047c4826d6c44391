"""Turn finished findings into one output format; reporters render, they never judge or filter.

Each format lives in its own module, imported only when asked for, so the default text output
never pays for `json` or the SARIF builder at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exchange_lint.findings import Finding, ToolNotification
    from exchange_lint.report.sarif import SuppressedFinding
    from exchange_lint.rules.api import Rule

FORMATS = ("text", "json", "sarif", "github")


def render(
    fmt: str,
    findings: Sequence[Finding],
    rules: Sequence[Rule],
    *,
    color: bool = False,
    sources: Mapping[str, Sequence[str]] | None = None,
    tool_version: str,
    notifications: Sequence[ToolNotification] = (),
    automation_id: str | None = None,
    suppressed: Sequence[SuppressedFinding] = (),
) -> str:
    """Render `findings` (already filtered and sorted) as `fmt`; write the result as is.

    Every format returns whole lines, each ending in a newline (`github` with no findings
    returns the empty string). `color` and `sources` (path -> file lines) only affect `text`;
    `notifications`, `automation_id` and `suppressed` only `sarif`.
    """
    if fmt == "text":
        from exchange_lint.report import text

        return text.render(findings, color=color, sources=sources)
    if fmt == "json":
        from exchange_lint.report import json as json_report

        return json_report.render(findings)
    if fmt == "sarif":
        from exchange_lint.report import sarif

        return sarif.render(
            findings,
            rules,
            tool_version=tool_version,
            notifications=notifications,
            automation_id=automation_id,
            suppressed=suppressed,
        )
    if fmt == "github":
        from exchange_lint.report import github

        return github.render(findings)
    raise ValueError(f"unknown output format {fmt!r}; expected one of: {', '.join(FORMATS)}")
