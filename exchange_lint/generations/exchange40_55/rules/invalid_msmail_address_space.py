"""EXL203: MS Mail address space with a component over 10 characters or a reserved network name."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.addresses import has_wildcard
from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import Organization, spaces_of_type
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.rules.kb import kb
from exchange_lint.rules.support import TRADE_HEADER

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
    for connector, space in spaces_of_type(organization, "MS"):
        if not space.address.strip():
            continue
        problems = list(msmail_problems(space.address.strip()))
        if problems:
            yield Problem(
                f"MS Mail address space `{space.address}` on '{connector.name}': {'; '.join(problems)}",
                space.location,
                hint="MS Mail components are 1-10 letters and digits (XGSAC004)",
            )


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
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
        example=TRADE_HEADER
        + """\
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    address_spaces: ["MS:SMTP/*;1", "MS:HEADQUARTERS/*;1"]   # EXL203 twice
""",
        use_instead=TRADE_HEADER
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
