"""EXL106 routing-test-failed: on the `routing_tests` entry whose expectation is not met."""

from __future__ import annotations

from exchange_lint.rules.routing_test_failed import RULE
from tests.lint_helpers import TRADE, lint_text

CONNECTORS = TRADE + (
    '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
    '  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}\n'
    "routing_tests:\n"
)
PASSING = """\
  - {from: TRADE, recipient: "SMTP:ann@example.com", expect: IMS}
  - {from: TRADE, recipient: "SMTP:ann@partner.example", expect: IMS partner}
  - {from: TRADE, recipient: "X400:c=US;a= ;p=Fabrikam;s=Ann", expect: ndr}
  - {from: TRADE, recipient: "EX:/O=Contoso/OU=TRADE/CN=Recipients/CN=ann", expect: local}
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL106") == [(9, 5, "EXL106")]
    assert lint_text(RULE.doc.use_instead) == []


def test_each_way_a_routing_test_fails() -> None:
    src = CONNECTORS + (
        '  - {from: TRADE, recipient: "SMTP:ann@partner.example", expect: IMS}\n'  # another connector wins
        '  - {from: TRADE, recipient: "SMTP:bob@example.com", expect: ndr}\n'  # it is routed
        '  - {from: TRADE, recipient: "MS:CA/PO/ANN", expect: local}\n'  # no route at all
        '  - {from: LONDON, recipient: "SMTP:ann@example.com", expect: IMS}\n'  # no such origin
        '  - {from: TRADE, recipient: "ann@example.com", expect: IMS}\n'  # no address type
        '  - {from: TRADE, recipient: "SMTP:ann@example.com", expect: IMS 3}\n'  # no such connector
        '  - {from: TRADE, recipient: "EX:/O=Contoso/OU=TRADE/CN=Recipients/CN=ann", expect: IMS}\n'  # local
    )
    assert lint_text(src, "EXL106") == [(line, 5, "EXL106") for line in range(9, 16)]


def test_tests_the_routing_model_meets_are_clean() -> None:
    assert lint_text(CONNECTORS + PASSING) == []
