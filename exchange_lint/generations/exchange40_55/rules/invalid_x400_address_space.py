"""EXL202: X.400 address space with an unknown, empty, duplicate or over-long attribute."""

from __future__ import annotations

import re
from collections.abc import Iterator

from exchange_lint.addresses import has_wildcard, x400_attributes
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization, spaces_of_type
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER

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


_PRINTABLE = re.compile(r"^[A-Za-z0-9 '()+,\-./:=?*%]*$")


def x400_problems(address: str) -> Iterator[str]:
    """What is wrong with an X.400 address-space pattern, one sentence per problem."""
    seen: set[str] = set()
    for part, key, value, assigned in x400_attributes(address):
        if not assigned:
            yield f"`{part.strip()}` is not of the form attribute=value"
            continue
        if key not in ("c", *_X400_LIMITS):
            yield f"`{part.partition('=')[0].strip()}` is not an X.400 routing attribute (c, a, p, o, ou1-ou4)"
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
    for connector, space in spaces_of_type(organization, "X400"):
        if not space.address.strip():
            continue
        problems = list(x400_problems(space.address))
        if problems:
            yield Problem(
                f"X.400 address space `{space.address}` on '{connector.name}': {'; '.join(problems)}",
                space.location,
                hint="the MTA compares c, a, p, o and ou1-ou4 field by field (XOG04003): correct each attribute",
            )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
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
        example=TRADE_HEADER
        + """\
  - name: X.400 Connector (TRADE)
    kind: x400
    server: TRADE
    address_spaces: ["X400:c=USA;a=;p=Contoso;1"]     # EXL202: c is 2 letters, a= is empty
""",
        use_instead=TRADE_HEADER
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
