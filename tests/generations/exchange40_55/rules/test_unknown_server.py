"""EXL301 unknown-server: on the connector's `server` value, or its name when it has no server and
the organization has several sites."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.unknown_server import RULE
from tests.lint_helpers import TRADE, lint_text

TWO_SITES = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - {name: Site Connector, kind: site, connected_sites: [{name: LONDON, cost: 1}]}
  - name: IMS (LONDON)
    kind: internet_mail
    server: LON2
    address_spaces: ["SMTP:*;1"]
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL301") == [(6, 46, "EXL301")]
    assert lint_text(RULE.doc.use_instead) == []


def test_no_server_among_several_sites_and_a_server_no_site_declares() -> None:
    assert lint_text(TWO_SITES, "EXL301") == [(7, 12, "EXL301"), (10, 13, "EXL301")]


def test_servers_match_without_case_and_one_site_needs_none() -> None:
    src = TWO_SITES.replace("kind: site,", "kind: site, server: trade,").replace("LON2", "lon1")
    assert lint_text(src, "EXL301") == []
    no_server = TRADE + '  - {name: IMS, kind: internet_mail, address_spaces: ["SMTP:*;1"]}\n'
    assert lint_text(no_server) == []
