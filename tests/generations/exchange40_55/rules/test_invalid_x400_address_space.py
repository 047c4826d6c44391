"""EXL202 invalid-x400-address-space: on the X.400 address space, one finding naming all its problems."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.rules.invalid_x400_address_space import RULE
from tests.lint_helpers import TRADE, lint_findings, lint_text

X400 = TRADE + "  - name: X.400 (TRADE)\n    kind: x400\n    server: TRADE\n    address_spaces:\n"


def test_doc_example() -> None:
    assert lint_text(RULE.doc.example, "EXL202") == [(9, 22, "EXL202")]
    (finding,) = (f for f in lint_findings(RULE.doc.example) if f.rule_id == "EXL202")
    assert "c=USA" in finding.message  # one finding for the space, whatever its problems
    assert lint_text(RULE.doc.use_instead) == []


def test_each_kind_of_problem() -> None:
    long_o = "O" * 65  # o is 1-64 characters
    src = X400 + (
        f'      - "X400:c=US;a= ;p=Contoso;o={long_o};1"\n'
        '      - "X400:a= ;p=Contoso;1"\n'  # no country
        '      - "X400:c=US;c=US;1"\n'  # an attribute twice
        '      - "X400:c=US;x=1;1"\n'  # not a routing attribute
        '      - "X400:c=US;Contoso;1"\n'  # not attribute=value
        '      - {type: X400, address: "c=US;p=Con~toso"}\n'  # outside the printable string set
    )
    assert lint_text(src, "EXL202") == [(line, 9, "EXL202") for line in range(10, 16)]


def test_valid_patterns_wildcards_aliases_and_blank() -> None:
    src = X400 + (
        '      - "X400:c=*;5"\n'
        '      - "X400:c=US;a= ;p=Contoso;o=TRADE;ou=Sales;ou=East;1"\n'
        '      - "X400:c=840;admd= ;prmd=Fabrikam;1"\n'
        '      - "X400:c=GB;a=TMAILUK;p=*;1"\n'
        '      - {type: X400, address: "", cost: 9}\n'
    )
    assert lint_text(src, "EXL202") == []
