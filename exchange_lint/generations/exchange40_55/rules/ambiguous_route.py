"""EXL103: a recipient the MTA load-balances between connectors (Q169117's "inconsistently")."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.analysis import Tie, analyse
from exchange_lint.generations.exchange40_55.routing.kinds import SITE_TO_SITE, can_deliver, sends
from exchange_lint.generations.exchange40_55.routing.select import Candidate
from exchange_lint.generations.exchange40_55.routing.topology import describe_origins
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

ID = "EXL103"
NAME = "ambiguous-route"


def _patterns(members: Sequence[Candidate]) -> str:
    texts = sorted({f"`{m.space.type}:{m.space.address}`" for m in members})
    return texts[0] if len(texts) == 1 else " and ".join(texts)


def _locality(tie: Tie) -> str:
    if len(tie.origins) > 1:
        return "and locality does not separate them"
    if all(m.local for m in tie.members):
        return "all on the routing server"
    if not any(m.local for m in tie.members):
        return "none on the routing server"
    return "equally local"


def _message(tie: Tie) -> tuple[str, str]:
    """The problem (with what the tie does to mail that lands on a route that cannot take it), and the hint."""
    members = tie.members
    # Each connector's own pattern only where they differ: the patterns are named just before.
    alike = len({(m.space.type, m.space.address) for m in members}) == 1
    names = ", ".join(f"'{m.name}'" if alike else f"'{m.name}' ({m.space.text})" for m in members)
    share = f"1/{len(members)}"
    text = (
        f"mail to recipients matching {_patterns(members)} (e.g. {tie.recipient}) is load-balanced from "
        f"{describe_origins(tie.origins)} between {names}, about {share} each: same match class "
        f"({members[0].match}), same cost {members[0].cost}, {_locality(tie)} (KB Q193322)"
    )
    recipient_type = tie.recipient.type
    idle = [m for m in members if not sends(m.connector)]
    dead = [m for m in members if sends(m.connector) and not can_deliver(m.connector, recipient_type, m.space.address)]
    if idle:
        text += (
            f"; {', '.join(repr(m.name) for m in idle)} never sends (transfer mode "
            f"{idle[0].connector.transfer_mode}): about {len(idle)}/{len(members)} of that mail is queued there and "
            "never delivered nor returned (KB Q238719)"
        )
    if dead:
        text += (
            f"; {', '.join(repr(m.name) for m in dead)} cannot deliver {recipient_type} mail, so about "
            f"{len(dead)}/{len(members)} of it is returned as NDRs, intermittently (KB Q169117)"
        )
    x400 = [m for m in members if m.connector.kind == "x400"]
    gateways = [m for m in members if m.connector.kind not in SITE_TO_SITE]
    if recipient_type == "X400" and x400 and gateways:
        text += (
            f"; mail meant for gateway '{gateways[0].name}' leaves through X.400 connector "
            f"'{x400[0].name}' part of the time and is NDRed (KB Q187915)"
        )
        return text, "give the gateway narrower X.400 address spaces or different costs"
    return text, "make one address space more specific or give the routes different costs"


def check(organization: Organization) -> Iterator[Problem]:
    for tie in analyse(organization).ties:
        # The finding sits on the route that cannot deliver, where there is one: that is the entry to fix.
        dead = [m for m in tie.members if not can_deliver(m.connector, tie.recipient.type, m.space.address)]
        first = (dead or list(tie.members))[0]
        others = [m for m in tie.members if m is not first]
        related = tuple(m.space.location.labelled(f"tied route: '{m.name}'") for m in others)
        message, hint = _message(tie)
        yield Problem(message, first.space.location, related, hint=hint)


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="more than one connector is left after match class, cost and locality: the MTA load-balances",
    tags=("routing",),
    check=check,
    doc=RuleDoc(
        what=(
            "Finds recipients for which, from some originating server, two or more connectors remain after "
            "the MTA has compared match class, cost and locality. It routes only the recipients where "
            "address spaces overlap (found through an index, not by comparing all pairs) and reports one "
            "finding per group of tied routes, naming the servers it happens on and the tied connectors "
            "as related locations."
        ),
        why=(
            "The MTA chooses among the connectors left after those steps at random, per message "
            "(BORES-MTA). Often that is deliberate load balancing; but if one of the tied connectors "
            "cannot deliver that mail, a share of it comes back as non-delivery reports, intermittently "
            "and hard to trace: this is exactly Q169117, where the MS Mail Connector and the Internet Mail "
            "Service both carried `SMTP:*` at cost 1. An X.400 connector and a gateway both on `c=*` send "
            "each other's mail the wrong way (Q187915)."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: Internet Mail Service (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]          # EXL103: tied with the line below
  - name: Internet Mail Service 2 (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: Internet Mail Service (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
  - name: Internet Mail Service 2 (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*@partner.example;1"]   # more specific: always wins for the partner
""",
        references=(
            kb(193322, "how the MTA selects a connector (match class, cost, locality, random)"),
            kb(169117, "SMTP address space on the MS Mail Connector: intermittent NDRs"),
            kb(187915, "EDK connector and X.400 connector both on c=*"),
        ),
        known_problems=(
            "Steady state only: connectors that are retrying or outside their schedule change the outcome "
            "at run time. Deliberate load balancing between working connectors is reported too; "
            "suppress it with a reason."
        ),
    ),
)
