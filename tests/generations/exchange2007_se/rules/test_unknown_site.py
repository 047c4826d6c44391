"""EXL302 unknown-site (2007–SE): site links join AD sites, an Edge subscription names its AD site
(New-EdgeSubscription -Site), routing tests start at a site or server.

Sources: https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection,
https://learn.microsoft.com/powershell/module/exchange/new-edgesubscription
"""

from __future__ import annotations

from tests.generations.exchange2007_se.org_text import HQ_BRANCH
from tests.lint_helpers import lint_text

CONNECTOR = '  - {name: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}\n'
BAD = (
    HQ_BRANCH.replace("[HQ, BRANCH]", "[HQ, BRANCHH]").replace(
        "edge_subscriptions: []", "edge_subscriptions:\n  - {edge: EDGE01, site: HQQ}"
    )
    + CONNECTOR
    + """\
routing_tests:
  - {from: NOWHERE, recipient: "SMTP:a@example.com", expect: Internet}
"""
)


def test_bad_site_link_subscription_and_routing_test_origin() -> None:
    assert lint_text(BAD, "EXL302") == [(8, 18, "EXL302"), (13, 26, "EXL302"), (17, 5, "EXL302")]


def test_good_declared_sites_without_case_and_an_edge_as_origin() -> None:
    good = BAD.replace("BRANCHH", "branch").replace("HQQ", "hq").replace("NOWHERE", "EDGE01")
    assert lint_text(good, "EXL302") == []
