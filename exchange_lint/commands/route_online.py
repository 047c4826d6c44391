"""`exchange-lint route online RECIPIENT` for an Exchange Online tenant: which outbound connector
takes the message, the step that decided it, and what the route had to assume (DESIGN §10)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from exchange_lint.addresses import MAX_ADDRESS_LENGTH, parse_recipient
from exchange_lint.files import UsageError
from exchange_lint.generations.exchange_online.model import ONLINE, Organization
from exchange_lint.generations.exchange_online.routing.select import (
    LOCAL,
    MX,
    RULE,
    UNDETERMINED,
    Candidate,
    Route,
    route,
)
from exchange_lint.report import printable


def _candidate(candidate: Candidate) -> dict[str, Any]:
    """§6's candidate keys (`address_space` is the matching recipient domain, or what else matched;
    Exchange Online has no costs), then the connector's own facts."""
    connector = candidate.connector
    return {
        "connector": candidate.name,
        "address_space": candidate.pattern,
        "match": candidate.match,
        "cost": None,
        "local": False,
        "scope": "transport-rule" if connector.is_transport_rule_scoped else "organization",
        "connector_type": connector.connector_type,
        "enabled": connector.enabled,
        "use_mx_record": connector.use_mx_record,
        "smart_hosts": list(connector.smart_hosts),
    }


def as_json(found: Route) -> str:
    data = {
        "from": ONLINE,
        "recipient": found.recipient,
        "candidates": [_candidate(c) for c in found.candidates],
        "steps": [{"step": s.name, "kept": list(s.kept), "reason": s.reason} for s in found.steps],
        "selected": list(found.selected),
        "outcome": found.outcome,
        "verdict": found.verdict,
        "decided_by": found.decided_by,
        "assumptions": list(found.assumptions),
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _verdict(found: Route) -> str:
    if found.outcome == LOCAL:
        return "local: an Authoritative accepted domain, delivered inside the tenant"
    if found.verdict == MX:
        return "deterministic: no connector, Exchange Online delivers by the domain's MX (decided by default)"
    if found.verdict == UNDETERMINED:
        return f"undetermined: {', '.join(repr(n) for n in found.selected)} are left (at {found.decided_by})"
    return f"deterministic: '{found.verdict}' (decided by {found.decided_by})"


def _describe(candidate: Candidate) -> str:
    connector = candidate.connector
    how = "transport rule" if candidate.match == RULE else f"match {candidate.match}"
    delivery = "by MX" if connector.use_mx_record else f"smart hosts {', '.join(connector.smart_hosts) or 'none'}"
    flags = [connector.connector_type, delivery]
    if connector.is_transport_rule_scoped:
        flags.append("transport-rule scoped")
    if not connector.enabled:
        flags.append("disabled")
    return f"   - '{candidate.name}' {candidate.pattern}: {how}, {', '.join(flags)}"


def as_text(organization: Organization, found: Route) -> str:
    lines = [f"Route from online (tenant of '{organization.name}') to {found.recipient}"]
    if found.candidates:
        lines.append("  candidates (an outbound connector that takes the recipient):")
        lines.extend(_describe(c) for c in found.candidates)
    lines.extend(f"  {number}. {step.name}: {step.reason}" for number, step in enumerate(found.steps, 1))
    lines.extend(f"  assumed: {note}" for note in found.assumptions)
    lines.append(f"  outcome: {_verdict(found)}")
    return "\n".join(printable(line) for line in lines) + "\n"  # names are data: shown, never obeyed


def route_for(organization: Organization, origin: str, recipient_text: str) -> Route:
    if origin.casefold() != ONLINE:
        raise UsageError(
            f"organization '{organization.name}' is an Exchange Online tenant here: route it from `online`, "
            f"not {origin!r}"
        )
    recipient = parse_recipient(recipient_text)
    if recipient is None or recipient.type != "SMTP":
        raise UsageError(
            f"recipient {recipient_text!r} is not an SMTP address: Exchange Online routes SMTP:ADDRESS, "
            "e.g. SMTP:ann@example.com"
        )
    if len(recipient.address) > MAX_ADDRESS_LENGTH:
        raise UsageError(
            f"recipient is {len(recipient.address):,} characters long, more than the {MAX_ADDRESS_LENGTH:,} the "
            "routing model reads (no Exchange address comes near it)"
        )
    return route(organization, recipient.address)


def run(organization: Organization, origin: str, recipient: str, fmt: str, out: TextIO) -> int:
    found = route_for(organization, origin, recipient)
    out.write(as_json(found) if fmt == "json" else as_text(organization, found))
    return 0
