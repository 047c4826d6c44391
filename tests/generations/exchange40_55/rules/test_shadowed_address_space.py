"""EXL105 shadowed-address-space: on the address space the MTA never selects; the winner is related."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.shadowed_address_space import RULE
from tests.lint_helpers import TRADE, lint_findings, lint_text


def _related(src: str) -> list[list[tuple[int, int]]]:
    return [
        [(r.region.start_line, r.region.start_column) for r in f.related]
        for f in lint_findings(src)
        if f.rule_id == "EXL105"
    ]


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL105") == [(13, 22, "EXL105")]
    assert _related(RULE.doc.example) == [[(9, 22)]]  # IMS A's `*`, which wins on match class
    assert lint_text(RULE.doc.use_instead) == []


def test_the_same_pattern_dearer_on_an_always_active_gateway() -> None:
    src = TRADE + (
        '  - {name: IMS A, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        '  - {name: IMS B, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;5"]}\n'
    )
    assert lint_text(src, "EXL105") == [(7, 72, "EXL105")]
    assert _related(src) == [[(6, 72)]]


def test_site_connector_spaces_between_replicated_sites_never_reach_the_routing_table() -> None:
    src = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    connected_sites: [{name: PARIS, cost: 1, replicated: true}]
    address_spaces: ["X400:c=FR;a= ;p=Contoso;1"]
"""
    assert lint_text(src, "EXL105") == [(11, 22, "EXL105")]
    assert _related(src) == [[]]  # nothing wins over it: it is dropped
    assert lint_text(src.replace(", replicated: true", ""), "EXL105") == []


def test_a_dearer_site_to_site_route_is_a_real_backup() -> None:
    src = TRADE + (
        '  - {name: X.400 A, kind: x400, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Contoso;1"]}\n'
        '  - {name: X.400 B, kind: x400, server: TRADE, address_spaces: ["X400:c=US;a= ;p=Contoso;2"]}\n'
        '  - {name: "cc:Mail", kind: ccmail, server: TRADE, address_spaces: [{type: CCMAIL, address: ""}]}\n'
    )
    assert lint_text(src) == []
