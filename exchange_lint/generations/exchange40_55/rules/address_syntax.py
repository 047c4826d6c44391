"""EXL2xx: address spaces whose syntax cannot work for their type (domain doc §3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from exchange_lint.addresses import has_wildcard, x400_parts
from exchange_lint.findings import Severity
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

_HEADER = """\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
"""
_FULL_ADDRESS = re.compile(r"^[^@\s]+@[^@\s]+$")


def _spaces(organization: Organization, space_type: str) -> Iterator[tuple[Connector, AddressSpace]]:
    for connector in organization.connectors:
        for space in connector.address_spaces:
            if space.type == space_type:
                yield connector, space


def check_smtp_never_matches(organization: Organization) -> Iterator[Problem]:
    smtp = list(_spaces(organization, "SMTP"))
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
            f"the whole recipient address, local part included, so `user@{domain}` does not match it (KB Q229961); "
            f"{consequence}. Use `*@{domain}`",
            space.location,
        )


# Attribute limits of an X.400 address space (XOG04003, XGSAC003).
_X400_LIMITS = {
    "a": (1, 16),
    "p": (1, 16),
    "o": (1, 64),
    "ou1": (1, 32),
    "ou2": (1, 32),
    "ou3": (1, 32),
    "ou4": (1, 32),
}
_X400_ALIASES = {"admd": "a", "prmd": "p"}
_PRINTABLE = re.compile(r"^[A-Za-z0-9 '()+,\-./:=?*%]*$")


def x400_problems(address: str) -> Iterator[str]:
    """What is wrong with an X.400 address-space pattern, one sentence per problem."""
    seen: set[str] = set()
    units = 0
    for part in x400_parts(address):
        name, sep, value = part.partition("=")
        key = _X400_ALIASES.get(name.strip().lower(), name.strip().lower())
        if key == "ou":
            units += 1
            key = f"ou{units}"
        if not sep:
            yield f"`{part.strip()}` is not of the form attribute=value"
            continue
        if key not in ("c", *_X400_LIMITS):
            yield f"`{name.strip()}` is not an X.400 routing attribute (c, a, p, o, ou1-ou4)"
            continue
        if key in seen:
            yield f"attribute `{key}` appears twice"
        seen.add(key)
        if value == "":
            yield f"`{key}=` is empty (a single space, `a= `, is the valid blank ADMD; empty is not, KB Q145585)"
            continue
        if not _PRINTABLE.match(value):
            yield f"`{key}={value}` contains characters outside the X.400 printable string set"
        if has_wildcard(value):
            continue
        if key == "c" and not re.fullmatch(r"[A-Za-z]{2}|[0-9]{3}", value.strip()):
            yield f"country `c={value}` must be 2 letters or 3 digits"
        elif key in _X400_LIMITS:
            low, high = _X400_LIMITS[key]
            if not low <= len(value) <= high:
                yield f"`{key}` is {len(value)} characters long; {low}-{high} allowed"
    if "c" not in seen:
        yield "the country attribute `c` is missing (use `c=*` to match every country)"


def check_invalid_x400(organization: Organization) -> Iterator[Problem]:
    for connector, space in _spaces(organization, "X400"):
        if not space.address.strip():
            continue
        problems = list(x400_problems(space.address))
        if problems:
            yield Problem(
                f"X.400 address space `{space.address}` on '{connector.name}': {'; '.join(problems)}. The MTA "
                "compares c, a, p, o and ou1-ou4 field by field (XOG04003)",
                space.location,
            )


# Network names the MS Mail Connector rejects (KB Q175978).
RESERVED_NETWORKS = frozenset(
    {
        "ATTMAIL", "COMPUSERVE", "DISOSS", "EASYLINK", "ENVOY", "FAX", "GTE", "MCI", "MHS", "MSMAIL", "OV",
        "PROFS", "SMTP", "SNADS", "SOURCE", "VMGATE", "X400",
    }
)  # fmt: skip


def msmail_problems(address: str) -> Iterator[str]:
    parts = address.split("/")
    if len(parts) > 3:
        yield f"{len(parts)} components; MS Mail addresses are NETWORK/POSTOFFICE/MAILBOX"
    for label, part in zip(("network", "post office", "mailbox"), parts[:3], strict=False):
        literal = part.replace("*", "").replace("%", "")
        if len(literal) > 10 or (not has_wildcard(part) and len(part) > 10):
            yield f"{label} `{part}` is longer than 10 characters"
        if literal and not literal.isalnum():
            yield f"{label} `{part}` has characters other than letters and digits"
    network = parts[0].upper()
    if network in RESERVED_NETWORKS:
        yield f"`{parts[0]}` is a reserved MS Mail network name the connector rejects (KB Q175978)"


def check_invalid_msmail(organization: Organization) -> Iterator[Problem]:
    for connector, space in _spaces(organization, "MS"):
        if not space.address.strip():
            continue
        problems = list(msmail_problems(space.address.strip()))
        if problems:
            yield Problem(
                f"MS Mail address space `{space.address}` on '{connector.name}': {'; '.join(problems)} "
                "(MS Mail components are 1-10 letters and digits, XGSAC004)",
                space.location,
            )


def check_x500(organization: Organization) -> Iterator[Problem]:
    if organization.exchange not in (None, "4.0", "5.0", "5.5"):
        return
    for connector, space in _spaces(organization, "X500"):
        yield Problem(
            f"`X500` address space on '{connector.name}': Exchange {organization.exchange or '4.0-5.5'} routes "
            "directory names through `EX` address spaces; X500 exists only as a proxy address there (KB Q314739), "
            "so no recipient is routed by this entry. Use `EX:/O=org/OU=site` for directory-name routes",
            space.location,
        )


def check_wildcard_routing(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        for space in connector.address_spaces:
            if space.routing is not None and has_wildcard(space.routing):
                yield Problem(
                    f"routing address `{space.routing}` of `{space.type}:{space.address}` on '{connector.name}' "
                    "is a wildcard: the IMS rewrites recipients into malformed encapsulated addresses "
                    "(IMCEA...@*) and they come back as '553 malformed address' NDRs (KB Q189492); name a real "
                    "host or domain, or drop `routing`",
                    space.location,
                )


SMTP_NEVER_MATCHES = Rule(
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
        example=_HEADER
        + """\
  - {name: IMS, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:*;1"]}
  - {name: IMS partner, kind: internet_mail, server: TRADE, address_spaces: ["SMTP:partner.example;1"]}  # EXL201
""",
        use_instead=_HEADER
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

INVALID_X400 = Rule(
    id="EXL202",
    name="invalid-x400-address-space",
    severity=Severity.ERROR,
    summary="X.400 address space with an unknown, empty, duplicate or over-long attribute",
    tags=("address-syntax", "x400"),
    check=check_invalid_x400,
    doc=RuleDoc(
        what=(
            "Checks X.400 address spaces attribute by attribute: only the routing attributes c, a (ADMD), "
            "p (PRMD), o and ou1-ou4, each once, written `attr=value` and separated by `;` or `/`; the "
            "country is 2 letters or 3 digits; a and p 1-16 characters, o 1-64, each ou 1-32; printable "
            "characters only; `c` present. A single space (`a= `) is the valid blank ADMD; an empty value "
            "is not. Wildcards are allowed in any value."
        ),
        why=(
            "The MTA matches X.400 recipients field by field down the hierarchy c, a, p, o, ou. An attribute "
            "it does not route on, or a value the Administrator program would refuse, makes a route that "
            "matches nothing, or something else than intended."
        ),
        example=_HEADER
        + """\
  - name: X.400 Connector (TRADE)
    kind: x400
    server: TRADE
    address_spaces: ["X400:c=USA;a=;p=Contoso;1"]     # EXL202: c is 2 letters, a= is empty
""",
        use_instead=_HEADER
        + """\
  - name: X.400 Connector (TRADE)
    kind: x400
    server: TRADE
    address_spaces: ["X400:c=US;a= ;p=Contoso;1"]
""",
        references=(
            kb(145585, "the blank ADMD is a single space"),
            "Exchange 5.5 Operations, address-space properties (XOG04003): X.400 field lengths "
            "http://files.mpoli.fi/unpacked/software/win32/updates/sp1_550i.exe/eng/server/setup/i386/docs/htm/xog04003.htm",
        ),
    ),
)

INVALID_MSMAIL = Rule(
    id="EXL203",
    name="invalid-msmail-address-space",
    severity=Severity.ERROR,
    summary="MS Mail address space with a component over 10 characters or a reserved network name",
    tags=("address-syntax", "msmail"),
    check=check_invalid_msmail,
    doc=RuleDoc(
        what=(
            "Checks `MS` address spaces: at most NETWORK/POSTOFFICE/MAILBOX, each component 1-10 letters and "
            "digits (wildcards allowed), and a network name that is not one of the names the MS Mail Connector "
            "reserves for gateways (ATTMAIL, COMPUSERVE, DISOSS, EASYLINK, ENVOY, FAX, GTE, MCI, MHS, MSMAIL, "
            "OV, PROFS, SMTP, SNADS, SOURCE, VMGATE, X400)."
        ),
        why=(
            "MS Mail names are at most 10 characters, so a longer component matches no MS Mail recipient. "
            "The connector rejects the reserved network names, which MS Mail uses for its gateways."
        ),
        example=_HEADER
        + """\
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    address_spaces: ["MS:SMTP/*;1", "MS:HEADQUARTERS/*;1"]   # EXL203 twice
""",
        use_instead=_HEADER
        + """\
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    address_spaces: ["MS:CA/*;1", "MS:HQ/*;1"]
""",
        known_problems=(
            "Q175978 also lists `*EMS`; whether that means every network name ending in EMS is not clear, "
            "so such names are not reported."
        ),
        references=(
            kb(175978, "reserved MS Mail network names the connector rejects"),
            kb(116466, "MS Mail address formats"),
        ),
    ),
)

X500_ADDRESS_SPACE = Rule(
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
        example=_HEADER
        + """\
  - name: Site Connector (TRADE)
    kind: site
    server: TRADE
    address_spaces: ["X500:/O=Contoso/OU=LONDON;1"]     # EXL204
""",
        use_instead=_HEADER
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

WILDCARD_ROUTING_ADDRESS = Rule(
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
        example=_HEADER
        + """\
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces:
      - {type: SMTP, address: "*", routing: {type: SMTP, address: "*"}}   # EXL205
""",
        use_instead=_HEADER
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

RULES = (SMTP_NEVER_MATCHES, INVALID_X400, INVALID_MSMAIL, X500_ADDRESS_SPACE, WILDCARD_ROUTING_ADDRESS)
