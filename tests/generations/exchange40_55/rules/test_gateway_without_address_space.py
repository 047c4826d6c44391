"""EXL304 gateway-without-address-space: on the name of a gateway connector with no address space."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.gateway_without_address_space import RULE
from tests.lint_helpers import TRADE, lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL304") == [(6, 12, "EXL304")]
    assert lint_text(RULE.doc.use_instead) == []


def test_an_empty_list_or_none_at_all() -> None:
    src = TRADE + (
        "  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: []}\n"
        "  - name: Notes\n"
        "    kind: notes\n"
        "    server: TRADE\n"
    )
    assert lint_text(src, "EXL304") == [(6, 12, "EXL304"), (7, 11, "EXL304")]


def test_connectors_that_need_no_address_space() -> None:
    """An IMS that only receives, the MS Mail Connector (it adds its post offices itself) and the
    site-to-site connectors."""
    src = TRADE + (
        "  - {name: IMS in, kind: internet_mail, server: TRADE, transfer_mode: inbound_only}\n"
        "  - {name: MS Mail, kind: msmail, server: TRADE, postoffice: CA/TCAHQPO}\n"
        "  - {name: X.400, kind: x400, server: TRADE}\n"
    )
    assert lint_text(src) == []
