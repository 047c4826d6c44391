"""EXL203 invalid-msmail-address-space: on the MS Mail address space that MS Mail cannot hold."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.invalid_msmail_address_space import RULE
from tests.lint_helpers import TRADE, lint_text

MSMAIL = TRADE + (
    "  - name: MS Mail Connector (TRADE)\n"
    "    kind: msmail\n"
    "    server: TRADE\n"
    "    postoffice: CA/TCAHQPO\n"
    "    address_spaces:\n"
)


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL203") == [(10, 22, "EXL203"), (10, 37, "EXL203")]
    assert lint_text(RULE.doc.use_instead) == []


def test_each_kind_of_problem() -> None:
    src = MSMAIL + (
        '      - "MS:CA/PO/ANN/X;1"\n'  # four components
        '      - "MS:CA/POSTOFFICE12/*;1"\n'  # a post office over 10 characters
        '      - "MS:CA-EAST/*;1"\n'  # a character other than letters and digits
        '      - "MS:fax/*;1"\n'  # a reserved network name, whatever its case
        '      - {type: MS, address: "LONGNETWORK*/*"}\n'  # 11 literal characters beside the wildcard
    )
    assert lint_text(src, "EXL203") == [(line, 9, "EXL203") for line in range(11, 16)]


def test_valid_patterns() -> None:
    src = MSMAIL + (
        '      - "MS:CA/*;1"\n'
        '      - "MS:CB/TCAHQPO/*;1"\n'
        '      - "MS:CC/PO%/*;1"\n'
        '      - "MS:*;5"\n'
        '      - {type: MS, address: "", cost: 9}\n'
    )
    assert lint_text(src, "EXL203") == []
