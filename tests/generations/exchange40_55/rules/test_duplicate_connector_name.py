"""EXL303 duplicate-connector-name: one finding per name, on the first connector; the others related."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.duplicate_connector_name import RULE
from tests.lint_helpers import TRADE, lint_findings, lint_text

SRC = TRADE + (
    '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
    '  - {name: X.400, kind: x400, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Contoso;1"]}\n'
    '  - {name: ims, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@a.example;1"]}\n'
    '  - {name: x.400, kind: x400, server: TRADE, address_spaces: ["X400:c=FR;a= ;p=Contoso;1"]}\n'
    '  - {name: Ims, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@b.example;1"]}\n'
)


def _related(src: str) -> list[list[tuple[int, int]]]:
    found = [f for f in lint_findings(src) if f.rule_id == "EXL303"]
    return [[(r.region.start_line, r.region.start_column) for r in f.related] for f in found]


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL303") == [(6, 12, "EXL303")]
    assert _related(RULE.doc.example) == [[(7, 12)]]
    assert lint_text(RULE.doc.use_instead) == []


def test_names_clash_without_case_one_finding_per_name() -> None:
    assert lint_text(SRC, "EXL303") == [(6, 12, "EXL303"), (7, 12, "EXL303")]
    assert _related(SRC) == [[(8, 12), (10, 12)], [(9, 12)]]


def test_distinct_names() -> None:
    src = SRC.replace("name: ims", "name: IMS 2").replace("name: x.400", "name: X.400 2").replace("Ims", "IMS 3")
    assert lint_text(src, "EXL303") == []
