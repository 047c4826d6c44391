"""`routing_tests` of a 4.0–5.5 organization against the MTA's route selection (EXL106's 4.0–5.5 half)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from exchange_lint.addresses import MAX_ADDRESS_LENGTH, parse_recipient
from exchange_lint.generations.exchange40_55.model import Organization, RoutingTest
from exchange_lint.generations.exchange40_55.routing.analysis import analyse
from exchange_lint.generations.exchange40_55.routing.select import (
    LOAD_BALANCED,
    LOCAL,
    NO_ROUTE,
    Route,
    deciding_reason,
)
from exchange_lint.rules.api import Problem

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


def failures(organization: Organization) -> Iterator[Problem]:
    """A problem for each routing test the model does not meet, or cannot run."""
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
