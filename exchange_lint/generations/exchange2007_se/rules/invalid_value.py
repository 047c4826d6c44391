"""EXL206: a size, IP range, binding or address that the 2007–SE model could not read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization, ValueProblem
from exchange_lint.rules.api import Problem, Rule, RuleDoc
from exchange_lint.schema import load_schema
from exchange_lint.schema_check import Unsupported, is_valid


def _shape(notation: str) -> dict[str, Any]:
    """The schema's own definition of a notation: the loose pattern EXL002 checks."""
    root = load_schema()
    if notation == "ipAddress":
        return {"$defs": root["$defs"], **root["$defs"]["server2007"]["properties"]["ips"]["items"]}
    return {"$defs": root["$defs"], "$ref": f"#/$defs/{notation}"}


def refused_by_schema(problem: ValueProblem) -> bool:
    """Whether the schema already refuses the value's shape (EXL002 reports it, with the form it
    expects): one finding for one value. EXL206 keeps what has the right shape and still cannot be
    read (`10.0.5.0/33`, `999.0.0.1:25`), which a pattern cannot say."""
    if not problem.notation:
        return False
    try:
        return not is_valid(_shape(problem.notation), problem.value)
    except Unsupported:  # a keyword the plain checker does not know: report it here rather than lose it
        return False


def check(organization: Organization) -> Iterator[Problem]:
    # The model read each value once (`exchange_lint.quantities`) and kept what it could not read.
    for problem in organization.value_problems:
        if refused_by_schema(problem):
            continue
        yield Problem(
            problem.message,
            problem.location,
            hint="write it as the cmdlet takes it; until then the linter leaves the value out of its model",
        )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL206",
    name="invalid-value",
    severity=Severity.ERROR,
    summary="a size, IP range, binding or server address that cannot be read",
    tags=("syntax",),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a `max_message_size` or routing-test `size`, a `remote_ip_ranges` entry, a Receive "
            "connector binding or a server's `ips` entry that is not written in the notation the "
            "Exchange cmdlets accept. A value whose shape the schema's pattern already refuses (`35 "
            "megabytes`, `lots`, a binding without a port) is EXL002's, with the form it expects, and not "
            "reported again here: EXL206 is for the values of the right shape that still cannot be read "
            "(`35,5 MB`, a prefix `/33`, a port past 65535, a range whose end comes before its start)."
        ),
        why=(
            "`Set-SendConnector -MaxMessageSize`, `-RemoteIPRanges` and `-Bindings` refuse such a value, so "
            "the file does not describe anything Exchange can hold. The linter cannot reason about a limit "
            "or a range it cannot read: a rule that needs it stays silent about that connector."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Internet
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    max_message_size: 35,5 MB                # EXL206
receive_connectors:
  - name: Relay EX01
    server: EX01
    bindings: ["10.0.0.11:25"]
    remote_ip_ranges: ["10.0.5.0/33"]        # EXL206
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Internet
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    max_message_size: 35MB
receive_connectors:
  - name: Relay EX01
    server: EX01
    bindings: ["10.0.0.11:25"]
    remote_ip_ranges: ["10.0.5.0/24"]
    auth_mechanism: [Tls, ExternalAuthoritative]
    permission_groups: [ExchangeServers]
""",
        references=(
            "Set-SendConnector (-MaxMessageSize) https://learn.microsoft.com/powershell/module/exchange/set-sendconnector",
            "New-ReceiveConnector (-Bindings, -RemoteIPRanges) "
            "https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector",
        ),
    ),
)
