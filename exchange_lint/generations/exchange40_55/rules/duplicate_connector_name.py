"""EXL303: two connectors with the same name in one organization."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.support import ORGANIZATION_HEADER, duplicate_groups, primary_and_related


def check_duplicate_connector(organization: Organization) -> Iterator[Problem]:
    for group in duplicate_groups(organization.connectors, lambda c: c.name):
        primary, related = primary_and_related([c.location for c in group], f"a connector named '{group[0].name}'")
        yield Problem(
            f"connector name '{group[0].name}' is used by {len(group)} connectors",
            primary,
            related,
            hint="connector names are unique in an organization: rename all but one",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL303",
    name="duplicate-connector-name",
    severity=Severity.ERROR,
    summary="two connectors with the same name in one organization",
    tags=("references",),
    check=check_duplicate_connector,
    doc=RuleDoc(
        what="Reports a connector whose name (compared without case) is already used in the organization, in any file.",
        why=(
            "Connector names identify routes in the GWART, in `routing_tests` and in findings. Two "
            "connectors with one name make every reference to it ambiguous; across files it usually "
            "means a definition was copied and not renamed."
        ),
        example=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}   # EXL303, the next is related
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
""",
        use_instead=ORGANIZATION_HEADER
        + """\
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
""",
    ),
)
