"""`exchange-lint route FROM RECIPIENT`: where the MTA sends a recipient, and why, step by step."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

from exchange_lint.addresses import MAX_ADDRESS_LENGTH, parse_recipient
from exchange_lint.files import UsageError
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.analysis import MAX_SITES, routing_view
from exchange_lint.generations.exchange40_55.routing.select import LOAD_BALANCED, LOCAL, NO_ROUTE, Candidate, Route
from exchange_lint.report import printable

# A site whose servers choose differently has no single outcome (DESIGN §6 keeps one per server).
PER_SERVER = "per-server"


def _candidate(candidate: Candidate, with_local: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "connector": candidate.name,
        "address_space": f"{candidate.space.type}:{candidate.space.address}",
        "match": candidate.match.kind,
        "literals": candidate.match.literals,
        "cost": candidate.cost,
        "address_space_cost": candidate.space.cost,
        "scope": candidate.space.scope,
        "server": candidate.connector.server,
        "via": list(candidate.path),
    }
    if with_local:
        data["local"] = candidate.local
    return data


def _hop_json(route: Route) -> dict[str, Any]:
    return {
        "site": route.origin.site,
        "server": route.origin.server,
        "candidates": [_candidate(c, True) for c in route.candidates],
        "steps": [{"step": s.name, "kept": sorted({c.name for c in s.kept}), "reason": s.reason} for s in route.steps],
        "selected": sorted({c.name for c in route.selected}),
        "outcome": route.outcome,
    }


def _route_json(route: Route) -> dict[str, Any]:
    """DESIGN §6's object: the origin's candidates and steps, and where the message finally goes
    (`selected`, `outcome`); `hops` lists each site's own choice when it is handed from site to site."""
    first = route.hops[0] if route.hops else route
    data = {"from": first.origin.server or first.origin.site, "recipient": str(route.recipient), **_hop_json(first)}
    data["selected"] = sorted({c.name for c in route.selected})
    data["outcome"] = route.outcome
    if route.hops:
        data["hops"] = [_hop_json(hop) for hop in (*route.hops, route)]
    return data


def combined_outcome(routes: Sequence[Route]) -> str:
    """The site's outcome: the servers' own when they all come to the same connectors, else
    `per-server` (the servers choose differently: each one's result is under `servers`)."""
    if len({(route.outcome, frozenset(c.name for c in route.selected)) for route in routes}) > 1:
        return PER_SERVER
    return routes[0].outcome


def as_json(origin: str, routes: Sequence[Route]) -> str:
    if len(routes) == 1:
        data = _route_json(routes[0])
    else:
        data = {
            "from": origin,
            "site": (routes[0].hops[0].origin if routes[0].hops else routes[0].origin).site,
            "recipient": str(routes[0].recipient),
            "candidates": [_candidate(c, False) for c in routes[0].candidates],
            "selected": sorted({c.name for route in routes for c in route.selected}),
            "outcome": combined_outcome(routes),
            "servers": [_route_json(route) for route in routes],
        }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _verdict(route: Route) -> str:
    names = sorted({c.name for c in route.selected})
    if route.outcome == LOCAL:
        return "local: delivered in the origin's own site, through no connector"
    if route.outcome == NO_ROUTE:
        return 'no route: the recipient gets an NDR ("The recipient name is not recognized", KB Q133403)'
    if route.outcome == LOAD_BALANCED:
        return f"load-balanced between {', '.join(repr(n) for n in names)} (about 1/{len(names)} each)"
    return f"deterministic: '{names[0]}'"


def _steps(route: Route) -> list[str]:
    lines = []
    for number, step in enumerate(route.steps, 1):
        lines.append(f"  {number}. {step.name}: {step.reason}")
        if step.name == "match":
            for c in route.candidates:
                via = f", via {' > '.join(c.path)}" if len(c.path) > 1 else ""
                where = "local" if c.local else f"on {c.connector.server or 'no server'}"
                lines.append(
                    f"     - '{c.name}' {c.space.text}: {c.match}, cost {c.cost}{via}, {where}, scope {c.space.scope}"
                )
    return lines


def as_text(routes: Sequence[Route]) -> str:
    lines = []
    for whole in routes:
        start = whole.hops[0].origin if whole.hops else whole.origin
        lines.append(f"Route from {start} to {whole.recipient}")
        for hop, after in zip(whole.hops, [*whole.hops[1:], whole][: len(whole.hops)], strict=True):
            lines.extend(_steps(hop))
            lines.append(f"  handed on to site {after.origin.site}, whose MTA chooses again (hop by hop, KB Q279404)")
            lines.append(f"At site {after.origin.site}:")
        lines.extend(_steps(whole))
        lines.append(f"  outcome: {_verdict(whole)}")
        lines.append("")
    if len(routes) > 1:
        outcome = combined_outcome(routes)
        note = "it depends on the server" if outcome == PER_SERVER else "the same from every server"
        lines.append(f"Outcome from site {start.site}: {outcome} ({note})")
    return "\n".join(printable(line) for line in lines).rstrip("\n") + "\n"  # names are data: shown, never obeyed


def routes_for(organization: Organization, origin: str, recipient_text: str) -> list[Route]:
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
    view = routing_view(organization)
    if view.oversized:
        raise UsageError(
            f"organization '{organization.name}' has {len(view.topology.servers_of_site):,} sites, more than the "
            f"{MAX_SITES:,} the routing model handles"
        )
    origins = view.topology.resolve(origin)
    if not origins:
        raise UsageError(f"no site or server named {origin!r} in organization '{organization.name}'")
    return [view.route(o, recipient) for o in origins]


def run(organization: Organization, origin: str, recipient: str, fmt: str, out: TextIO) -> int:
    routes = routes_for(organization, origin, recipient)
    out.write(as_json(origin, routes) if fmt == "json" else as_text(routes))
    return 0
