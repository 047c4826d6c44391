"""EXL101 msmail-smtp-without-gateway (Q169117): on the SMTP address space of the MS Mail connector."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.msmail_smtp_without_gateway import RULE
from tests.lint_helpers import TRADE, lint_findings, lint_text

IMS = '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
MSMAIL = "  - name: MS Mail Connector (TRADE)\n    kind: msmail\n    server: TRADE\n    postoffice: CA/TCAHQPO\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL101") == [(16, 9, "EXL101")]
    assert lint_text(RULE.doc.use_instead) == []


def test_with_only_an_att_gateway_bang_paths_pass_and_broader_spaces_do_not() -> None:
    src = (
        TRADE
        + IMS
        + MSMAIL
        + "    gateways: [{type: ATT, postoffice: CA/ATTPO, access_components: true}]\n"
        + '    address_spaces: ["MS:CA/*;1", "SMTP:*!*;2", "SMTP:*@attmail.example;1"]\n'
    )
    assert lint_text(src, "EXL101") == [(12, 49, "EXL101")]


def test_an_smtp_gateway_the_connector_post_office_cannot_reach() -> None:
    """Without access components, and never on the connector post office itself (XOG10020);
    the gateway is the related location."""
    for gateway_postoffice, gateway_line in (("CA/GWPO", 12), ("CA/TCAHQPO", 12)):
        src = (
            TRADE
            + IMS
            + MSMAIL
            + "    gateways:\n"
            + f"      - {{type: SMTP, postoffice: {gateway_postoffice}}}\n"
            + "    address_spaces:\n"
            + '      - {type: MS, address: "CA/*"}\n'
            + '      - {type: SMTP, address: "*@partner.example", cost: 1}\n'
            + '      - {type: SMTP, address: ""}\n'
        )
        assert lint_text(src, "EXL101") == [(15, 9, "EXL101"), (16, 9, "EXL101")], gateway_postoffice
        found = [f for f in lint_findings(src) if f.rule_id == "EXL101"]
        assert [[(r.region.start_line, r.region.start_column) for r in f.related] for f in found] == [
            [(gateway_line, 9)],
            [(gateway_line, 9)],
        ]


def test_with_only_smtp_spaces_it_is_reported_but_not_removed() -> None:
    """Removing the last address space is for a person to decide: no fix is offered."""
    src = TRADE + IMS + MSMAIL + '    address_spaces: ["SMTP:*@partner.example;1"]\n'
    assert lint_text(src, "EXL101") == [(11, 22, "EXL101")]
    (finding,) = (f for f in lint_findings(src) if f.rule_id == "EXL101")
    assert finding.fix is None


def test_an_msmail_connector_with_a_reachable_smtp_gateway_is_clean() -> None:
    src = (
        TRADE
        + IMS
        + MSMAIL
        + "    gateways: [{type: SMTP, postoffice: CA/GWPO, access_components: true}]\n"
        + '    address_spaces: ["MS:CA/*;1", "SMTP:*@partner.example;1"]\n'
    )
    assert lint_text(src) == []


def test_an_msmail_connector_without_smtp_spaces_is_not_this_rule() -> None:
    src = TRADE + IMS + MSMAIL + '    address_spaces: ["MS:CA/*;1", "X400:c=US;a= ;p=Contoso;1"]\n'
    assert lint_text(src, "EXL101") == []
