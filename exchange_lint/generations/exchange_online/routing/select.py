"""Outbound connector selection in Exchange Online for one recipient, step by step (DESIGN §10).

A recipient in an Authoritative accepted domain is delivered inside the tenant (`local`, as §9's
Authoritative domains). Otherwise: disabled connectors are dropped; a transport rule that routes
the message to a connector decides; transport-rule-scoped connectors are used by nothing else;
then a connector whose `recipient_domains` names the domain exactly wins, then one with
`all_accepted_domains` (recipients in an accepted domain), then the wildcard pattern that fixes
the most labels. With none, Exchange Online delivers by the recipient domain's MX itself
(outcome deterministic, nothing selected, decided by `default`). Where one step leaves several
connectors, the service documents no further order: the outcome is `undetermined`, never a guess.

`route` is the one place these steps are written; `route online` and `routing_tests` (EXL106) call it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from exchange_lint.generations.exchange_online.model import AUTHORITATIVE, Organization, OutboundConnector
from exchange_lint.generations.exchange_online.routing.domains import domain_of, is_exact, wildcard_labels
from exchange_lint.generations.exchange_online.routing.rules import in_order, judge

DETERMINISTIC = "deterministic"
LOCAL = "local"
UNDETERMINED = "undetermined"
# The verdict when no connector takes the message: Exchange Online looks the domain's MX up itself.
MX = "mx"

EXACT = "exact"
ACCEPTED = "all_accepted_domains"
WILDCARD = "wildcard"
RULE = "transport_rule"


class Candidate(NamedTuple):
    """An outbound connector that could take the recipient, and how it matches."""

    connector: OutboundConnector
    match: str  # exact | all_accepted_domains | wildcard | transport_rule
    pattern: str  # the `recipient_domains` entry, `all accepted domains`, or the routing rule's name
    labels: int = 0  # for a wildcard: how many labels it fixes (`*.contoso.com` 2, `*` 0)

    @property
    def name(self) -> str:
        return self.connector.name


class Step(NamedTuple):
    name: str
    kept: tuple[str, ...]  # connector names
    reason: str


class Route(NamedTuple):
    recipient: str
    domain: str
    candidates: tuple[Candidate, ...]
    steps: tuple[Step, ...]
    outcome: str  # deterministic | local | undetermined
    verdict: str  # a connector's name, `local`, `mx` or `undetermined`
    decided_by: str
    assumptions: tuple[str, ...]  # what the route could not judge and assumed (transport rule conditions)

    @property
    def selected(self) -> tuple[str, ...]:
        if self.outcome == UNDETERMINED:
            return self.steps[-1].kept
        return (self.verdict,) if self.outcome == DETERMINISTIC and self.verdict != MX else ()


def _names(names: Iterable[str]) -> str:
    found = sorted(set(names))
    return ", ".join(f"'{n}'" for n in found) if found else "none"


def _step(name: str, kept: Sequence[Candidate], before: Sequence[Candidate], why: str) -> Step:
    still = {c.name for c in kept}
    dropped = {c.name for c in before} - still
    reason = f"{why}: kept {_names(still)}" + (f"; dropped {_names(dropped)}" if dropped else "")
    return Step(name, tuple(sorted(still)), reason)


def candidates(organization: Organization, domain: str, accepted: bool) -> list[Candidate]:
    """Every outbound connector whose recipient domains (or `all_accepted_domains`) take `domain`."""
    found = []
    for connector in organization.outbound_connectors:
        for pattern in connector.recipient_domains:
            labels = wildcard_labels(pattern, domain)
            if is_exact(pattern, domain):
                found.append(Candidate(connector, EXACT, pattern))
            elif labels is not None:
                found.append(Candidate(connector, WILDCARD, pattern, labels))
        if accepted and connector.all_accepted_domains:
            found.append(Candidate(connector, ACCEPTED, "all accepted domains"))
    return found


def _connector(organization: Organization, name: str) -> OutboundConnector | None:
    wanted = name.casefold()
    return next((c for c in organization.outbound_connectors if c.name.casefold() == wanted), None)


def route(organization: Organization, address: str) -> Route:
    """Where Exchange Online sends mail from a user of the tenant to the SMTP `address`, and why."""
    domain = domain_of(address)
    accepted = organization.accepted_domain(domain)
    recipient = f"SMTP:{address}"
    if accepted is not None and accepted.type == AUTHORITATIVE:
        step = Step("local", (), f"{domain} is an Authoritative accepted domain of the tenant: delivered inside")
        return Route(recipient, domain, (), (step,), LOCAL, LOCAL, "local", ())
    steps: list[Step] = []
    if accepted is not None:
        steps.append(
            Step(
                "relay",
                (),
                f"{domain} is an {accepted.type} accepted domain: a recipient with a mailbox in the tenant is "
                "delivered inside, any other is routed out as follows",
            )
        )
    found = candidates(organization, domain, accepted is not None)
    enabled = [c for c in found if c.connector.enabled]
    steps.append(_step("enabled", enabled, found, "enabled connectors only (a disabled connector is never chosen)"))
    ruled, assumptions = _rules(organization, domain, accepted is not None, steps)
    if ruled is not None:
        winner = Candidate(ruled[0], RULE, ruled[1])
        return Route(
            recipient, domain, (*found, winner), tuple(steps), DETERMINISTIC, ruled[0].name, "rule", assumptions
        )
    kept = [c for c in enabled if not c.connector.is_transport_rule_scoped]
    steps.append(_step("scope", kept, enabled, "not transport-rule scoped (only a rule routes to those)"))
    for name, match, why in (
        ("exact", EXACT, f"recipient_domains names {domain} exactly"),
        ("accepted", ACCEPTED, "all_accepted_domains, for a recipient in an accepted domain"),
    ):
        matching = [c for c in kept if c.match == match]
        if matching:
            steps.append(_step(name, matching, kept, why))
            return _finish(recipient, domain, found, steps, assumptions)
    wild = [c for c in kept if c.match == WILDCARD]
    if wild:
        most = max(c.labels for c in wild)
        best = [c for c in wild if c.labels == most]
        pattern = "*" if most == 0 else next(c.pattern for c in best)
        steps.append(_step("wildcard", best, kept, f"the most specific wildcard pattern is {pattern}"))
        return _finish(recipient, domain, found, steps, assumptions)
    steps.append(
        Step("default", (), f"no outbound connector takes {domain}: Exchange Online delivers by its MX record itself")
    )
    return Route(recipient, domain, tuple(found), tuple(steps), DETERMINISTIC, MX, "default", assumptions)


def _finish(
    recipient: str, domain: str, found: Sequence[Candidate], steps: list[Step], assumptions: tuple[str, ...]
) -> Route:
    last = steps[-1]
    if len(last.kept) > 1:
        steps[-1] = last._replace(
            reason=last.reason + " (Exchange Online documents no order among these: the model does not pick one)"
        )
        return Route(recipient, domain, tuple(found), tuple(steps), UNDETERMINED, UNDETERMINED, last.name, assumptions)
    return Route(recipient, domain, tuple(found), tuple(steps), DETERMINISTIC, last.kept[0], last.name, assumptions)


def _rules(
    organization: Organization, domain: str, in_organization: bool, steps: list[Step]
) -> tuple[tuple[OutboundConnector, str] | None, tuple[str, ...]]:
    """The connector a transport rule routes the message to (with the rule's name), or None; the
    `rules` step is appended either way, and what the rules' conditions made the route assume."""
    assumed: list[str] = []
    skipped: list[str] = []
    for rule in in_order(organization.transport_rules):
        verdict = judge(rule, domain, in_organization)
        assumed.extend(verdict.assumptions)
        if not verdict.applies:
            skipped.append(f"'{rule.name}' ({verdict.why_not})")
            continue
        connector = _connector(organization, rule.connector)
        if connector is not None and connector.enabled:
            steps.append(
                Step("rule", (connector.name,), f"transport rule '{rule.name}' routes it to '{connector.name}'")
            )
            return (connector, rule.name), tuple(assumed)
        state = "which is disabled" if connector is not None else "which no outbound connector is named"
        skipped.append(f"'{rule.name}' (routes to '{rule.connector}', {state})")
    if organization.transport_rules:
        reason = "no transport rule routes it: " + "; ".join(skipped)
    else:
        reason = "no transport rule routes it (none declared)"
    steps.append(Step("rule", (), reason))
    return None, tuple(assumed)
