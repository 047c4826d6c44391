"""`routing_tests` of an Exchange Online tenant against outbound selection (EXL106's online half).

`from` is `online` (the tenant itself); `expect` is an outbound connector's name, `local` (an
Authoritative accepted domain) or `mx` (no connector takes it: Exchange Online delivers by MX).
An `undetermined` route (several connectors left at one step) fails whatever was expected.
"""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import MAX_ADDRESS_LENGTH, parse_recipient
from exchange_lint.generations.exchange_online.model import ONLINE, Organization, RoutingTest
from exchange_lint.generations.exchange_online.routing.select import LOCAL, MX, UNDETERMINED, Route, route
from exchange_lint.rules.api import Problem

VERDICTS = (LOCAL, MX)
_HINT = "`exchange-lint route online RECIPIENT` explains each step; fix the connectors, the rules or the test"


def _deciding_reason(found: Route) -> str:
    step = next((step for step in found.steps if step.name == found.decided_by), None)
    return (step or found.steps[-1]).reason


def _outcome(found: Route) -> str:
    if found.verdict == LOCAL:
        return "is delivered inside the tenant (an Authoritative accepted domain)"
    if found.verdict == MX:
        return f"goes out by MX with no connector ({_deciding_reason(found)})"
    if found.verdict == UNDETERMINED:
        return f"has no single connector ({_deciding_reason(found)})"
    return f"goes to '{found.verdict}' (decided by {found.decided_by}: {_deciding_reason(found)})"


def _failure(test: RoutingTest, found: Route) -> str | None:
    # Exchange compares names without case, as it compares the verdict words.
    if found.verdict != UNDETERMINED and found.verdict.casefold() == test.expect.casefold():
        return None
    return f"routing test failed: {test.recipient} from online {_outcome(found)}, expected {test.expect!r}"


def failures(organization: Organization) -> Iterator[Problem]:
    """A problem for each routing test the tenant does not meet, or cannot run."""
    connectors = {c.name.casefold() for c in organization.outbound_connectors}
    for test in organization.routing_tests:
        recipient = parse_recipient(test.recipient)
        if test.origin.casefold() != ONLINE or recipient is None or recipient.type != "SMTP":
            continue  # the schema refuses them (EXL002): `from: online`, `recipient: SMTP:…`
        if len(recipient.address) > MAX_ADDRESS_LENGTH:
            yield Problem(
                f"routing test recipient {test.recipient[:80]!r} is longer than any address the tenant routes",
                test.location,
                hint="write it as SMTP:ADDRESS, e.g. SMTP:ann@example.com",
            )
        elif test.expect.casefold() not in VERDICTS and test.expect.casefold() not in connectors:
            yield Problem(
                f"routing test expects {test.expect!r}, which is not a declared outbound connector "
                "(nor `local` or `mx`)",
                test.location,
                hint="name an outbound connector of the tenant, `local` or `mx`",
            )
        else:
            failure = _failure(test, route(organization, recipient.address))
            if failure is not None:
                yield Problem(failure, test.location, hint=_HINT)
