"""EXL204 x500-address-space: on each `X500` address space of a 4.0-5.5 organization."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.x500_address_space import RULE
from tests.lint_helpers import lint_text

SRC = """\
version: 1
organization: Contoso
exchange: "5.5"
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: X.400 (TRADE)
    kind: x400
    server: TRADE
    connected_sites: [{name: LONDON, cost: 1}]
    address_spaces:
      - {type: X500, address: "/O=Contoso/OU=LONDON", cost: 1}
      - "X500:/O=Contoso/OU=LONDON/CN=Recipients;2"
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL204") == [(9, 22, "EXL204")]
    assert lint_text(RULE.doc.use_instead) == []


def test_every_x500_space_in_either_form() -> None:
    assert lint_text(SRC, "EXL204") == [(13, 9, "EXL204"), (14, 9, "EXL204")]


def test_directory_names_are_routed_as_ex() -> None:
    src = SRC.replace('X500, address: "/O', 'EX, address: "/O').replace('"X500:/O', '"EX:/O')
    assert lint_text(src) == []
