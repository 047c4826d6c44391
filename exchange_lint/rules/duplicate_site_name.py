"""EXL305: the same site declared twice in one organization."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55, EXCHANGE_2007_SE
from exchange_lint.rules.api import Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, per_generation

RULE = Rule(
    generations=(EXCHANGE_40_55.id, EXCHANGE_2007_SE.id),
    id="EXL305",
    name="duplicate-site-name",
    severity=Severity.ERROR,
    summary="the same site declared twice in one organization",
    tags=("references",),
    check=per_generation("duplicate_site_name"),
    doc=RuleDoc(
        what=(
            "Reports a site whose name (compared without case) is already declared in the organization; for "
            "Exchange 2007–SE, an AD site under `sites`."
        ),
        why=(
            "A site is one routing unit with one GWART (from 2007: one AD site, the unit of site-link costs "
            "and connector scope); declaring it twice splits its servers and hides typos."
        ),
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}    # EXL305, the next is related
  - {name: TRADE, servers: [TRADE2]}
""",
        use_instead=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE, TRADE2]}
""",
        references=(
            "Exchange Server: Connector selection (site-link cost, source servers) https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
        ),
    ),
)
