"""EXL407 accepted-domain-wildcard: CSS-Exchange HealthChecker "Open Relay Domain" (catalog S34).

Source: https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/OpenRelayDomain/
"""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.rules.accepted_domain_wildcard import RULE
from tests.lint_helpers import lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL407") == [(11, 5, "EXL407")]
    assert lint_text(RULE.doc.use_instead, "EXL407") == []


def test_star_of_any_type() -> None:
    src = HEADER + "accepted_domains:\n  - {domain: ' * ', type: ExternalRelay}\n  - domain: '*'\n"
    assert lint_text(src, "EXL407") == [(10, 5, "EXL407"), (11, 5, "EXL407")]


def test_named_and_subdomain_wildcards() -> None:
    src = (
        HEADER
        + "accepted_domains:\n"
        + "  - {domain: '*.contoso.com', type: Authoritative}\n"
        + "  - {domain: fabrikam.com, type: InternalRelay}\n"
    )
    assert lint_text(src, "EXL407") == []
