"""EXL107 unused-msmail-gateway: on the gateway no address space of the connector leads to."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.unused_msmail_gateway import RULE
from tests.lint_helpers import TRADE, lint_text

MSMAIL = TRADE + (
    "  - name: MS Mail Connector (TRADE)\n"
    "    kind: msmail\n"
    "    server: TRADE\n"
    "    postoffice: CA/TCAHQPO\n"
    "    gateways:\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL107") == [(11, 9, "EXL107")]
    assert lint_text(RULE.doc.use_instead) == []


def test_att_needs_a_bang_path_space_and_x400_an_x400_space() -> None:
    src = MSMAIL + (
        "      - {type: ATT, postoffice: CA/ATTPO, access_components: true}\n"
        "      - {type: X400, postoffice: CA/X400PO, access_components: true}\n"
        '    address_spaces: ["MS:CA/*;1", "SMTP:*@attmail.example;1"]\n'
    )
    assert lint_text(src, "EXL107") == [(11, 9, "EXL107"), (12, 9, "EXL107")]


def test_gateways_with_their_address_spaces() -> None:
    src = MSMAIL + (
        "      - {type: ATT, postoffice: CA/ATTPO, access_components: true}\n"
        "      - {type: FAX, postoffice: CA/TCAHQPO}\n"
        '    address_spaces: ["MS:CA/*;1", "SMTP:*!*;2", "FAX:;1"]\n'
    )
    assert lint_text(src) == []
