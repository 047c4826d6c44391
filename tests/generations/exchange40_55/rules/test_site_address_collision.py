"""EXL109 site-address-collision: on the X.400 address space inside a site's own X.400 address;
that address is the related location."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.site_address_collision import RULE
from tests.lint_helpers import lint_findings, lint_text

LINKED = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE], x400_address: "c=US;a= ;p=Contoso;o=TRADE"}
  - {name: PARIS, servers: [PARIS1], x400_address: "c=US;a= ;p=Contoso;o=PARIS"}
  - {name: LAB, servers: [LAB1]}
connectors:
  - name: X.400 (TRADE)
    kind: x400
    server: TRADE
    connected_sites: [{name: PARIS, cost: 1}]
    address_spaces: ["X400:c=US;a= ;p=Contoso;o=PARIS;1", "X400:c=US;a= ;p=Contoso;o=*;2"]
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL109") == [(9, 22, "EXL109")]
    (finding,) = (f for f in lint_findings(RULE.doc.example) if f.rule_id == "EXL109")
    assert [(r.region.start_line, r.region.start_column) for r in finding.related] == [(4, 51)]
    assert lint_text(RULE.doc.use_instead) == []


def test_inside_another_site_the_connector_does_not_lead_to() -> None:
    src = LINKED + (
        "  - name: Partner link (TRADE)\n"
        "    kind: x400\n"
        "    server: TRADE\n"
        '    address_spaces: ["X400:c=US;a= ;p=Contoso;o=PARIS;ou1=SALES;1"]\n'
    )
    assert lint_text(src, "EXL109") == [(16, 22, "EXL109")]
    (finding,) = (f for f in lint_findings(src) if f.rule_id == "EXL109")
    assert [(r.region.start_line, r.region.start_column) for r in finding.related] == [(5, 52)]


def test_a_connected_sites_address_and_wildcards_are_no_collision() -> None:
    assert lint_text(LINKED, "EXL109") == []
