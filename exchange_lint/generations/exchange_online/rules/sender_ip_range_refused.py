"""EXL417: an inbound connector sender IP range that Exchange Online refuses: IPv6, or broader
than a /24 (misconfiguration catalog S38, New-InboundConnector -SenderIPAddresses)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.quantities import BadValue, parse_range
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.schema import load_schema
from exchange_lint.schema_check import Unsupported, is_valid

# "Valid subnet mask values are /24 through /32": at most 256 addresses in one entry.
WIDEST = 256


def shape_refused(value: str) -> bool:
    """Whether the schema's `ipRange` pattern already refuses the value (EXL002 reports it)."""
    root = load_schema()
    try:
        return not is_valid({"$defs": root["$defs"], "$ref": "#/$defs/ipRange"}, value)
    except Unsupported:
        return False


def why_refused(value: Any) -> str | None:
    """What the service says of one `sender_ip_addresses` entry, or None when it takes it."""
    try:
        found = parse_range(value)
    except BadValue as error:
        return None if isinstance(value, str) and shape_refused(value) else str(error)
    if found.version == 6:
        return f"{found.text!r} is IPv6, which sender_ip_addresses does not support"
    if found.size > WIDEST:
        return f"{found.text!r} is broader than a /24 ({found.size:,} addresses)"
    return None


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.inbound_connectors:
        for index, value in enumerate(connector.sender_ip_addresses):
            why = why_refused(value)
            if why is not None:
                yield Problem(
                    f"inbound connector '{connector.name}': {why}; Exchange Online refuses the connector",
                    connector.at_item("sender_ip_addresses", index),
                    hint="list single IPv4 addresses or CIDR ranges from /24 to /32 (split a wider range into /24s)",
                )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL417",
    name="sender-ip-range-refused",
    severity=Severity.ERROR,
    summary="an inbound connector sender IP range that is IPv6 or broader than /24",
    tags=("security", "inbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports each `sender_ip_addresses` entry of an inbound connector that is an IPv6 address or range, "
            "or an IPv4 range of more than 256 addresses (a CIDR shorter than /24, or a wider `first-last` "
            "range), at the entry; and an entry of the right shape that still cannot be read (`10.0.0.0/33`), "
            "with what was expected. A shape the schema refuses is EXL002's alone."
        ),
        why=(
            "New-InboundConnector takes IPv4 sender addresses only, single ones or CIDR ranges from /24 to /32, "
            "and refuses anything else: the connector cannot be created as written, so the partner's (or the "
            "on-premises servers') mail is not identified by it. A wide range also lets every host in it claim "
            "the connector's domains."
        ),
        example=HEADER
        + """\
inbound_connectors:
  - name: From Fabrikam
    sender_domains: [fabrikam.com]
    sender_ip_addresses:
      - "203.0.112.0/22"                     # EXL417
      - "2001:db8::25"                       # EXL417
    restrict_domains_to_ip_addresses: true
    require_tls: true
""",
        use_instead=HEADER
        + """\
inbound_connectors:
  - name: From Fabrikam
    sender_domains: [fabrikam.com]
    sender_ip_addresses: ["203.0.112.0/24", "203.0.113.0/24"]
    restrict_domains_to_ip_addresses: true
    require_tls: true
""",
        references=(
            "New-InboundConnector (SenderIPAddresses) "
            "https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector",
        ),
        known_problems="A `first-last` range of at most 256 addresses is not reported, though the cmdlet "
        "documents only single addresses and CIDR ranges.",
    ),
)
