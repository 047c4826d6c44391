"""EXL206: a size, IP range, binding or address that the 2007–SE model could not read."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    # The model read each value once (`exchange_lint.quantities`) and kept what it could not read.
    for problem in organization.value_problems:
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
            "Exchange cmdlets accept."
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
    max_message_size: 35 megabytes           # EXL206
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
