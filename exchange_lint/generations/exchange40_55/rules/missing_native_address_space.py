"""EXL111: gateway connector without an address space of its own type: its recipients get NDRs."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.kinds import (
    NATIVE_TYPES,
    REQUIRES_NATIVE_SPACE,
)
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER


def check_missing_native(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if connector.kind not in REQUIRES_NATIVE_SPACE or not connector.address_spaces:
            continue  # no address space at all: EXL304
        native = NATIVE_TYPES[connector.kind]
        if any(space.type in native for space in connector.address_spaces):
            continue
        wanted = sorted(native)[0]
        yield Problem(
            f"{connector.kind} connector '{connector.name}' has no {wanted} address space, so no {wanted} recipient is "
            f'routed to it ("The recipient name is not recognized", MTA event 142, KB Q186235)',
            connector.location,
            hint=f"add `{wanted}:*;1` (KB Q201058)",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL111",
    name="missing-native-address-space",
    severity=Severity.ERROR,
    summary="gateway connector without an address space of its own type: its recipients get NDRs",
    tags=("routing",),
    check=check_missing_native,
    doc=RuleDoc(
        what=(
            "Reports a cc:Mail, Notes, GroupWise, PROFS or SNADS connector that has address spaces but none "
            "of its own type (CCMAIL, NOTES, GWISE, PROFS, SNADS). A connector with no address space at all is "
            "EXL304."
        ),
        why=(
            "The MTA routes a recipient only through an address space of the recipient's type. Without "
            '`CCMAIL:*` the cc:Mail connector receives no cc:Mail mail: senders get "The recipient name is '
            'not recognized" and the MTA logs event 142.'
        ),
        example=TRADE_HEADER
        + """\
  - name: cc:Mail Connector (TRADE)                # EXL111: no CCMAIL address space
    kind: ccmail
    server: TRADE
    address_spaces: ["CCMAIL2:*;1"]                 # EXL102
""",
        use_instead=TRADE_HEADER
        + """\
  - name: cc:Mail Connector (TRADE)
    kind: ccmail
    server: TRADE
    address_spaces: ["CCMAIL:*;1"]
""",
        references=(
            kb(186235, "cc:Mail connector without address space: NDR and event 142"),
            kb(201058, "NDRs to cc:Mail: the CCMAIL address space should be * or blank"),
            kb(133403, '"The recipient name is not recognized"'),
        ),
    ),
)
