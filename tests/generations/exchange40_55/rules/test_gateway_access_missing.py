"""EXL104 gateway-access-missing: on the MS Mail gateway the connector post office cannot reach."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.gateway_access_missing import RULE
from tests.lint_helpers import TRADE, lint_text

MSMAIL = "  - name: MS Mail Connector (TRADE)\n    kind: msmail\n    server: TRADE\n    postoffice: CA/TCAHQPO\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL104") == [(11, 9, "EXL104")]
    assert lint_text(RULE.doc.use_instead) == []


def test_gateways_on_the_connector_post_office_or_elsewhere_without_access_components() -> None:
    """The SMTP and X.400 gateways cannot run on the connector post office (XOG10020; MS Mail names
    are not case-sensitive); a gateway elsewhere needs access components."""
    src = (
        TRADE
        + MSMAIL
        + "    gateways:\n"
        + "      - {type: SMTP, postoffice: ca/tcahqpo}\n"
        + "      - {type: X400, postoffice: CA/X400PO}\n"
        + "      - {type: MHS}\n"
        + '    address_spaces: ["MS:CA/*;1"]\n'
    )
    assert lint_text(src, "EXL104") == [(11, 9, "EXL104"), (12, 9, "EXL104"), (13, 9, "EXL104")]


def test_gateways_the_connector_post_office_reaches() -> None:
    src = (
        TRADE
        + MSMAIL
        + "    gateways:\n"
        + "      - {type: FAX, postoffice: CA/TCAHQPO}\n"  # installed on the connector post office itself
        + "      - {type: SMTP, postoffice: CA/GWPO, access_components: true}\n"
        + '    address_spaces: ["MS:CA/*;1", "FAX:;1", "SMTP:*@partner.example;1"]\n'
    )
    assert lint_text(src) == []
