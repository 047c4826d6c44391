"""The text report: exact lines, the summary, and the colored caret display."""

from __future__ import annotations

from exchange_lint.findings import Finding, Location, Region, Severity
from exchange_lint.report import render
from tests.report.conftest import CRASH, FINDINGS, PATH, RULES, SMTP_WITHOUT_GATEWAY, SOURCE, TIE_WITH_IMS

RED, YELLOW, BOLD, BLUE, RESET = "\x1b[1;31m", "\x1b[1;33m", "\x1b[1m", "\x1b[1;34m", "\x1b[0m"


def _text(findings: tuple[Finding, ...], **options: object) -> str:
    return render("text", findings, RULES, tool_version="0.1.0", **options)  # type: ignore[arg-type]


def test_one_line_per_finding_with_related_locations_then_a_summary() -> None:
    assert _text(FINDINGS) == (
        "org/trade.yaml:28:9: EXL101 [error] SMTP address space `*` on MS Mail Connector (TRADE) has no SMTP gateway"
        " [Q169117]\n"
        "org/trade.yaml:28:9: EXL103 [warning] SMTP:user1@domain1.com from TRADE is load-balanced between"
        " 2 connectors.\n"
        "    org/trade.yaml:15:5: note: Internet Mail Service (TRADE)\n"
        "    org/other site.yaml:3:7: note: related location\n"
        "    hint: give the routes [different] costs\n"
        "org/z.yaml:1:1: EXL901 [note] rule EXL105 (shadowed-address-space) crashed:"
        " ZeroDivisionError: division by zero\n"
        "Found 3 problems (1 error, 1 warning, 1 note).\n"
    )


def test_summary_counts_and_plurals() -> None:
    assert _text(()) == "All checked: no problems found.\n"
    assert _text((SMTP_WITHOUT_GATEWAY,)).splitlines()[-1] == "Found 1 problem (1 error, 0 warnings, 0 notes)."
    both = (SMTP_WITHOUT_GATEWAY, SMTP_WITHOUT_GATEWAY, CRASH)
    assert _text(both).splitlines()[-1] == "Found 3 problems (2 errors, 0 warnings, 1 note)."


def test_color_with_sources_shows_the_line_and_a_caret_under_the_region() -> None:
    out = _text((SMTP_WITHOUT_GATEWAY,), color=True, sources={PATH: SOURCE})
    assert out.splitlines()[:4] == [
        f"{BOLD}org/trade.yaml:28:9{RESET}: {RED}EXL101{RESET} {RED}[error]{RESET} {SMTP_WITHOUT_GATEWAY.message}",
        f"{BLUE}  {RESET} {BLUE}|{RESET}",
        f"{BLUE}28{RESET} {BLUE}|{RESET}       - type: SMTP",
        f"{BLUE}  {RESET} {BLUE}|{RESET}         {RED}^^^^^^^^^^{RESET}",
    ]


def test_color_marks_related_notes_and_warnings() -> None:
    lines = _text((TIE_WITH_IMS,), color=True).splitlines()
    assert lines[0].startswith(f"{BOLD}org/trade.yaml:28:9{RESET}: {YELLOW}EXL103{RESET} {YELLOW}[warning]{RESET} ")
    assert lines[1] == f"    org/trade.yaml:15:5: {BOLD}note{RESET}: Internet Mail Service (TRADE)"


def test_no_source_line_without_color_or_without_the_file() -> None:
    plain = _text((SMTP_WITHOUT_GATEWAY,), sources={PATH: SOURCE})
    assert plain == _text((SMTP_WITHOUT_GATEWAY,))
    other_file = _text((SMTP_WITHOUT_GATEWAY,), color=True, sources={"elsewhere.yaml": SOURCE})
    assert "|" not in other_file
    beyond_the_end = Finding("EXL101", "x", Severity.ERROR, "m", Location(PATH, Region(99, 1, 99, 2)))
    assert "|" not in _text((beyond_the_end,), color=True, sources={PATH: SOURCE})


def test_caret_keeps_tabs_and_runs_to_the_end_of_a_multi_line_region() -> None:
    finding = Finding("EXL101", "x", Severity.ERROR, "m", Location("a.yaml", Region(1, 4, 3, 1)))
    lines = _text((finding,), color=True, sources={"a.yaml": ["\tab: cdef\r\n", "x\n"]}).splitlines()
    assert lines[2] == f"{BLUE}1{RESET} {BLUE}|{RESET} \tab: cdef"
    assert lines[3] == f"{BLUE} {RESET} {BLUE}|{RESET} \t  {RED}^^^^^^{RESET}"


def test_control_characters_from_the_file_cannot_drive_the_terminal() -> None:
    message = "name \x1b[2Jcleared\nsecond line \u202eevil"
    finding = Finding("EXL101", "x", Severity.ERROR, message, Location("a\x07.yaml", Region(1, 1, 1, 2)))
    first = _text((finding,)).splitlines()[0]
    assert first == "a\\x07.yaml:1:1: EXL101 [error] name \\x1b[2Jcleared\\nsecond line \\u202eevil"
