"""`routing_tests` of a 2007–SE organization against connector selection (EXL106's 2007–SE half).

`expect` is a Send connector's name, `local` (an Authoritative accepted domain), `unreachable`
(SMTP with no route: the Unreachable queue) or `ndr` (returned: non-SMTP with no route, or larger
than every connector that would take it); `size` is the message size the test routes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from exchange_lint.addresses import MAX_ADDRESS_LENGTH, parse_recipient
from exchange_lint.generations.exchange2007_se.model import Organization, RoutingTest
from exchange_lint.generations.exchange2007_se.routing.analysis import analyse
from exchange_lint.generations.exchange2007_se.routing.select import LOCAL, NDR, UNREACHABLE, Route
from exchange_lint.rules.api import Problem

VERDICTS = (LOCAL, UNREACHABLE, NDR)
_HINT = "`exchange-lint route FROM RECIPIENT --size SIZE` explains each step; fix the connectors or the test"


def _outcome(route: Route) -> str:
    if route.verdict == LOCAL:
        return "is delivered inside the organization (an Authoritative accepted domain)"
    if route.verdict == UNREACHABLE:
        return f"has no route ({route.steps[-1].reason}): the Unreachable queue"
    if route.verdict == NDR:
        return f"has no route ({route.steps[-1].reason}): an NDR"
    deciding = next((step for step in route.steps if step.name == route.decided_by), route.steps[-1])
    return f"goes to '{route.verdict}' (decided by {route.decided_by}: {deciding.reason})"


def _failure(test: RoutingTest, routes: Sequence[Route]) -> str | None:
    expected = test.expect.casefold() if test.expect.casefold() in VERDICTS else test.expect
    for route in routes:
        if route.verdict != expected:
            return (
                f"routing test failed: {test.recipient} from {route.origin} {_outcome(route)}, expected {test.expect!r}"
            )
    return None


def failures(organization: Organization) -> Iterator[Problem]:
    """A problem for each routing test the model does not meet, or cannot run."""
    if not organization.routing_tests:
        return
    analysis = analyse(organization)
    connectors = {c.name for c in organization.send_connectors}
    for test in organization.routing_tests:
        origins = analysis.topology.resolve(test.origin)
        recipient = parse_recipient(test.recipient)
        if not origins:
            yield Problem(
                f"routing test from {test.origin!r}: no site or server of that name is declared",
                test.location,
                hint="start it at an AD site or server the organization declares",
            )
        elif recipient is None or len(recipient.address) > MAX_ADDRESS_LENGTH:
            yield Problem(
                f"routing test recipient {test.recipient[:80]!r} is not a TYPE:ADDRESS the routing model reads",
                test.location,
                hint="write it as TYPE:ADDRESS, e.g. SMTP:ann@example.com",
            )
        elif test.expect.casefold() not in VERDICTS and test.expect not in connectors:
            yield Problem(
                f"routing test expects {test.expect!r}, which is not a declared Send connector "
                "(nor `local`, `unreachable` or `ndr`)",
                test.location,
                hint="name a Send connector of the organization, `local`, `unreachable` or `ndr`",
            )
        else:
            size = None if test.size is None else test.size.bytes
            failure = _failure(test, [analysis.route(origin, recipient, size) for origin in origins])
            if failure is not None:
                yield Problem(failure, test.location, hint=_HINT)
