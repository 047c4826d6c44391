"""EXL306: a server listed in more than one site, or twice in one."""

from __future__ import annotations

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55, EXCHANGE_2007_SE
from exchange_lint.rules.api import Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, per_generation

RULE = Rule(
    generations=(EXCHANGE_40_55.id, EXCHANGE_2007_SE.id),
    id="EXL306",
    name="duplicate-server",
    severity=Severity.ERROR,
    summary="a server listed in more than one site, or twice in one",
    tags=("references",),
    check=per_generation("duplicate_server"),
    doc=RuleDoc(
        what=(
            "Reports a server name (compared without case) that is already listed under a site (for Exchange "
            "2007–SE, an AD site)."
        ),
        why=(
            "A server belongs to exactly one site; the site of every connector on it, and the scope "
            "of its address spaces, follow from that."
        ),
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}          # EXL306, the TRADE below is related
  - {name: PARIS, servers: [PARIS1, TRADE]}
""",
        use_instead=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
""",
        references=(
            "Exchange Server: Connector selection (site-link cost, source servers) https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
        ),
    ),
)
