"""EXL113 routing-analysis-limit: on what the routing analysis leaves out, past one of its limits."""

from __future__ import annotations

from exchange_lint.addresses import MAX_ADDRESS_LENGTH
from exchange_lint.generations.exchange40_55.routing.analysis import MAX_SITES
from exchange_lint.generations.exchange40_55.rules.routing_analysis_limit import RULE
from tests.lint_helpers import TRADE, lint_findings, lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL113") == [(10, 9, "EXL113")]
    assert lint_text(RULE.doc.use_instead) == []


def test_a_compact_address_space_one_past_the_limit_is_left_out_and_said() -> None:
    long = "a" * (MAX_ADDRESS_LENGTH - len("*@")) + "x"  # one character past the limit
    src = TRADE + f'  - {{name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@{long};1"]}}\n'
    assert lint_text(src, "EXL113") == [(6, 70, "EXL113")]  # the quoted entry after `[`
    (finding,) = lint_findings(src)
    assert "left out of every route" in finding.message and finding.hint


def test_an_address_space_at_the_limit_is_analysed() -> None:
    exact = "a" * (MAX_ADDRESS_LENGTH - len("*@"))
    src = TRADE + f'  - {{name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@{exact};1"]}}\n'
    assert lint_text(src, "EXL113") == []


def test_an_organization_past_the_site_limit_is_named_at_the_first_site_left_out() -> None:
    sites = "".join(f"  - {{name: S{n}, servers: [E{n}]}}\n" for n in range(MAX_SITES + 2))
    src = "version: 1\norganization: Contoso\nsites:\n" + sites + "connectors: []\n"
    # The first site past the limit is on line 4 + MAX_SITES; its name starts at column 12.
    assert lint_text(src, "EXL113") == [(4 + MAX_SITES, 12, "EXL113")]
