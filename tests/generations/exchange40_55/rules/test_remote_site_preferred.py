"""EXL112 remote-site-preferred: on the site's own IMS address space that loses to a cheaper remote one."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.remote_site_preferred import RULE
from tests.lint_helpers import TRADE, lint_text

TWO_SITES = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: LONDON, servers: [LON1]}
connectors:
  - {name: Site Connector, kind: site, server: TRADE, connected_sites: [{name: LONDON, cost: 1}]}
  - name: IMS (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1", "SMTP:*@partner.example;5"]
  - name: IMS (LONDON)
    kind: internet_mail
    server: LON1
    address_spaces: ["SMTP:*;1", "SMTP:*@partner.example;1"]
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL112") == [(11, 78, "EXL112")]
    assert lint_text(RULE.doc.use_instead) == []


def test_only_the_space_that_loses_to_the_other_site() -> None:
    """TRADE's partner route costs 5 at home and 1 + 1 (the site link) through LONDON; each `*`
    stays at home (1 against 2)."""
    assert lint_text(TWO_SITES, "EXL112") == [(11, 34, "EXL112")]


def test_cheaper_at_home_site_scoped_remote_or_one_site_is_clean() -> None:
    assert lint_text(TWO_SITES.replace("partner.example;5", "partner.example;1")) == []
    site_scoped = TWO_SITES.replace(
        '["SMTP:*;1", "SMTP:*@partner.example;1"]',
        '["SMTP:*;1", {type: SMTP, address: "*@partner.example", scope: site}]',
    )
    assert lint_text(site_scoped) == []
    one_site = TRADE + (
        '  - {name: IMS 1, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;5"]}\n'
    )
    assert lint_text(one_site) == []
