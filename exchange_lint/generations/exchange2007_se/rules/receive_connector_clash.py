"""EXL308: Receive connectors of one server and role that Exchange cannot tell apart, and bindings
to an address the server does not have (misconfiguration catalog S27)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, remote_ranges
from exchange_lint.generations.exchange2007_se.model import Organization, ReceiveConnector
from exchange_lint.quantities import AddressRange
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def clash(first: ReceiveConnector, second: ReceiveConnector) -> tuple[AddressRange, AddressRange] | None:
    """Two ranges the connectors cannot share on a common binding: equal, or overlapping without one
    containing the other (Exchange picks the most specific range, so nesting is allowed)."""
    if not any(a.clashes(b) for a in first.bindings for b in second.bindings):
        return None
    for a in remote_ranges(first):
        for b in remote_ranges(second):
            equal = (a.version, a.first, a.last) == (b.version, b.first, b.last)
            if equal or (a.overlaps(b) and not a.contains(b) and not b.contains(a)):
                return a, b
    return None


def _groups(organization: Organization) -> dict[tuple[str, str], list[ReceiveConnector]]:
    groups: dict[tuple[str, str], list[ReceiveConnector]] = {}
    for connector in organization.receive_connectors:
        if connector.server is not None and connector.enabled:
            groups.setdefault((connector.server.casefold(), connector.transport_role), []).append(connector)
    return groups


def check(organization: Organization) -> Iterator[Problem]:
    for members in _groups(organization).values():
        # One server's connectors: a handful, so every pair is cheap.
        for first, second in combinations(members, 2):
            found = clash(first, second)
            if found is None:
                continue
            a, b = found
            how = (
                "the same remote range"
                if a.text == b.text or (a.first == b.first and a.last == b.last)
                else (f"overlapping remote ranges ({b.text} and {a.text}, neither inside the other)")
            )
            yield Problem(
                f"Receive connector '{second.name}' listens where '{first.name}' does on server '{second.server}' "
                f"with {how}: Exchange cannot choose between them",
                second.at("remote_ip_ranges") if second.remote_ip_ranges else second.at("bindings"),
                (first.location.labelled(f"Receive connector '{first.name}'"),),
                hint="give the connectors different bindings, or ranges where one contains the other",
            )
    for connector in organization.receive_connectors:
        server = organization.server(connector.server) if connector.server else None
        if server is None or not server.ips:
            continue
        for binding in connector.bindings:
            if not binding.any and (binding.version, binding.address) not in server.ips:
                yield Problem(
                    f"Receive connector '{connector.name}' binds to {binding.text}, an address server "
                    f"'{server.name}' does not have: the Transport service may not start",
                    connector.at("bindings"),
                    hint=f"bind to one of the server's `ips`, or to 0.0.0.0; or declare the address on '{server.name}'",
                )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL308",
    name="receive-connector-clash",
    severity=Severity.ERROR,
    summary="Receive connectors on one server that share a binding and a remote range",
    tags=("references", "receive-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "For two enabled Receive connectors of one server and transport role with a common binding (the "
            "same port on the same address, or `0.0.0.0` against a specific one), reports equal remote IP "
            "ranges and ranges that overlap without one containing the other (no `remote_ip_ranges` is every "
            "address). Also reports a binding to an address the server's declared `ips` do not hold."
        ),
        why=(
            "The combination of binding and remote range must be unique on a server. Exchange picks the "
            "connector with the most specific matching range, so nested ranges are fine; equal or partly "
            "overlapping ones are refused or make the choice ambiguous. A binding to an address the server "
            "does not have can stop the Transport service from starting."
        ),
        example=HEADER
        + """\
receive_connectors:
  - name: Relay A
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
  - name: Relay B
    server: EX01
    bindings: ["10.0.0.11:25"]
    remote_ip_ranges: ["10.0.5.128-10.0.6.10"]   # EXL308
""",
        use_instead=HEADER
        + """\
receive_connectors:
  - name: Relay A
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
  - name: Relay B
    server: EX01
    bindings: ["10.0.0.11:25"]
    remote_ip_ranges: ["10.0.5.128/25"]
""",
        references=(
            "Receive connectors https://learn.microsoft.com/exchange/mail-flow/connectors/receive-connectors",
            "New-ReceiveConnector (-Bindings, -RemoteIPRanges) "
            "https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector",
        ),
    ),
)
