"""EXL305 duplicate-site-name: one finding per name, on the first site; the others related."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.duplicate_site_name import RULE
from tests.lint_helpers import lint_findings, lint_text

SRC = """\
version: 1
organization: Contoso
sites:
  - name: TRADE
    servers: [TRADE]
  - {name: LONDON, servers: [LON1]}
  - {name: trade, servers: [TRADE2]}
  - {name: Trade, servers: [TRADE3]}
"""


def _related(src: str) -> list[list[tuple[int, int]]]:
    found = [f for f in lint_findings(src) if f.rule_id == "EXL305"]
    return [[(r.region.start_line, r.region.start_column) for r in f.related] for f in found]


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL305") == [(4, 12, "EXL305")]
    assert _related(RULE.doc.example) == [[(5, 12)]]
    assert lint_text(RULE.doc.use_instead) == []


def test_a_name_declared_three_times_without_case() -> None:
    assert lint_text(SRC, "EXL305") == [(4, 11, "EXL305")]
    assert _related(SRC) == [[(7, 12), (8, 12)]]


def test_distinct_site_names() -> None:
    assert lint_text(SRC.replace("name: trade", "name: PARIS").replace("name: Trade", "name: ROME")) == []
