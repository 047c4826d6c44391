"""The text edits behind a fix, on every YAML shape a sequence item can take: what goes, what
stays, and the shapes where no fix is certain."""

from __future__ import annotations

import pytest

from exchange_lint.findings import Removal, Replacement
from exchange_lint.fixes import apply, realise
from exchange_lint.load import load_text

REMOVALS = [
    ("block", "a:\n  - x\n  - y  # why\n  - z\n", "a:\n  - x\n  - z\n"),
    ("block, last", "a:\n  - x\n  - y\n", "a:\n  - x\n"),
    (
        "block mapping item",
        "a:\n  - k: 1\n  - k: 2\n    j: 3\n  # next\n  - k: 4\n",
        "a:\n  - k: 1\n  # next\n  - k: 4\n",
    ),
    ("flow, middle", "a: [x, y, z]\n", "a: [x, z]\n"),
    ("flow, last", "a: [x, z, y]\n", "a: [x, z]\n"),
    ("flow, first", "a: [y, x]\n", "a: [x]\n"),
    ("flow, own line", "a: [\n  x,\n  y,\n  z\n]\n", "a: [\n  x,\n  z\n]\n"),
    ("flow, line end", "a: [x, y,\n    z]\n", "a: [x,\n    z]\n"),
    ("CRLF", "a:\r\n  - x\r\n  - y\r\n  - z\r\n", "a:\r\n  - x\r\n  - z\r\n"),
    (
        "a disable-file on the item stays",
        "a:\n  - k: 1\n  - k: 2  # exchange-lint: disable-file=EXL1 -- r\n    j: 3\n  - k: 4\n",
        "a:\n  - k: 1\n  # exchange-lint: disable-file=EXL1 -- r\n  - k: 4\n",
    ),
    (
        "a disable-file inside the item stays",
        "a:\n  - k: 1\n  - k: 2\n    # exchange-lint: disable-file=EXL1 -- r\n    j: 3\n  - k: 4\n",
        "a:\n  - k: 1\n    # exchange-lint: disable-file=EXL1 -- r\n  - k: 4\n",
    ),
    (
        "a line suppression on the item goes with it",
        "a:\n  - x\n  - y  # exchange-lint: disable=EXL1 -- r\n  - z\n",
        "a:\n  - x\n  - z\n",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in REMOVALS], ids=[case[0] for case in REMOVALS])
def test_removing_the_item_y(text: str, expected: str) -> None:
    document = load_text("f.yaml", text)
    index = document.data["a"].index({"k": 2, "j": 3} if "k: 2" in text else "y")
    region = document.spans[("a", index)].value
    fix = realise(Removal("remove y", region, region), document.lines, document.shared)
    assert fix is not None
    assert apply(text, fix.edits) == expected


NOT_CERTAIN = [
    ("the only flow item", "a: [y]\n", ("a", 0)),
    ("a comment between flow items", "a: [x,  # keep\n  y]\n", ("a", 1)),
    ("a trailing comma", "a: [x, y,]\n", ("a", 1)),
    ("nested block sequence", "a:\n- - y\n  - x\n", ("a", 0, 0)),
    ("inside an aliased list", "a: &l\n  - x\n  - y\nb: *l\n", ("a", 1)),
    ("an anchor an alias uses", "a:\n  - x\n  - &s y\nb: *s\n", ("a", 1)),
    # The suppression covers the line below it: with `y` gone, it would cover `z`.
    ("under a line suppression", "a:\n  - x\n  # exchange-lint: disable=EXL1 -- r\n  - y\n  - z\n", ("a", 1)),
]


@pytest.mark.parametrize(("text", "path"), [case[1:] for case in NOT_CERTAIN], ids=[case[0] for case in NOT_CERTAIN])
def test_no_fix_where_the_shape_is_not_certain(text: str, path: tuple[str | int, ...]) -> None:
    document = load_text("f.yaml", text)
    region = document.spans[path].value
    assert realise(Removal("remove y", region, region), document.lines, document.shared) is None


@pytest.mark.parametrize(
    ("written", "value", "expected"),
    [
        ('"*"', "*!*", '"*!*"'),
        ("'*'", "*!*", "'*!*'"),
        ("SMTP:*;1", "SMTP:*!*;1", "SMTP:*!*;1"),
        ("'it''s'", "it's ok", "'it''s ok'"),
        ("plain", "has: colon", '"has: colon"'),
    ],
)
def test_replacing_a_scalar_keeps_its_quoting(written: str, value: str, expected: str) -> None:
    text = f"a: {written}  # note\n"
    document = load_text("f.yaml", text)
    fix = realise(Replacement("narrow", document.spans[("a",)].value, value), document.lines)
    assert fix is not None
    assert apply(text, fix.edits) == f"a: {expected}  # note\n"


def test_overlapping_edits_are_refused() -> None:
    document = load_text("f.yaml", "a: [x, y]\n")
    item = document.spans[("a", 1)].value
    fix = realise(Replacement("r", item, "z"), document.lines)
    assert fix is not None
    assert apply("a: [x, y]\n", fix.edits) == "a: [x, z]\n"
    assert apply("a: [x, y]\n", [*fix.edits, *fix.edits]) is None
