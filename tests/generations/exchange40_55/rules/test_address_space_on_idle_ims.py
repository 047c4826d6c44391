"""EXL108 address-space-on-idle-ims: on the first address space of an IMS that never sends;
its transfer mode is the related location."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.address_space_on_idle_ims import RULE
from tests.lint_helpers import TRADE, lint_findings, lint_text

SENDING = TRADE + (
    "  - name: IMS out\n"
    "    kind: internet_mail\n"
    "    server: TRADE\n"
    "    transfer_mode: outbound_only\n"
    '    address_spaces: ["SMTP:*;1"]\n'
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL108") == [(11, 22, "EXL108")]
    assert lint_text(RULE.doc.use_instead) == []


def test_an_ims_with_transfer_mode_none_is_reported_once() -> None:
    src = SENDING + (
        "  - name: IMS off\n"
        "    kind: internet_mail\n"
        "    server: TRADE\n"
        "    transfer_mode: none\n"
        '    address_spaces: ["SMTP:*@partner.example;1", "SMTP:*@other.example;1"]\n'
    )
    assert lint_text(src, "EXL108") == [(15, 22, "EXL108")]
    (finding,) = (f for f in lint_findings(src) if f.rule_id == "EXL108")
    assert [(r.region.start_line, r.region.start_column) for r in finding.related] == [(14, 20)]


def test_an_ims_that_sends_is_clean() -> None:
    assert lint_text(SENDING) == []
