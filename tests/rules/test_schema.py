"""EXL002 schema: one finding per violation, on the key or value that violates the schema."""

from __future__ import annotations

from pathlib import Path

from exchange_lint.config import Config
from exchange_lint.rules.schema import RULE
from tests.conftest import REPO
from tests.lint_helpers import lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL002") == [(6, 5, "EXL002")]  # the misspelt key
    assert lint_text(RULE.doc.use_instead) == []


def test_unknown_fields_sit_on_their_key() -> None:
    src = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, server: [TRADE]}
conectors: []
"""
    assert lint_text(src, "EXL002") == [(4, 19, "EXL002"), (5, 1, "EXL002")]


def test_wrong_values_sit_on_the_value() -> None:
    src = """\
version: "1"
organization: Contoso
exchange: 5.5
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces:
      - {type: SMTP, address: "*", cost: 0}
  - {name: "cc:Mail", kind: cc_mail, server: TRADE}
  - {name: 5, kind: x400, server: TRADE}
"""
    assert lint_text(src, "EXL002") == [
        (1, 10, "EXL002"),  # const 1, got a string
        (3, 11, "EXL002"),  # a number where "5.5" is meant
        (11, 42, "EXL002"),  # cost below 1
        (12, 29, "EXL002"),  # no such kind
        (13, 12, "EXL002"),  # a name that is a number
    ]


def test_missing_and_misplaced_fields() -> None:
    src = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    postoffice: CA/TCAHQPO
    address_spaces: ["SMTP:*;1"]
  - name: X.400
    server: TRADE
"""
    # postoffice belongs to msmail connectors (on its key); the X.400 has no `kind` (on the entry).
    assert lint_text(src, "EXL002") == [(9, 5, "EXL002"), (11, 5, "EXL002")]


def test_with_an_include_every_matched_file_is_a_connector_file() -> None:
    """Without `include` a file needs `version` and `organization` to be checked; with one, their
    absence is the finding (at the start of the document)."""
    src = "# routing for the lab\nversion: 1\nsites: []\n"
    assert lint_text(src) == []
    strict = Config(root=Path.cwd(), include=("*.yaml",))
    assert lint_text(src, config=strict) == [(2, 1, "EXL002")]


def test_valid_files_and_other_yaml_are_clean() -> None:
    assert lint_text((REPO / "examples" / "fabrikam-enterprise.yaml").read_text(encoding="utf-8")) == []
    assert lint_text("name: CI\non: push\njobs: {build: {runs-on: ubuntu-latest}}\n") == []
