"""EXL110 dda-fallback-loop: on each catch-all X.400 space, while some site has no SMTP route."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.dda_fallback_loop import RULE
from tests.lint_helpers import TRADE, lint_text

TWO_SITES = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: [{type: SMTP, address: "*", scope: site}]}
  - {name: X.400 A, kind: x400, server: LON1, address_spaces: ["X400:c=*;1"]}
  - {name: X.400 B, kind: x400, server: TRADE, address_spaces: [{type: X400, address: "c=*", cost: 5}]}
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL110") == [(14, 22, "EXL110")]
    assert lint_text(RULE.doc.use_instead) == []


def test_every_catch_all_is_reported_in_either_form() -> None:
    assert lint_text(TWO_SITES, "EXL110") == [(8, 64, "EXL110"), (9, 65, "EXL110")]


def test_no_finding_once_every_site_has_an_smtp_route_or_with_one_site() -> None:
    linked = TWO_SITES.replace("LON1, address", "LON1, connected_sites: [{name: TRADE, cost: 1}], address")
    # 43 characters more before X.400 A's space; the IMS is still for TRADE only
    assert lint_text(linked, "EXL110") == [(8, 64 + 43, "EXL110"), (9, 65, "EXL110")]
    assert lint_text(linked.replace(", scope: site", ""), "EXL110") == []  # now LONDON reaches it too
    one_site = TRADE + '  - {name: X.400, kind: x400, server: TRADE, address_spaces: ["X400:c=*;1"]}\n'
    assert lint_text(one_site) == []
