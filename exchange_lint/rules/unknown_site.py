"""EXL302: connected site or routing-test origin that the organization does not declare."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55, EXCHANGE_2007_SE
from exchange_lint.rules.api import Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, per_generation

RULE = Rule(
    generations=(EXCHANGE_40_55.id, EXCHANGE_2007_SE.id),
    id="EXL302",
    name="unknown-site",
    severity=Severity.ERROR,
    summary="connected site, site link, Edge subscription or routing-test origin the organization does not declare",
    tags=("references",),
    check=per_generation("unknown_site"),
    doc=RuleDoc(
        what=(
            "Reports a `connected_sites` entry naming a site the organization does not declare, and a "
            "routing test whose `from` is neither a declared site nor a declared server. For Exchange 2007–SE: "
            "a `site_links` entry or an Edge subscription naming an AD site the organization does not "
            "declare, and a routing test from neither a site nor a server (an Edge counts as a server)."
        ),
        why=(
            "Connected sites feed the GWART with routes to other sites; a misspelt one advertises a route "
            "to nowhere, and a routing test from an unknown origin tests nothing. From 2007 a site link's cost "
            "joins no path when one of its sites is unknown, and an Edge subscribed to an unknown site is "
            "placed nowhere, so neither changes connector selection as the file says."
        ),
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: X.400 to Paris
    kind: x400
    server: TRADE
    connected_sites: [{name: PARISS, cost: 1}]   # EXL302
    address_spaces: ["X400:c=FR;a= ;p=Contoso;o=PARIS;1"]
""",
        use_instead=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: X.400 to Paris
    kind: x400
    server: TRADE
    connected_sites: [{name: PARIS, cost: 1}]
    address_spaces: ["X400:c=FR;a= ;p=Contoso;o=PARIS;1"]
""",
        references=(
            "Exchange Server: Connector selection (site-link cost, source servers) https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
            "New-EdgeSubscription (-Site) https://learn.microsoft.com/powershell/module/exchange/new-edgesubscription",
        ),
    ),
)
