"""EXL206 invalid-value: Set-SendConnector -MaxMessageSize and New-ReceiveConnector -Bindings/-RemoteIPRanges.

Source: https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.invalid_value import RULE
from tests.lint_helpers import lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL206") == [(13, 23, "EXL206"), (18, 24, "EXL206")]
    assert lint_text(RULE.doc.use_instead, "EXL206") == []


def test_each_notation_that_cannot_be_read() -> None:
    src = HEADER + (
        "receive_connectors:\n"
        "  - name: R\n"
        "    server: EX01\n"
        '    bindings: ["10.0.0.11:99999", "::1:25"]\n'
        '    remote_ip_ranges: ["10.0.0.9-10.0.0.1"]\n'
        "routing_tests:\n"
        "  - {from: HQ, recipient: a@b.example, expect: ndr, size: lots}\n"
    )
    assert lint_text(src, "EXL206") == [(12, 16, "EXL206"), (12, 35, "EXL206"), (13, 24, "EXL206"), (15, 59, "EXL206")]


def test_what_the_cmdlets_write_is_read() -> None:
    src = HEADER + (
        "send_connectors:\n"
        "  - {name: S, source_transport_servers: [EX01], address_spaces: ['SMTP:*;1'],"
        " max_message_size: '35 MB (36,700,160 bytes)'}\n"
        "receive_connectors:\n"
        '  - {name: R, server: EX01, bindings: ["[::]:25", "10.0.0.11:587"],'
        ' remote_ip_ranges: ["fe80::1-fe80::ff", "10.1.0.0/16"]}\n'
    )
    assert lint_text(src, "EXL206") == []
