"""EXL106: a `routing_tests` expectation the routing model does not meet (every generation that routes)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import import_module
from typing import Any

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55, EXCHANGE_2007_SE, EXCHANGE_ONLINE
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

ID = "EXL106"
NAME = "routing-test-failed"


def check(organization: Any) -> Iterator[Problem]:
    """Each generation runs its own route selection (`<generation>.routing.expectations`, picked
    by the package the organization's model comes from, as `support.per_generation` picks a
    rule's half); the rule is one, as its ID is (DESIGN §3, §9)."""
    generation_package = type(organization).__module__.rpartition(".")[0]
    failures: Any = import_module(f"{generation_package}.routing.expectations").failures
    yield from failures(organization)


RULE = Rule(
    generations=(EXCHANGE_40_55.id, EXCHANGE_2007_SE.id, EXCHANGE_ONLINE.id),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="a `routing_tests` expectation the routing model does not meet",
    tags=("routing", "tests"),
    check=check,
    doc=RuleDoc(
        what=(
            "Runs each entry of `routing_tests` through the routing model, as `exchange-lint route` does, "
            "and reports it when the outcome differs from `expect`: a connector name (it must be the only "
            "connector left, from every server of the origin site), `ndr` (no route) or `local` (a recipient "
            "of the origin's own site, delivered without a connector). A load-balanced "
            "outcome fails even when the expected connector is among those tied. For Exchange 2007–SE, "
            "`expect` is a Send connector, `local` (an Authoritative accepted domain), `unreachable` (SMTP "
            "with no route: the Unreachable queue) or `ndr`, and an optional `size` (`200MB`) routes a "
            "message of that size (connectors with a lower `max_message_size` are dropped first). For Exchange "
            "Online, `from` is `online` (the tenant) and `expect` is an outbound connector, `local` (an "
            "Authoritative accepted domain) or `mx` (no connector: delivered by the domain's MX); a route "
            "where one step leaves several connectors fails."
        ),
        why=(
            "Routing tests pin down the routes the organization depends on, like unit tests: a later change "
            "of a cost, a scope or an address space that moves internet mail to another connector, or makes "
            "it load-balanced as in Q169117, fails the commit instead of surprising users with NDRs."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
routing_tests:
  - {from: TRADE, recipient: "SMTP:ann@example.com", expect: IMS}   # EXL106: load-balanced
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
routing_tests:
  - {from: TRADE, recipient: "SMTP:ann@example.com", expect: IMS}
""",
        references=(
            kb(193322, "how the MTA selects a connector"),
            kb(169117, "SMTP address space on the MS Mail Connector: intermittent NDRs"),
            "Exchange Server: Connector selection, "
            "https://learn.microsoft.com/exchange/mail-flow/mail-routing/mail-routing#connector-selection",
        ),
    ),
)
