"""EXL102 undeliverable-address-type: on the address space the connector cannot deliver."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.undeliverable_address_type import RULE
from tests.lint_helpers import TRADE, lint_text


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL102") == [(9, 34, "EXL102")]
    assert lint_text(RULE.doc.use_instead) == []


def test_msmail_without_the_gateway_and_a_gateway_of_another_system() -> None:
    src = TRADE + (
        '  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}\n'
        "  - name: MS Mail Connector (TRADE)\n"
        "    kind: msmail\n"
        "    server: TRADE\n"
        "    postoffice: CA/TCAHQPO\n"
        '    address_spaces: ["MS:CA/*;1", "FAX:;1"]\n'
        '  - {name: "cc:Mail", kind: ccmail, server: TRADE, address_spaces: ["CCMAIL:*;1", "NOTES:*;1"]}\n'
    )
    assert lint_text(src, "EXL102") == [(11, 35, "EXL102"), (12, 83, "EXL102")]


def test_what_each_kind_can_deliver() -> None:
    """The IMS with connected sites carries other types encapsulated; an MS Mail gateway reached
    through access components delivers its type; an IMS that never sends is EXL108's."""
    src = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
  - {name: PARIS, servers: [PARIS1]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    connected_sites: [{name: PARIS, cost: 1}]
    address_spaces: ["SMTP:*;1", "X400:c=FR;a= ;p=Contoso;1"]
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    gateways: [{type: FAX, postoffice: CA/FAXPO, access_components: true}]
    address_spaces: ["MS:CA/*;1", "FAX:;1"]
  - name: Inbound
    kind: internet_mail
    server: TRADE
    transfer_mode: inbound_only
    address_spaces: ["X400:c=DE;a= ;p=Contoso;1"]
  - {name: X.400 (PARIS), kind: x400, server: PARIS1, address_spaces: ["NOTES:*;1"]}
"""
    assert lint_text(src, "EXL102") == []
    assert lint_text(src, "EXL108") == [(22, 22, "EXL108")]
