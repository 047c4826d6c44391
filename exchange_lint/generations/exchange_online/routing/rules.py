"""Which transport rule routes a message (`-RouteMessageOutboundConnector`), judged from what the
files say about the recipient.

A rule's recipient conditions are read (`recipient_domain_is`, `sent_to_scope` InOrganization or
NotInOrganization, and their exceptions). What depends on the message itself or on settings the
files do not hold (a header, a partner scope) cannot be judged: the route assumes a message as a
user of the tenant first sends it (no header stamped yet, no partner relation known) and says so
in its `assumptions`, never silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from exchange_lint.generations.exchange_online.model import ENFORCE, TransportRule
from exchange_lint.generations.exchange_online.routing.domains import within

IN_ORGANIZATION = "InOrganization"
NOT_IN_ORGANIZATION = "NotInOrganization"


class Verdict(NamedTuple):
    """Whether a rule acts on the message, why not when it does not, and what was assumed."""

    applies: bool
    why_not: str
    assumptions: tuple[str, ...]


def in_order(rules: Iterable[TransportRule]) -> list[TransportRule]:
    """The order Exchange processes rules in: by `priority` (0 first), those without one after, as written."""
    return sorted(rules, key=lambda r: (r.priority is None, r.priority or 0, r.order))


def judge(rule: TransportRule, domain: str, in_organization: bool) -> Verdict:
    """Whether `rule` routes mail from a user of the tenant to a recipient in `domain`."""
    if not rule.enabled:
        return Verdict(False, "disabled", ())
    if rule.mode != ENFORCE:
        return Verdict(False, f"mode {rule.mode} only reports", ())
    if rule.recipient_domain_is and not within(domain, rule.recipient_domain_is):
        return Verdict(False, f"recipient_domain_is does not name {domain}", ())
    if within(domain, rule.except_if_recipient_domain_is):
        return Verdict(False, f"except_if_recipient_domain_is names {domain}", ())
    scope = IN_ORGANIZATION if in_organization else NOT_IN_ORGANIZATION
    assumed: list[str] = []
    if rule.sent_to_scope is not None:
        if rule.sent_to_scope in (IN_ORGANIZATION, NOT_IN_ORGANIZATION):
            if rule.sent_to_scope != scope:
                return Verdict(False, f"sent_to_scope is {rule.sent_to_scope}, the recipient is {scope}", ())
        else:
            note = (
                f"rule '{rule.name}': sent_to_scope {rule.sent_to_scope} depends on partner settings the files "
                "do not hold; assumed not to hold"
            )
            return Verdict(False, f"sent_to_scope {rule.sent_to_scope} is not judged", (note,))
    if rule.except_if_sent_to_scope is not None:
        if rule.except_if_sent_to_scope in (IN_ORGANIZATION, NOT_IN_ORGANIZATION):
            if rule.except_if_sent_to_scope == scope:
                return Verdict(False, f"except_if_sent_to_scope is {scope}", ())
        else:
            assumed.append(
                f"rule '{rule.name}': except_if_sent_to_scope {rule.except_if_sent_to_scope} depends on partner "
                "settings the files do not hold; assumed not to apply"
            )
    if rule.from_scope == NOT_IN_ORGANIZATION:
        return Verdict(False, "from_scope is NotInOrganization, the sender is a user of the tenant", ())
    if rule.header_matches is not None:
        note = (
            f"rule '{rule.name}': header_matches {rule.header_matches.header} depends on the message; a message as "
            "first sent is assumed not to carry it, so the rule does not act"
        )
        return Verdict(False, f"header_matches {rule.header_matches.header} is not judged", (*assumed, note))
    if rule.except_if_header_matches is not None:
        header = rule.except_if_header_matches.header
        assumed.append(
            f"rule '{rule.name}': except_if_header_matches {header} depends on the message; a message as first "
            "sent is assumed not to carry it (once stamped, the exception stops the rule)"
        )
    return Verdict(True, "", tuple(assumed))
