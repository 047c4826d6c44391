"""Recipient domains against an outbound connector's `recipient_domains`, and how specific a match is.

New-OutboundConnector: `contoso.com` names that domain exactly, `*.contoso.com` contoso.com and
every subdomain of it ("It sends messages to recipients in the contoso.com domain and all
subdomains", the cmdlet's Example 1), `*` every domain; a wildcard cannot sit inside a name.
"""

from __future__ import annotations

ANY = "*"


def normal(domain: str) -> str:
    return domain.strip().rstrip(".").casefold()


def domain_of(address: str) -> str:
    """The domain an SMTP address is routed by (after the last `@`), lower-cased."""
    return normal(address.rpartition("@")[2])


def is_exact(pattern: str, domain: str) -> bool:
    pattern = normal(pattern)
    return ANY not in pattern and pattern == domain


def wildcard_labels(pattern: str, domain: str) -> int | None:
    """How many labels a wildcard pattern (`*.contoso.com`: 2, `*`: 0) fixes when it covers
    `domain`; None when it is not a wildcard or does not cover it."""
    pattern = normal(pattern)
    if pattern == ANY:
        return 0
    if not pattern.startswith("*."):
        return None
    suffix = pattern[2:]
    if domain == suffix or domain.endswith("." + suffix):
        return len(suffix.split("."))
    return None


def within(domain: str, parents: tuple[str, ...]) -> bool:
    """The domain is one of `parents` or a subdomain of one (a transport rule's `-RecipientDomainIs`
    matches domains and their subdomains)."""
    return any(domain == normal(p) or domain.endswith("." + normal(p)) for p in parents if normal(p))
