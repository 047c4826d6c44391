"""EXL413 connection-timeout-too-long: DISA STIG EX19-MB-000132 / EX16-ED-000190 and CIS 2.2.6 (Send
connector ConnectionInactivityTimeOut), DISA STIG EX16-MB-000550 and EX19-ED-000159 (Receive
connector ConnectionTimeout).

Source: https://stigviewer.com/stig/microsoft_exchange_2019_mailbox_server/2024-01-10/finding/V-259685
"""

from __future__ import annotations

import pytest

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.connection_timeout_too_long import RULE
from exchange_lint.quantities import BadValue, parse_timespan
from tests.lint_helpers import lint_findings, lint_text, profiled

SRC = HEADER + (
    "send_connectors:\n"
    "  - {name: Slow, source_transport_servers: [EX01], address_spaces: ['SMTP:*;1'],"
    " connection_inactivity_timeout: '00:10:01'}\n"
    "  - {name: Default, source_transport_servers: [EX01], address_spaces: ['SMTP:a.example;1']}\n"
    "receive_connectors:\n"
    "  - {name: Mailbox, server: EX01, bindings: ['0.0.0.0:2525'], connection_timeout: '00:10:00'}\n"
    "  - {name: Edge, server: EDGE01, bindings: ['0.0.0.0:25'], connection_timeout: '00:05:01'}\n"
    "  - {name: Day, server: EX01, bindings: ['0.0.0.0:26'], connection_timeout: '1.00:00:00'}\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL413", config=profiled("disa")) == [(13, 36, "EXL413"), (18, 25, "EXL413")]
    assert lint_text(RULE.doc.example, "EXL413", config=profiled("cis")) == [(13, 36, "EXL413")]
    assert lint_text(RULE.doc.use_instead, "EXL413", config=profiled("cis", "disa")) == []


def test_off_without_a_profile_send_under_both_receive_under_disa() -> None:
    assert lint_text(SRC, "EXL413") == []
    assert lint_text(SRC, "EXL413", config=profiled("cis")) == [(10, 113, "EXL413")]
    # the Mailbox connector at exactly 10 minutes passes; the Edge one a second over 5 does not
    assert lint_text(SRC, "EXL413", config=profiled("disa")) == [
        (10, 113, "EXL413"),
        (14, 80, "EXL413"),
        (15, 77, "EXL413"),
    ]


def test_messages_name_the_value_the_limit_and_the_source() -> None:
    found = [f.message for f in lint_findings(SRC, config=profiled("disa")) if f.rule_id == "EXL413"]
    assert "Send connector 'Slow' keeps idle connections open for 00:10:01; DISA STIG EX19-MB-000132" in found[0]
    assert "'Edge' keeps connections open for 00:05:01; the DISA STIG wants 00:05:00 or less on an Edge" in found[1]
    assert (
        "'Day' keeps connections open for 1.00:00:00; the DISA STIG wants 00:10:00 or less (EX16-MB-000550)" in found[2]
    )


@pytest.mark.parametrize(
    ("text", "seconds"), [("00:10:00", 600), (" 1.02:03:04 ", 93_784), ("0:0:1", 1), ("10.00:00:00", 864_000)]
)
def test_time_spans_as_the_cmdlets_write_them(text: str, seconds: int) -> None:
    assert parse_timespan(text) == seconds


@pytest.mark.parametrize("value", ["10", "00:60:00", "24:00:00", "00:10", 600, None, "1.2.00:00:00"])
def test_what_is_no_time_span_is_refused_with_the_form_expected(value: object) -> None:
    with pytest.raises(BadValue, match=r"time span .* (is not hh:mm:ss|is out of range)"):
        parse_timespan(value)


def test_an_unreadable_time_span_is_reported_once() -> None:
    """A shape the schema refuses is EXL002 alone; a right shape out of range is EXL206."""
    bad = SRC.replace("'00:10:01'", "'ten minutes'").replace("'1.00:00:00'", "'00:75:00'")
    assert [code for *_, code in lint_text(bad) if code in ("EXL002", "EXL206")] == ["EXL002", "EXL206"]
