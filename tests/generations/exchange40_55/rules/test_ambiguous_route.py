"""EXL103 ambiguous-route: one finding per tie, on the route that cannot deliver if there is one,
else on the first tied route; the other tied routes are related locations."""

from __future__ import annotations

from exchange_lint.findings import Finding
from exchange_lint.generations.exchange40_55.rules.ambiguous_route import RULE
from tests.lint_helpers import TRADE, lint_findings, lint_text


def _related(found: list[Finding]) -> list[list[tuple[int, int]]]:
    return [[(r.region.start_line, r.region.start_column) for r in f.related] for f in found if f.rule_id == "EXL103"]


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL103") == [(9, 22, "EXL103")]
    assert _related(lint_findings(RULE.doc.example)) == [[(13, 22)]]
    assert lint_text(RULE.doc.use_instead) == []


def test_three_routes_tied_make_one_finding() -> None:
    src = TRADE + (
        '  - {name: A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: B, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: C, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
    )
    assert lint_text(src, "EXL103") == [(6, 68, "EXL103")]
    assert _related(lint_findings(src)) == [[(7, 68), (8, 68)]]


def test_the_finding_sits_on_the_route_that_cannot_deliver() -> None:
    src = TRADE + (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: "cc:Mail", kind: ccmail, server: TRADE, address_spaces: ["CCMAIL:*;1", "SMTP:*;1"]}\n'
    )
    assert lint_text(src, "EXL103") == [(7, 83, "EXL103")]
    assert _related(lint_findings(src)) == [[(6, 70)]]


def test_an_x400_connector_and_a_gateway_on_the_same_x400_space() -> None:
    src = TRADE + (
        '  - {name: X.400, kind: x400, server: TRADE, address_spaces: ["X400:c=*;1"]}\n'
        '  - {name: Notes, kind: notes, server: TRADE, address_spaces: ["NOTES:*;1", "X400:c=*;1"]}\n'
    )
    assert lint_text(src, "EXL103") == [(7, 77, "EXL103")]


def test_locality_cost_and_match_class_each_decide() -> None:
    """From TRADE its own IMS wins, from TRADE2 its own; the partner space is more specific; the
    X.400 routes differ in cost."""
    src = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE, TRADE2]}
connectors:
  - {name: IMS 1, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS 2, kind: internet_mail, server: TRADE2, address_spaces: ["SMTP:*;1"]}
  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
  - {name: X.400 A, kind: x400, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Contoso;1"]}
  - {name: X.400 B, kind: x400, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Contoso;2"]}
"""
    assert lint_text(src) == []
