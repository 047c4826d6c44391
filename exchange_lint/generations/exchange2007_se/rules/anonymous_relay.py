"""EXL402: a Receive connector that relays anonymously for the internet, or on a default connector
(misconfiguration catalog S26)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import (
    HEADER,
    is_default_receive_connector,
    reaches_internet,
    relay_methods,
    remote_ranges,
)
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.receive_connectors:
        methods = relay_methods(connector)
        if not methods:
            continue
        name = f"Receive connector '{connector.name}'"
        wide = [span.text for span in remote_ranges(connector) if reaches_internet(span)]
        if wide:
            yield Problem(
                f"{name} relays anonymously ({methods[0]}) for {', '.join(wide)}: an open relay for the internet",
                connector.at("remote_ip_ranges"),
                hint="list only the internal hosts that must relay in `remote_ip_ranges`",
            )
        elif is_default_receive_connector(connector):
            yield Problem(
                f"{name} is one of Setup's default connectors and relays anonymously ({methods[0]})",
                connector.location,
                hint="create a dedicated relay connector for the hosts that need it; never add relay to a default one",
            )
        if len(methods) > 1:
            yield Problem(
                f"{name} grants relay twice ({' and '.join(methods)})",
                connector.at("permission_groups"),
                severity=Severity.WARNING,
                hint="pick one method; ExternalAuthoritative also skips anti-spam and size limits",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL402",
    name="anonymous-relay",
    severity=Severity.ERROR,
    summary="a Receive connector that relays anonymously for the internet or on a default connector",
    tags=("security", "receive-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a Receive connector that grants anonymous relay (the `AnonymousUsers` permission group with "
            "`Ms-Exch-SMTP-Accept-Any-Recipient` for `NT AUTHORITY\\ANONYMOUS LOGON`, or `ExchangeServers` with "
            "`ExternalAuthoritative`) to remote ranges that reach the internet (none written, "
            "`0.0.0.0-255.255.255.255`, `0.0.0.0/0`, `::/0`, or a public range wider than a /24, a /64 in IPv6); "
            "one of Setup's `Default …` connectors that grants relay; and (warning) a connector that grants it "
            "both ways."
        ),
        why=(
            "A relay connector open to the internet lets anyone send mail anywhere through the organization: "
            "spam leaves from its addresses and its mail is blocked elsewhere. Microsoft's anonymous relay "
            "page says to limit relay to named internal hosts on a dedicated connector and never to add it to "
            "the default ones. Externally secured relay also skips anti-spam and message size limits."
        ),
        example=HEADER
        + """\
receive_connectors:
  - name: Relay EX01
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["0.0.0.0/0"]          # EXL402, EXL310 (it also catches EDGE01)
    permission_groups: [AnonymousUsers]
    extended_rights:
      - {principal: "NT AUTHORITY\\\\ANONYMOUS LOGON", rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}
""",
        use_instead=HEADER
        + """\
receive_connectors:
  - name: Relay EX01
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["10.0.5.20", "10.0.5.21"]
    permission_groups: [AnonymousUsers]
    extended_rights:
      - {principal: "NT AUTHORITY\\\\ANONYMOUS LOGON", rights: [Ms-Exch-SMTP-Accept-Any-Recipient]}
""",
        references=(
            "Allow anonymous relay on Exchange servers "
            "https://learn.microsoft.com/exchange/mail-flow/connectors/allow-anonymous-relay",
            "New-ReceiveConnector https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector",
        ),
    ),
)
