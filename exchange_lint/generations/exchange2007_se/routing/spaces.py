"""Send connector address spaces against a recipient, and how specific each match is.

From Exchange 2007 an SMTP address space names a domain, not an address ("Send connector address
space", Connector selection): `contoso.com` matches that domain only, `*.contoso.com` contoso.com
and every subdomain of it, `*` everything; `--` is the Edge's own space toward the organization
and routes nothing from inside it. A custom (non-SMTP) type matches recipients of its own type,
with the 4.0–5.5 pattern classes (`addresses.match`).
"""

from __future__ import annotations

from typing import NamedTuple

from exchange_lint.addresses import Recipient, match

SMTP = "SMTP"
EDGE_SPACE = "--"
ANY = "*"


class Specificity(NamedTuple):
    """How specific a match is; greater wins. For SMTP: exact domain (rank 3) over `*.suffix`
    (rank 2) over `*` (rank 1), the more labels the better within a rank."""

    rank: int
    labels: int
    kind: str

    def __str__(self) -> str:
        return self.kind


def domain_of(recipient: Recipient) -> str:
    """The domain an SMTP recipient is routed by (after the last `@`), lower-cased."""
    return recipient.address.rpartition("@")[2].strip().rstrip(".").casefold()


def labels(domain: str) -> int:
    return len(domain.split(".")) if domain else 0


def smtp_pattern(address: str) -> str:
    return address.strip().rstrip(".").casefold()


def smtp_specificity(pattern: str, domain: str) -> Specificity | None:
    """How `pattern` (an SMTP address space) matches `domain`, or None when it does not."""
    pattern = smtp_pattern(pattern)
    if pattern == ANY:
        return Specificity(1, 0, "*")
    if pattern == EDGE_SPACE or not pattern:
        return None
    if pattern.startswith("*."):
        suffix = pattern[2:]
        if domain == suffix or domain.endswith("." + suffix):
            return Specificity(2, labels(suffix), f"*.{suffix}")
        return None
    return Specificity(3, labels(pattern), "exact") if pattern == domain else None


def specificity(space_type: str, pattern: str, recipient: Recipient) -> Specificity | None:
    """How an address space of `space_type` matches the recipient, or None."""
    if space_type != recipient.type:
        return None
    if space_type == SMTP:
        return smtp_specificity(pattern, domain_of(recipient))
    found = match(space_type, pattern, recipient)
    return None if found is None else Specificity(found.rank, found.literals, str(found))


def broad(space_type: str, pattern: str) -> bool:
    """`*` or a wildcard over a top-level domain (`*.com`): a catch-all for internet mail."""
    if space_type != SMTP:
        return False
    pattern = smtp_pattern(pattern)
    return pattern == ANY or (pattern.startswith("*.") and labels(pattern[2:]) <= 1)


def covers(pattern: str, domain: str) -> bool:
    """An SMTP space (or a `*.parent` accepted domain) that takes every address of `domain`."""
    return smtp_specificity(pattern, smtp_pattern(domain)) is not None
