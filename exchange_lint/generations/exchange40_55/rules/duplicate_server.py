"""EXL306: a server listed in more than one site, or twice in one."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, duplicate_groups, primary_and_related


def check_duplicate_server(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.servers, lambda s: s.name):
        sites = ", ".join(sorted({f"'{server.site}'" for server in group}))
        primary, related = primary_and_related([s.location for s in group], f"server '{group[0].name}' listed here")
        yield Problem(
            f"server '{group[0].name}' is listed {len(group)} times (sites {sites})",
            primary,
            related,
            hint="a server belongs to one site: list it once",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL306",
    name="duplicate-server",
    severity=Severity.ERROR,
    summary="a server listed in more than one site, or twice in one",
    tags=("references",),
    check=check_duplicate_server,
    doc=RuleDoc(
        what="Reports a server name (compared without case) that is already listed under a site.",
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
    ),
)
