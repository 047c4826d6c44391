"""EXL312 hub-transport-role-retired: Exchange 2013 and later have Mailbox and Edge Transport roles
only; Hub Transport exists in 2007 and 2010.

Source: https://learn.microsoft.com/exchange/architecture/architecture
"""

from __future__ import annotations

import pytest

from exchange_lint.generations.exchange2007_se.rules.hub_transport_role_retired import RULE
from tests.lint_helpers import lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL312") == [(7, 9, "EXL312")]
    assert lint_text(RULE.doc.use_instead, "EXL312") == []


@pytest.mark.parametrize(("exchange", "reported"), [("2007", False), ("2010", False), ("2013", True), ("SE", True)])
def test_bad_from_2013_good_in_2007_and_2010(exchange: str, reported: bool) -> None:
    src = RULE.doc.example.replace('"2019"', f'"{exchange}"').replace("[HubTransport]", "[Mailbox, HubTransport]")
    assert lint_text(src, "EXL312") == ([(7, 9, "EXL312")] if reported else [])
