"""EXL302 unknown-site: on the connected site, or the routing test, naming a site nobody declares."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.unknown_site import RULE
from tests.lint_helpers import lint_text

SRC = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - name: X.400
    kind: x400
    server: TRADE
    connected_sites:
      - {name: PARIS, cost: 1}
      - {name: london, cost: 2}
routing_tests:
  - {from: PARIS, recipient: "SMTP:ann@example.com", expect: ndr}
  - {from: lon1, recipient: "SMTP:ann@example.com", expect: ndr}
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL302") == [(10, 23, "EXL302")]
    assert lint_text(RULE.doc.use_instead) == []


def test_an_undeclared_connected_site_and_routing_test_origin() -> None:
    """Names compare without case; a routing test may start at a server too."""
    assert lint_text(SRC, "EXL302") == [(11, 9, "EXL302"), (14, 5, "EXL302")]


def test_declared_sites_and_servers() -> None:
    assert lint_text(SRC.replace("PARIS", "TRADE"), "EXL302") == []
