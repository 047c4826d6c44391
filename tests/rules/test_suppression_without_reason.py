"""EXL006 suppression-without-reason: on the `#` of a directive that suppresses without saying why."""

from __future__ import annotations

from pathlib import Path

from exchange_lint.config import Config
from exchange_lint.rules.suppression_without_reason import RULE
from tests.lint_helpers import lint_text

SRC = """\
# exchange-lint: disable-file=EXL204
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  # exchange-lint: disable=EXL103 --
  - {name: IMS 1, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS 2, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: Site, kind: site, server: TRADE, address_spaces: ["X500:/O=Contoso/OU=LONDON;1"]}
"""


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL006") == [(9, 46, "EXL006")]
    assert lint_text(RULE.doc.use_instead) == []


def test_file_wide_and_own_line_directives_with_no_reason_or_an_empty_one() -> None:
    assert lint_text(SRC) == [(1, 1, "EXL006"), (7, 3, "EXL006")]


def test_reasons_can_be_made_optional() -> None:
    optional = Config(root=Path.cwd(), suppression_reason_required=False)
    assert lint_text(SRC, config=optional) == []


def test_directives_with_a_reason_are_clean() -> None:
    src = SRC.replace("EXL204\n", "EXL204 -- X500 kept for the migration\n").replace(" --\n", " -- shared load\n")
    assert lint_text(src) == []
