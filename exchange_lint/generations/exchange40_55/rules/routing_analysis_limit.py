"""EXL113: a part of the organization the routing analysis leaves out, past one of its limits."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import MAX_ADDRESS_LENGTH
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.generations.exchange40_55.routing.analysis import MAX_SITES, MAX_TIE_PAIRS, MAX_TIES, analyse
from exchange_lint.generations.exchange40_55.routing.overlap import Search
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb

ID = "EXL113"
NAME = "routing-analysis-limit"


def _shown(space: AddressSpace) -> str:
    return f"`{space.type}:{space.address[:40]}…` ({len(space.address):,} characters)"


def _too_long(connector: Connector, space: AddressSpace) -> str:
    what = (
        f"the address {_shown(space)} that '{connector.name}' routes for a connected site"
        if space.implicit
        else f"address space {_shown(space)} on '{connector.name}'"
    )
    return (
        f"{what} is longer than the {MAX_ADDRESS_LENGTH:,} characters the routing analysis reads, far more than "
        "any Exchange address (an SMTP address is at most 256, RFC 5321): it is left out of every route, "
        "load-balancing check and routing test"
    )


def _limit(search: Search) -> str:
    """The limit the search reached: after fewer pairs than it when long ones counted as several (`pair_cost`)."""
    if search.counted == search.pairs:
        return "its limit"
    return f"long ones counting as several toward its limit of {MAX_TIE_PAIRS:,}"


def check(organization: Organization) -> Iterator[Problem]:
    analysis = analyse(organization)
    if analysis.oversized:
        yield Problem(
            f"organization '{organization.name}' has {len(analysis.topology.servers_of_site):,} sites, more than "
            f"the {MAX_SITES:,} the routing analysis models: no route, load-balancing check or routing test of it "
            "is analysed",
            organization.sites[MAX_SITES].location,
            hint="lint the sites in smaller organizations, or rely on routing tests of a part",
        )
        return
    for connector, space in analysis.index.too_long:
        yield Problem(
            _too_long(connector, space), space.location, hint="correct the address: no Exchange address is this long"
        )
    search = analysis.tie_search
    stopped = search.stopped_at
    if stopped is not None:
        yield Problem(
            f"the search for load-balanced routes (EXL103) stopped after comparing {search.pairs:,} pairs of "
            f"address spaces that may match alike, {_limit(search)} (a 10,000-connector organization needs "
            "about 25,000): ties of "
            f"`{stopped.type}:{stopped.address[:40]}` and of the address spaces not yet compared go unreported",
            stopped.members[0][1].location,
            hint="narrow the overlapping wildcard address spaces, or split the organization's files",
        )
    full = analysis.ties_stopped_at
    if full is not None:
        yield Problem(
            f"the search for load-balanced routes (EXL103) stopped after finding {MAX_TIES:,} groups of tied "
            "routes, its limit (a 10,000-connector organization has about 1,100): ties of "
            f"`{full.type}:{full.address[:40]}` and of the address spaces not yet checked go unreported",
            full.members[0][1].location,
            hint="give the routes that tie different costs or more specific address spaces (EXL103 lists them)",
        )


_LONG_ADDRESS = "\\\n          ".join(["*@" + "a" * 88, *["a" * 90] * 10, "a" * 50 + ".example"])

RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="part of the organization is past a limit of the routing analysis and is left out",
    tags=("routing",),
    check=check,
    doc=RuleDoc(
        what=(
            f"Reports what the routing analysis leaves out: an address space (or a connected site's address) "
            f"longer than {MAX_ADDRESS_LENGTH:,} characters, an organization of more than {MAX_SITES:,} sites, "
            f"and a search for load-balanced routes (EXL103) that stopped after {MAX_TIE_PAIRS:,} pairs of "
            f"address spaces (a pair of long ones counts as several) or {MAX_TIES:,} groups of tied routes. "
            "The routing rules (EXL101, EXL103, EXL105, "
            "EXL106, EXL110, EXL112), `route`, `gwart` and `graph` then say nothing about what was left out."
        ),
        why=(
            "The limits keep a small file from costing minutes or gigabytes: finding a recipient that two "
            "patterns share costs time with the product of their lengths, and path costs are kept from every "
            "site to every other. They are far above anything Exchange takes (an SMTP address is at most 256 "
            "characters, RFC 5321; an X.400 O/R address a few hundred, XGSAC003), so an address past them is "
            "a mistake in the file, and a silent gap in the routing checks would pass it for clean."
        ),
        example=f"""\
version: 1
organization: Contoso
sites:
  - {{name: TRADE, servers: [TRADE]}}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces:
      - type: SMTP          # EXL113: 1,040 characters
        address: "{_LONG_ADDRESS}"
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: IMS
    kind: internet_mail
    server: TRADE
    address_spaces:
      - {type: SMTP, address: "*@partner.example"}
""",
        references=(
            kb(193322, "how the MTA selects a connector: what the routing analysis follows"),
            "RFC 5321 §4.5.3.1.3: an SMTP path is at most 256 octets https://www.rfc-editor.org/rfc/rfc5321",
            "Exchange 5.5 documentation, X.400 address attributes and their lengths (XGSAC003)",
        ),
    ),
)
