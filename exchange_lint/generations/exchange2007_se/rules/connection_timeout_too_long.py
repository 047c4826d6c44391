"""EXL413 (CIS or DISA profile): a connector that keeps idle or long connections open longer than
the benchmarks allow (STIG hygiene: CIS 2.2.6 and DISA EX19-MB-000132 for Send connectors, DISA
EX16-MB-000550 and EX19-ED-000159 for Receive connectors)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

SEND_MOST = 10 * 60  # CIS 2.2.6 and DISA: ConnectionInactivityTimeOut 00:10:00 at most
RECEIVE_MOST = 10 * 60  # DISA Mailbox: ConnectionTimeout 00:10:00
EDGE_RECEIVE_MOST = 5 * 60  # DISA Edge: ConnectionTimeout 00:05:00


def _shown(seconds: int) -> str:
    """Seconds as the cmdlets print a TimeSpan: `00:10:00`, `1.02:00:00`."""
    days, rest = divmod(seconds, 86_400)
    hours, rest = divmod(rest, 3_600)
    minutes, seconds = divmod(rest, 60)
    return f"{days}." * bool(days) + f"{hours:02}:{minutes:02}:{seconds:02}"


def check(organization: Organization) -> Iterator[Problem]:
    # A finding per benchmark that holds the opinion; the engine keeps those of the profile selected.
    for send in organization.send_connectors:
        timeout = send.connection_inactivity_timeout
        if timeout is None or timeout <= SEND_MOST:
            continue
        for profile, source in (("cis", "CIS 2.2.6"), ("disa", "DISA STIG EX19-MB-000132")):
            yield Problem(
                f"Send connector '{send.name}' keeps idle connections open for {_shown(timeout)}; "
                f"{source} wants 00:10:00 or less",
                send.at("connection_inactivity_timeout"),
                hint='set `connection_inactivity_timeout: "00:10:00"` (the default), or record the exception',
                profile=profile,
            )
    for receive in organization.receive_connectors:
        timeout = receive.connection_timeout
        server = organization.server(receive.server) if receive.server else None
        edge = server is not None and server.edge
        most, source = (EDGE_RECEIVE_MOST, "EX19-ED-000159") if edge else (RECEIVE_MOST, "EX16-MB-000550")
        if timeout is None or timeout <= most:
            continue
        yield Problem(
            f"Receive connector '{receive.name}' keeps connections open for {_shown(timeout)}; the DISA STIG "
            f"wants {_shown(most)} or less {'on an Edge server ' if edge else ''}({source})",
            receive.at("connection_timeout"),
            hint=f'set `connection_timeout: "{_shown(most)}"` (the default), or record the exception',
            profile="disa",
        )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    profiles=("cis", "disa"),
    id="EXL413",
    name="connection-timeout-too-long",
    severity=Severity.WARNING,
    summary="a connector keeps idle or long connections open longer than the selected benchmark allows",
    tags=("security", "benchmark", "hygiene"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a Send connector whose `connection_inactivity_timeout` is longer than 10 minutes (with "
            '`profile = ["cis"]` or `["disa"]`), and a Receive connector whose `connection_timeout` is longer than '
            '10 minutes, or 5 minutes on an Edge server (with `profile = ["disa"]`). A timeout not written is the '
            "cmdlet's default, which both benchmarks accept. Off unless a profile is selected."
        ),
        why=(
            "Idle or endless connections hold the transport service's connection slots (the maximum inbound and "
            "outbound connection counts), so a slow or hostile peer can keep others from connecting. CIS 2.2.6 "
            "and the DISA STIG (EX19-MB-000132, EX16-ED-000190) want the Send connector's inactivity timeout at "
            "10 minutes; only the DISA STIG limits the Receive connector's connection timeout (EX16-MB-000550: "
            "10 minutes; EX19-ED-000159: 5 minutes on the Edge)."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Internet
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    connection_inactivity_timeout: "01:00:00"     # EXL413
receive_connectors:
  - name: Internet EDGE01
    server: EDGE01
    bindings: ["0.0.0.0:25"]
    connection_timeout: "00:10:00"                # with profile disa, EXL413 too: 5 minutes on an Edge
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Internet
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*;1"]
    connection_inactivity_timeout: "00:10:00"
receive_connectors:
  - name: Internet EDGE01
    server: EDGE01
    bindings: ["0.0.0.0:25"]
    connection_timeout: "00:05:00"
""",
        references=(
            "DISA STIG Exchange 2019 Mailbox EX19-MB-000132 (Send connector ConnectionInactivityTimeOut) "
            "https://stigviewer.com/stig/microsoft_exchange_2019_mailbox_server/2024-01-10/finding/V-259685",
            "DISA STIG Exchange 2019 Edge EX19-ED-000159 (Receive connector ConnectionTimeout) "
            "https://stigviewer.com/stig/microsoft_exchange_2019_edge_server/2024-01-10/finding/V-259630",
            "DISA STIG Exchange 2016 Mailbox EX16-MB-000550 (Receive connector ConnectionTimeout) "
            "https://stigui.neal.codes/stigs/MS_Exchange_2016_Mailbox_Server_STIG/groups/V-228399",
            "CIS Microsoft Exchange Server 2019 Benchmark 2.2.6, 'Send connector timeout' is set to 10 "
            "https://workbench.cisecurity.org/benchmarks/12442",
            "Set-SendConnector -ConnectionInactivityTimeOut, Set-ReceiveConnector -ConnectionTimeout "
            "https://learn.microsoft.com/powershell/module/exchange/set-receiveconnector",
        ),
        known_problems=(
            "The STIGs accept another value signed off in the organization's Email Domain Security Plan: "
            "suppress the finding with that reason (`# exchange-lint: disable=EXL413 -- EDSP …`)."
        ),
    ),
)
