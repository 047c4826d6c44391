"""EXL119: a transport-rule-scoped outbound connector that no acting transport rule routes to
(misconfiguration catalog S37: dead, only a rule sends mail through such a connector)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import ENFORCE, Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.outbound_connectors:
        if not connector.enabled or not connector.is_transport_rule_scoped:
            continue
        naming = [r for r in organization.transport_rules if r.connector.casefold() == connector.name.casefold()]
        if any(r.enabled and r.mode == ENFORCE for r in naming):
            continue
        idle = ", ".join(f"'{r.name}'" for r in naming[:3])
        why = f"only rules that do not act route to it ({idle})" if naming else "no transport rule routes to it"
        yield Problem(
            f"outbound connector '{connector.name}' is transport-rule scoped and {why}: no mail uses it",
            connector.at("is_transport_rule_scoped"),
            related=tuple(r.location for r in naming),
            hint="route to it with a transport rule (`route_message_outbound_connector`), or remove the connector",
        )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL119",
    name="unused-rule-scoped-connector",
    severity=Severity.NOTE,
    summary="a transport-rule-scoped outbound connector that no acting transport rule routes to",
    tags=("routing", "outbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an enabled outbound connector with `is_transport_rule_scoped: true` that no enabled "
            "transport rule in Enforce mode names in `route_message_outbound_connector` (names compare without "
            "case), at `is_transport_rule_scoped`, with the rules that name it but do not act as related "
            "locations."
        ),
        why=(
            "Outbound selection skips a rule-scoped connector: only a transport rule sends mail through it. "
            "Without such a rule it is dead configuration, usually a rule renamed or removed, so the add-on "
            "service or partner route it was made for is silently not used."
        ),
        example=HEADER
        + """\
outbound_connectors:
  - name: Archive service
    is_transport_rule_scoped: true           # EXL119
    use_mx_record: false
    smart_hosts: [smtp.archive.example]
transport_rules:
  - name: Archive everything
    route_message_outbound_connector: Archiving service
    except_if_header_matches: {header: X-Archived, pattern: "true"}
""",
        use_instead=HEADER
        + """\
outbound_connectors:
  - name: Archive service
    is_transport_rule_scoped: true
    use_mx_record: false
    smart_hosts: [smtp.archive.example]
transport_rules:
  - name: Archive everything
    route_message_outbound_connector: Archive service
    except_if_header_matches: {header: X-Archived, pattern: "true"}
""",
        references=(
            "New-OutboundConnector (IsTransportRuleScoped) "
            "https://learn.microsoft.com/powershell/module/exchange/new-outboundconnector",
        ),
    ),
)
