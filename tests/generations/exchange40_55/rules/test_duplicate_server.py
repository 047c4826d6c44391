"""EXL306 duplicate-server: one finding per server name, on its first listing; the others related."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.duplicate_server import RULE
from tests.lint_helpers import lint_findings, lint_text

SRC = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - name: LONDON
    servers:
      - LON1
      - LON2
      - lon1
"""


def _related(src: str) -> list[list[tuple[int, int]]]:
    found = [f for f in lint_findings(src) if f.rule_id == "EXL306"]
    return [[(r.region.start_line, r.region.start_column) for r in f.related] for f in found]


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL306") == [(4, 29, "EXL306")]
    assert _related(RULE.doc.example) == [[(5, 37)]]
    assert lint_text(RULE.doc.use_instead) == []


def test_twice_in_one_site_without_case() -> None:
    assert lint_text(SRC, "EXL306") == [(7, 9, "EXL306")]
    assert _related(SRC) == [[(9, 9)]]


def test_distinct_servers() -> None:
    assert lint_text(SRC.replace("- lon1", "- LON3")) == []
