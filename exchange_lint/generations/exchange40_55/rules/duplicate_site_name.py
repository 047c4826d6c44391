"""EXL305: the same site declared twice in one organization."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, duplicate_groups, primary_and_related


def check_duplicate_site(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.sites, lambda s: s.name):
        primary, related = primary_and_related([s.location for s in group], f"site '{group[0].name}' declared here")
        yield Problem(
            f"site '{group[0].name}' is declared {len(group)} times",
            primary,
            related,
            hint="declare each site once, with all its servers",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL305",
    name="duplicate-site-name",
    severity=Severity.ERROR,
    summary="the same site declared twice in one organization",
    tags=("references",),
    check=check_duplicate_site,
    doc=RuleDoc(
        what="Reports a site whose name (compared without case) is already declared in the organization.",
        why="A site is one routing unit with one GWART; declaring it twice splits its servers and hides typos.",
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
    ),
)
