"""EXL106: a `routing_tests` expectation the routing model does not meet."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from exchange_lint.addresses import MAX_ADDRESS_LENGTH, parse_recipient
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization, RoutingTest
from exchange_lint.generations.exchange40_55.routing.analysis import analyse
from exchange_lint.generations.exchange40_55.routing.select import (
    LOAD_BALANCED,
    LOCAL,
    NO_ROUTE,
    Route,
    deciding_reason,
)
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

ID = "EXL106"
NAME = "routing-test-failed"
NDR = "ndr"


def _outcome(route: Route) -> str:
    names = sorted({c.name for c in route.selected})
    if route.outcome == LOCAL:
        return "is delivered locally (a recipient of the origin's own site)"
    if route.outcome == NO_ROUTE:
        return f"has no route ({route.steps[-1].reason}): an NDR"
    if route.outcome == LOAD_BALANCED:
        return f"is load-balanced between {', '.join(repr(n) for n in names)} (about 1/{len(names)} each)"
    return f"goes to '{names[0]}' ({deciding_reason(route)})"


def _failure(test: RoutingTest, routes: Sequence[Route]) -> str | None:
    for route in routes:
        names = {c.name for c in route.selected}
        if test.expect.casefold() == NDR:
            passed = route.outcome == NO_ROUTE
        elif test.expect.casefold() == LOCAL:
            passed = route.outcome == LOCAL
        else:
            passed = route.outcome != NO_ROUTE and names == {test.expect}
        if not passed:
            where = f"from {route.origin}"
            return f"routing test failed: {test.recipient} {where} {_outcome(route)}, expected {test.expect!r}"
    return None


def check(organization: Organization) -> Iterator[Problem]:
    if not organization.routing_tests:
        return
    analysis = analyse(organization)
    if analysis.oversized:
        return  # EXL113 says why
    connectors = {c.name for c in organization.connectors}
    for test in organization.routing_tests:
        origins = analysis.topology.resolve(test.origin)
        recipient = parse_recipient(test.recipient)
        if not origins:
            yield Problem(
                f"routing test from {test.origin!r}: no site or server of that name is declared",
                test.location,
                hint="start it at a site or server the organization declares",
            )
        elif recipient is None:
            yield Problem(
                f"routing test recipient {test.recipient!r} has no address type",
                test.location,
                hint="write it as TYPE:ADDRESS, e.g. SMTP:ann@example.com",
            )
        elif len(recipient.address) > MAX_ADDRESS_LENGTH:
            yield Problem(
                f"routing test recipient is {len(recipient.address):,} characters long, more than the "
                f"{MAX_ADDRESS_LENGTH:,} the routing model reads (no Exchange address comes near it): not routed",
                test.location,
            )
        elif test.expect.casefold() not in (NDR, LOCAL) and test.expect not in connectors:
            yield Problem(
                f"routing test expects {test.expect!r}, which is not a declared connector (nor `ndr` or `local`)",
                test.location,
                hint="name a connector of the organization, `ndr` or `local`",
            )
        else:
            failure = _failure(test, [analysis.route(origin, recipient) for origin in origins])
            if failure is not None:
                yield Problem(
                    failure,
                    test.location,
                    hint="`exchange-lint route FROM RECIPIENT` explains each step; fix the connectors or the test",
                )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="a `routing_tests` expectation the routing model does not meet",
    tags=("routing", "tests"),
    check=check,
    doc=RuleDoc(
        what=(
            "Runs each entry of `routing_tests` through the routing model, as `exchange-lint route` does, "
            "and reports it when the outcome differs from `expect`: a connector name (it must be the only "
            "connector left, from every server of the origin site), `ndr` (no route) or `local` (a recipient "
            "of the origin's own site, delivered without a connector). A load-balanced "
            "outcome fails even when the expected connector is among those tied."
        ),
        why=(
            "Routing tests pin down the routes the organization depends on, like unit tests: a later change "
            "of a cost, a scope or an address space that moves internet mail to another connector, or makes "
            "it load-balanced as in Q169117, fails the commit instead of surprising users with NDRs."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
routing_tests:
  - {from: TRADE, recipient: "SMTP:ann@example.com", expect: IMS}   # EXL106: load-balanced
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
routing_tests:
  - {from: TRADE, recipient: "SMTP:ann@example.com", expect: IMS}
""",
        references=(
            kb(193322, "how the MTA selects a connector"),
            kb(169117, "SMTP address space on the MS Mail Connector: intermittent NDRs"),
        ),
    ),
)
