"""`exchange-lint route FROM RECIPIENT [--size SIZE]` for Exchange 2007–SE: which Send connector
the transport service picks, and the step that decided it (DESIGN §9)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from exchange_lint.addresses import MAX_ADDRESS_LENGTH, parse_recipient
from exchange_lint.files import UsageError
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.generations.exchange2007_se.routing.analysis import analyse
from exchange_lint.generations.exchange2007_se.routing.select import LOCAL, NDR, Candidate, Route
from exchange_lint.quantities import BadValue, parse_size
from exchange_lint.report import printable

# A site whose servers choose differently has no single outcome (as 4.0–5.5's route, DESIGN §6).
PER_SERVER = "per-server"


def _candidate(candidate: Candidate) -> dict[str, Any]:
    connector = candidate.connector
    return {
        "connector": candidate.name,
        "address_space": f"{candidate.space.type}:{candidate.space.address}",
        "match": candidate.specificity.kind,
        "cost": candidate.cost,
        "address_space_cost": candidate.space.cost,
        "link_cost": candidate.link_cost,
        "source_server": candidate.source,
        "hops": candidate.hops,
        "local": candidate.hops == 0,
        "scope": "site" if connector.scoped else "organization",
        "enabled": connector.enabled,
        "max_message_size": str(connector.max_message_size),
    }


def _route_json(route: Route) -> dict[str, Any]:
    return {
        "from": route.origin.server or route.origin.site,
        "site": route.origin.site,
        "server": route.origin.server,
        "recipient": str(route.recipient),
        "size": route.size,
        "candidates": [_candidate(c) for c in route.candidates],
        "steps": [{"step": s.name, "kept": sorted({c.name for c in s.kept}), "reason": s.reason} for s in route.steps],
        "selected": list(route.selected),
        "outcome": route.outcome,
        "verdict": route.verdict,
        "decided_by": route.decided_by,
    }


def combined_outcome(routes: Sequence[Route]) -> str:
    """The site's outcome: the servers' own when all come to the same verdict, else `per-server`."""
    return routes[0].outcome if len({route.verdict for route in routes}) == 1 else PER_SERVER


def as_json(origin: str, routes: Sequence[Route]) -> str:
    if len(routes) == 1:
        data = _route_json(routes[0])
        data["from"] = origin
    else:
        first = routes[0]
        same = combined_outcome(routes) != PER_SERVER
        data = {
            "from": origin,
            "site": first.origin.site,
            "recipient": str(first.recipient),
            "size": first.size,
            "candidates": [_candidate(c) for c in first.candidates],
            "selected": sorted({name for route in routes for name in route.selected}),
            "outcome": combined_outcome(routes),
            "verdict": first.verdict if same else None,
            "decided_by": first.decided_by if same and len({r.decided_by for r in routes}) == 1 else None,
            "servers": [_route_json(route) for route in routes],
        }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _verdict(route: Route) -> str:
    if route.outcome == LOCAL:
        return "local: an Authoritative accepted domain, delivered inside the organization"
    if route.verdict == NDR:
        return "no route: returned to the sender (NDR)"
    if not route.selected:
        return "no route: the message waits in the Unreachable queue"
    return f"deterministic: '{route.verdict}' (decided by {route.decided_by})"


def as_text(routes: Sequence[Route]) -> str:
    lines = []
    for route in routes:
        size = f", {route.size:,} bytes" if route.size is not None else ""
        lines.append(f"Route from {route.origin} to {route.recipient}{size}")
        if route.candidates:
            lines.append("  candidates (a matching address space):")
        for c in route.candidates:
            cost = "unreached" if c.cost is None else f"cost {c.cost} ({c.link_cost} site links + {c.space.cost})"
            lines.append(
                f"   - '{c.name}' {c.space.text}: match {c.specificity}, {cost}, via {c.source or 'no source server'}"
            )
        lines.extend(f"  {number}. {step.name}: {step.reason}" for number, step in enumerate(route.steps, 1))
        lines.append(f"  outcome: {_verdict(route)}")
        lines.append("")
    if len(routes) > 1:
        outcome = combined_outcome(routes)
        note = "it depends on the server" if outcome == PER_SERVER else "the same from every server"
        lines.append(f"Outcome from site {routes[0].origin.site}: {outcome} ({note})")
    return "\n".join(printable(line) for line in lines).rstrip("\n") + "\n"  # names are data: shown, never obeyed


def message_size(text: str | None) -> int | None:
    """`--size` in bytes (`10MB`, `35 MB`, bytes); None when not given."""
    if text is None:
        return None
    try:
        size = parse_size(text)
    except BadValue as error:
        raise UsageError(f"--size: {error}") from None
    if size.bytes is None:
        raise UsageError("--size: a message has a size; `unlimited` is a connector's limit, not a message's")
    return size.bytes


def routes_for(organization: Organization, origin: str, recipient_text: str, size: int | None = None) -> list[Route]:
    recipient = parse_recipient(recipient_text)
    if recipient is None:
        raise UsageError(
            f"recipient {recipient_text!r} has no address type: write TYPE:ADDRESS, e.g. SMTP:ann@example.com"
        )
    if len(recipient.address) > MAX_ADDRESS_LENGTH:
        raise UsageError(
            f"recipient is {len(recipient.address):,} characters long, more than the {MAX_ADDRESS_LENGTH:,} the "
            "routing model reads (no Exchange address comes near it)"
        )
    analysis = analyse(organization)
    origins = analysis.topology.resolve(origin)
    if not origins:
        raise UsageError(f"no site or server named {origin!r} in organization '{organization.name}'")
    return [analysis.route(o, recipient, size) for o in origins]


def run(organization: Organization, origin: str, recipient: str, fmt: str, out: TextIO, size: str | None) -> int:
    routes = routes_for(organization, origin, recipient, message_size(size))
    out.write(as_json(origin, routes) if fmt == "json" else as_text(routes))
    return 0
