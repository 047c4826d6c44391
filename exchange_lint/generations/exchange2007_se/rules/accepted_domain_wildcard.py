"""EXL407: an accepted domain `*`: the organization relays for every domain (misconfiguration catalog S34)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    for domain in organization.accepted_domains:
        if domain.domain.strip() == "*":
            yield Problem(
                f"accepted domain `*` ({domain.type}) makes the organization accept and relay mail for every "
                "domain: an open relay",
                domain.location,
                hint="accept only your own domains; for devices that relay, add a scoped anonymous-relay "
                "Receive connector",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL407",
    name="accepted-domain-wildcard",
    severity=Severity.ERROR,
    summary="accepted domain `*`: relay for every domain",
    tags=("security", "accepted-domain"),
    check=check,
    doc=RuleDoc(
        what="Reports an accepted domain whose `domain` is `*`, whatever its type.",
        why=(
            "An accepted domain `*` tells Exchange that every domain is its own to accept or relay for, so "
            "anyone can send mail anywhere through it (HealthChecker's 'Open Relay Domain'). HealthChecker also "
            "reports Transport crashes after the 2021 cumulative updates with an InternalRelay `*` domain."
        ),
        example=HEADER
        + """\
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: "*", type: InternalRelay}     # EXL407
""",
        use_instead=HEADER
        + """\
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
""",
        references=(
            "CSS-Exchange HealthChecker, Open Relay Domain "
            "https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/OpenRelayDomain/",
            "Accepted domains https://learn.microsoft.com/exchange/mail-flow/accepted-domains/accepted-domains",
        ),
    ),
)
