"""EXL005 unused-suppression: on the `#` of a directive that covers nothing or cannot be read."""

from __future__ import annotations

from exchange_lint.rules.unused_suppression import RULE
from tests.lint_helpers import lint_text

IMS = '{name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}'


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL005") == [(4, 39, "EXL005")]
    assert lint_text(RULE.doc.use_instead) == []


def test_every_way_a_directive_covers_nothing() -> None:
    src = f"""\
# exchange-lint: disable-file=EXL204 -- no X500 space in this file
version: 1
organization: Contoso
sites:
  - {{name: TRADE, servers: [TRADE]}}  # exchange-lint: disable EXL103
connectors:
  # exchange-lint: disable=EXL103 -- the IMS below ties with nothing
  - {IMS}  # exchange-lint: disable=EXL999 -- a rule that does not exist
"""
    assert lint_text(src) == [
        (1, 1, "EXL005"),  # file-wide, nothing to cover
        (5, 38, "EXL005"),  # unreadable: no `=`
        (7, 3, "EXL005"),  # alone on its line, nothing on the next
        (8, 84, "EXL005"),  # names no rule
    ]


def test_a_directive_alone_on_a_line_does_not_reach_past_the_next_line() -> None:
    src = f"""\
version: 1
organization: Contoso
sites:
  - {{name: TRADE, servers: [TRADE]}}
connectors:
  # exchange-lint: disable=EXL103 -- shared on purpose

  - {IMS}
  - {IMS.replace("IMS,", "IMS 2,")}
"""
    assert lint_text(src) == [(6, 3, "EXL005"), (8, 70, "EXL103")]


def test_suppressions_that_suppress_are_not_reported() -> None:
    src = f"""\
# exchange-lint: disable-file=EXL204 -- X500 spaces kept for the migration
version: 1
organization: Contoso
sites:
  - {{name: TRADE, servers: [TRADE]}}
connectors:
  # exchange-lint: disable=ambiguous-route -- two IMSs share the load on purpose
  - {IMS}
  - {IMS.replace("IMS,", "IMS 2,")}
  - name: Partner
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:partner.example;1"]  # exchange-lint: disable=EXL2 -- partner relay, ticket 7
  - {{name: Site, kind: site, server: TRADE, address_spaces: ["X500:/O=Contoso/OU=LONDON;1"]}}
"""
    assert lint_text(src) == []
