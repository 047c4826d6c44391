"""EXL205: IMS routing address that is a wildcard: malformed encapsulated addresses and NDRs."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import has_wildcard
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER


def check_wildcard_routing(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        for space in connector.address_spaces:
            if space.routing is not None and has_wildcard(space.routing):
                yield Problem(
                    f"routing address `{space.routing}` of `{space.type}:{space.address}` on '{connector.name}' "
                    "is a wildcard: the IMS rewrites recipients into malformed encapsulated addresses "
                    "(IMCEA...@*) and they come back as '553 malformed address' NDRs (KB Q189492)",
                    space.location,
                    hint="name a real host or domain, or drop `routing`",
                )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL205",
    name="wildcard-routing-address",
    severity=Severity.ERROR,
    summary="IMS routing address that is a wildcard: malformed encapsulated addresses and NDRs",
    tags=("address-syntax", "internet-mail"),
    check=check_wildcard_routing,
    doc=RuleDoc(
        what="Reports an address space whose IMS routing address (`routing: {address: ...}`) contains `*` or `%`.",
        why=(
            "The IMS rewrites recipients of that address space to the routing address. A wildcard there "
            "produces malformed encapsulated addresses such as `IMCEA...@*`, which remote hosts reject with "
            "'553 malformed address'."
        ),
        example=TRADE_HEADER
        + """\
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces:
      - {type: SMTP, address: "*", routing: {type: SMTP, address: "*"}}   # EXL205
""",
        use_instead=TRADE_HEADER
        + """\
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces:
      - {type: SMTP, address: "*"}
""",
        references=(kb(189492, "IMS address-space routing entry `*` gives malformed addresses"),),
    ),
)
