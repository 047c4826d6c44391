"""Turn finished findings into one output format; reporters render, they never judge or filter.

Each format lives in its own module, imported only when asked for, so the default text output
never pays for `json` or the SARIF builder at start-up.

Names (files, sites, servers, connectors, organizations) and messages holding them are data anyone
can put in a pull request. Every output the linter makes shows them through `printable` here, the
one escaping (this module is loaded at start-up anyway, so it costs no import): a control character
must not drive a terminal, start a GitHub workflow command on a line of its own, or end a Markdown
fence. Formats with their own syntax escape for it after that (`escape_data` for workflow commands).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exchange_lint.findings import Finding, ToolNotification
    from exchange_lint.report.sarif import SuppressedFinding
    from exchange_lint.rules.api import Rule

FORMATS = ("text", "json", "sarif", "github")

# Bidirectional controls can make a terminal show text in an order other than its real one;
# U+2028 and U+2029 end a line for YAML and JavaScript (a Mermaid renderer).
_INVISIBLE = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029")
_NAMED = {"\n": "\\n", "\r": "\\r"}


def printable(text: str, keep: str = "") -> str:
    """`text` with control characters written as escapes (`\\n`, `\\x1b`, `\\u202e`), a TAB and
    the characters in `keep` excepted; printable text comes back unchanged."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        code = ord(char)
        if char == "\t" or char in keep or not (code < 0x20 or 0x7F <= code < 0xA0 or char in _INVISIBLE):
            out.append(char)
        elif char in _NAMED:
            out.append(_NAMED[char])
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out)


def escape_data(text: str) -> str:
    """Escape a GitHub workflow command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as data, and `:`/`,`, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
