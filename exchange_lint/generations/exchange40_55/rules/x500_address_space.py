"""EXL204: `X500` address space on Exchange 4.0-5.5, which routes directory names as `EX`."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization, spaces_of_type
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER


def check_x500(organization: Organization) -> Iterator[Problem]:
    if organization.exchange not in (None, "4.0", "5.0", "5.5"):
        return
    for connector, space in spaces_of_type(organization, "X500"):
        yield Problem(
            f"`X500` address space on '{connector.name}': Exchange {organization.exchange or '4.0-5.5'} routes "
            "directory names through `EX` address spaces; X500 exists only as a proxy address there (KB Q314739), "
            "so no recipient is routed by this entry",
            space.location,
            hint="use `EX:/O=org/OU=site` for directory-name routes",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL204",
    name="x500-address-space",
    severity=Severity.WARNING,
    summary="`X500` address space on Exchange 4.0-5.5, which routes directory names as `EX`",
    tags=("address-syntax",),
    check=check_x500,
    doc=RuleDoc(
        what="Reports address spaces of type `X500` in an Exchange 4.0, 5.0 or 5.5 organization.",
        why=(
            "The 4.0-5.5 GWART routes directory names in its `EX` section; `X500` appears in that generation "
            "only as a proxy address that keeps old directory names replyable after a mailbox moves. No "
            "recipient is routed by an X500 address space."
        ),
        example=TRADE_HEADER
        + """\
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    address_spaces: ["X500:/O=Contoso/OU=LONDON;1"]     # EXL204
""",
        use_instead=TRADE_HEADER
        + """\
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    address_spaces: ["EX:/O=Contoso/OU=LONDON;1"]
""",
        references=(
            kb(149121, "the GWART and its sections (EX, DDA, X400)"),
            kb(314739, "X500 proxy addresses keep old directory names replyable"),
        ),
        known_problems="Whether EX address spaces can be typed by hand in 4.0-5.5 is not documented.",
    ),
)
