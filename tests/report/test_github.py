"""GitHub workflow-command annotations, and the runner's escaping rules."""

from __future__ import annotations

from exchange_lint.findings import Finding, Location, Region, Severity
from exchange_lint.report import render
from exchange_lint.report.github import escape_data, escape_property
from tests.report.conftest import CRASH, FINDINGS, RULES, SMTP_WITHOUT_GATEWAY


def _github(*findings: Finding) -> str:
    return render("github", findings, RULES, tool_version="0.1.0")


def test_one_annotation_per_finding() -> None:
    lines = _github(*FINDINGS).splitlines()
    assert lines == [
        "::error file=org/trade.yaml,line=28,col=9,endLine=28,endColumn=19,"
        "title=EXL101 msmail-smtp-without-gateway::" + SMTP_WITHOUT_GATEWAY.message,
        "::warning file=org/trade.yaml,line=28,col=9,endLine=28,endColumn=19,title=EXL103 ambiguous-route::"
        "SMTP:user1@domain1.com from TRADE is load-balanced between 2 connectors."
        "%0Aorg/trade.yaml:15:5: note: Internet Mail Service (TRADE)"
        "%0Aorg/other site.yaml:3:7: note: related location"
        "%0Ahint: give the routes [different] costs",
        "::notice file=org/z.yaml,line=1,col=1,endLine=1,endColumn=2,title=EXL901 rule-crashed::" + CRASH.message,
    ]
    assert _github() == ""


def test_escaping_of_messages_and_properties() -> None:
    finding = Finding(
        "EXL101",
        "msmail-smtp-without-gateway",
        Severity.ERROR,
        "100% of SMTP:*, cost 1\r\nsecond line",
        Location("odd dir/a:b,c%d.yaml", Region(4, 2, 4, 8)),
    )
    assert _github(finding) == (
        "::error file=odd dir/a%3Ab%2Cc%25d.yaml,line=4,col=2,endLine=4,endColumn=8,"
        "title=EXL101 msmail-smtp-without-gateway::100%25 of SMTP:*, cost 1%0D%0Asecond line\n"
    )
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    assert escape_property("%3A") == "%253A"  # escaping `%` first keeps an escape from being read twice


def test_a_multi_line_span_is_annotated_at_its_start() -> None:
    # GitHub rejects columns on a multi-line annotation; the start point keeps the column.
    finding = Finding("EXL101", "x", Severity.WARNING, "m", Location("a.yaml", Region(3, 5, 6, 1)))
    assert _github(finding) == "::warning file=a.yaml,line=3,col=5,title=EXL101 x::m\n"
