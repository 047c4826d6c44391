"""EXL114: a connector that cannot deliver internet mail wins the catch-all from some origin (the
modern Q169117: deterministic, and only from there)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import TWO_SITES
from exchange_lint.generations.exchange2007_se.model import Organization, SendConnector
from exchange_lint.generations.exchange2007_se.routing.analysis import Decision, analyse
from exchange_lint.generations.exchange2007_se.routing.select import select
from exchange_lint.generations.exchange2007_se.routing.spaces import SMTP, broad, smtp_pattern
from exchange_lint.generations.exchange2007_se.routing.topology import Origin, describe_origins
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

ID = "EXL114"
NAME = "partner-connector-wins-internet"
_NOT_INTERNET = ("Partner", "Internal")


def _base(domain: str) -> str:
    return ".".join(smtp_pattern(domain).removeprefix("*.").split(".")[-2:])


def not_for_internet(connector: SendConnector) -> str | None:
    """Why a connector cannot deliver internet mail: its declared usage, or smart hosts that
    relay for one partner (its specific SMTP spaces all name one domain); None when it can."""
    if connector.usage in _NOT_INTERNET:
        return f"usage {connector.usage}"
    if connector.smart_hosts and not connector.dns_routing:
        specific = {
            _base(s.address) for s in connector.address_spaces if s.type == SMTP and not broad(s.type, s.address)
        }
        if len(specific) == 1:
            return f"smart hosts for the partner {next(iter(specific))}"
    return None


def _instead(organization: Organization, decision: Decision, origin: Origin) -> str:
    """Where internet mail from the origin would go with the connectors that cannot deliver it left out."""
    analysis = analyse(organization)
    entries = [e for e in analysis.index.entries(decision.probe.recipient) if not_for_internet(e.connector) is None]
    route = select(analysis.topology, origin, decision.probe.recipient, entries)
    return f"'{route.verdict}'" if route.winner is not None else f"no connector ({route.verdict})"


def check(organization: Organization) -> Iterator[Problem]:
    found: dict[tuple[str, int], list[Decision]] = {}
    for decision in analyse(organization).decisions:
        winner = decision.winner
        if winner is None or not broad(decision.probe.type, decision.probe.pattern):
            continue
        if not_for_internet(winner.connector) is not None:
            found.setdefault((winner.connector.name, id(winner.space)), []).append(decision)
    for decisions in found.values():
        winner = decisions[0].winner
        assert winner is not None
        name = winner.connector.name
        origins = [o for d in decisions for o in d.origins]
        instead = _instead(organization, decisions[0], decisions[0].origins[0])
        yield Problem(
            f"'{name}' ({not_for_internet(winner.connector)}) wins internet mail "
            f"({decisions[0].probe.type}:{decisions[0].probe.pattern}) from {describe_origins(origins)}, "
            f"decided by {decisions[0].decided_by}; it should leave by {instead}",
            winner.space.location,
            hint="give the partner connector only the partner's domains, or scope it, or make the internet "
            "route cheaper from there (`exchange-lint route FROM SMTP:x@example.com` shows why it wins)",
        )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="a partner or internal Send connector wins the catch-all route for internet mail from some origin",
    tags=("routing", "q169117"),
    check=check,
    doc=RuleDoc(
        what=(
            "For every origin that chooses on its own (each AD site, and a connector's own source servers), "
            "runs connector selection for a recipient only `*` (or a broad wildcard such as `*.com`) matches. "
            "Reports the address space of a connector that wins that catch-all although it cannot deliver "
            "internet mail: `usage: Partner` or `Internal`, or smart hosts declared for a single partner "
            "domain. The message names the origins affected and the connector internet mail should have taken."
        ),
        why=(
            "The modern form of Q169117. In 4.0–5.5 an MS Mail connector with `SMTP:*` took a random share "
            "of internet mail; from 2007 selection is deterministic, so the partner connector takes all "
            "internet mail from the origins where it wins (a lower site-link cost, the hops step, or its "
            "name) and none from elsewhere. The partner's relay refuses or bounces it, and only the users "
            "of one site complain."
        ),
        example=TWO_SITES
        + """\
send_connectors:
  - {name: Internet, usage: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}
  - name: Partner Fabrikam
    usage: Partner
    source_transport_servers: [EX03]
    smart_hosts: [mail.fabrikam.example]
    address_spaces: ["SMTP:fabrikam.example;1", "SMTP:*;1"]   # EXL114
""",
        use_instead=TWO_SITES
        + """\
send_connectors:
  - {name: Internet, usage: Internet, source_transport_servers: [EX01], address_spaces: ["SMTP:*;1"]}
  - name: Partner Fabrikam
    usage: Partner
    source_transport_servers: [EX03]
    smart_hosts: [mail.fabrikam.example]
    address_spaces: ["SMTP:fabrikam.example;1"]
""",
        references=(
            kb(169117, "SMTP address space on the MS Mail Connector: intermittent NDRs (the original)"),
            "Exchange Server: Connector selection, "
            "https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
            "Exchange Server: Send connectors, https://learn.microsoft.com/exchange/mail-flow/connectors/send-connectors",
        ),
    ),
)
