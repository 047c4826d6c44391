"""EXL201: SMTP address space that is a bare domain: it never matches a real address."""

from __future__ import annotations

import re
from collections.abc import Iterator

from exchange_lint.addresses import has_wildcard
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization, spaces_of_type
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER

_FULL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+$")


def check_smtp_never_matches(organization: Organization) -> Iterator[Problem]:
    smtp = list(spaces_of_type(organization, "SMTP"))
    for connector, space in smtp:
        address = space.address.strip()
        if not address or has_wildcard(address) or _FULL_ADDRESS.match(address) or "!" in address:
            continue
        domain = address.lstrip("@")
        alone = len(smtp) == 1
        consequence = (
            "it is the only SMTP address space in the organization, so every SMTP recipient gets an NDR"
            if alone
            else "mail for that domain takes whatever other SMTP route matches"
        )
        yield Problem(
            f"SMTP address space `{address}` on '{connector.name}' never matches a real address: the MTA compares "
            f"the whole recipient address, local part included, so `user@{domain}` does not match it (KB Q229961): "
            f"{consequence}",
            space.location,
            hint=f"use `*@{domain}`",
        )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id="EXL201",
    name="smtp-address-never-matches",
    severity=Severity.WARNING,
    summary="SMTP address space that is a bare domain: it never matches a real address",
    tags=("address-syntax", "routing"),
    check=check_smtp_never_matches,
    doc=RuleDoc(
        what=(
            "Reports an SMTP address space that has no wildcard and is not a complete `local@domain` "
            "address, such as `company.com` or `@company.com`."
        ),
        why=(
            "The 4.0-5.5 MTA compares the pattern with the whole recipient address, local part included; "
            "it does not resolve domains the way DNS routing does. `user@company.com` therefore never matches "
            "`company.com`, and mail for that domain goes through some other SMTP route, or gets a "
            "non-delivery report when there is none."
        ),
        example=TRADE_HEADER
        + """\
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:partner.example;1"]}  # EXL201
""",
        use_instead=TRADE_HEADER
        + """\
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*@partner.example;1"]}
""",
        references=(
            kb(229961, "restrictive IMS address spaces do not match: the whole address is compared"),
            kb(196793, "restricting an IMS to a domain with *@domain"),
        ),
    ),
)
