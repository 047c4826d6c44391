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
    # `::1:25` (no brackets) and `lots` are refused by the schema's pattern: EXL002's, not EXL206's.
    assert lint_text(src, "EXL206") == [(12, 16, "EXL206"), (13, 24, "EXL206")]


def test_one_finding_for_one_value_whichever_check_refuses_it() -> None:
    """The schema's loose pattern (EXL002) and the exact reading (EXL206) never both report a value."""
    refused_shape = HEADER + (
        "receive_connectors:\n"
        '  - {name: R, server: EX01, bindings: ["0.0.0.0"], remote_ip_ranges: ["10.0.0.0/eight"]}\n'
        "send_connectors:\n"
        "  - {name: S, source_transport_servers: [EX01], address_spaces: ['SMTP:*;1'],"
        " max_message_size: 35 megabytes}\n"
    )
    assert lint_text(refused_shape) == [(10, 40, "EXL002"), (10, 71, "EXL002"), (12, 97, "EXL002")]
    right_shape = refused_shape.replace('"0.0.0.0"', '"0.0.0.0:70000"').replace("/eight", "/33")
    right_shape = right_shape.replace("35 megabytes", "'35,5 MB'")
    assert lint_text(right_shape) == [(10, 40, "EXL206"), (10, 77, "EXL206"), (12, 97, "EXL206")]


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
