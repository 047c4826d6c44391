"""EXL412: a Receive connector that the internet reaches offering Basic authentication without
requiring TLS first: credentials cross the internet in clear text (misconfiguration catalog S30)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, is_private, remote_ranges
from exchange_lint.generations.exchange2007_se.model import Organization, ReceiveConnector
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL412"
NAME = "clear-text-receive-auth"


def clear_text_basic_auth(connector: ReceiveConnector) -> bool:
    """`BasicAuth` is offered and nothing makes TLS come first: neither `BasicAuthRequireTLS` (Basic
    only after STARTTLS) nor `require_tls: true` (no command before STARTTLS)."""
    auth = set(connector.auth_mechanism)
    return "BasicAuth" in auth and "BasicAuthRequireTLS" not in auth and not connector.require_tls


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.receive_connectors:
        if not connector.enabled or not clear_text_basic_auth(connector):
            continue
        public = [span for span in remote_ranges(connector) if not is_private(span)]
        if public:
            yield Problem(
                f"Receive connector '{connector.name}' offers Basic authentication without requiring TLS to "
                f"senders on public addresses ({public[0].text}): a password can cross the internet in clear text",
                connector.at("auth_mechanism"),
                hint="add `Tls` and `BasicAuthRequireTLS` to `auth_mechanism` (or set `require_tls: true`)",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="a Receive connector the internet reaches offers Basic authentication without TLS",
    tags=("security", "receive-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an enabled Receive connector whose `auth_mechanism` has `BasicAuth` without "
            "`BasicAuthRequireTLS` and which does not set `require_tls: true`, when its `remote_ip_ranges` "
            "(none written: every address) include a public address, i.e. one outside the private, "
            "loopback and link-local blocks. A separate rule from EXL311 (what New-ReceiveConnector "
            "refuses): this combination is accepted by the cmdlet, and it is a security risk, not an "
            "invalid object."
        ),
        why=(
            "Basic authentication sends the user name and password base64-encoded, which is clear text. "
            "Without `BasicAuthRequireTLS` the server offers AUTH LOGIN before STARTTLS, so a client on the "
            "internet may send its credentials unencrypted, where anyone on the path can read them."
        ),
        example=HEADER
        + """\
receive_connectors:
  - name: Client Submission
    server: EX01
    bindings: ["0.0.0.0:587"]
    auth_mechanism: [Tls, BasicAuth]   # EXL412
    permission_groups: [ExchangeUsers]
""",
        use_instead=HEADER
        + """\
receive_connectors:
  - name: Client Submission
    server: EX01
    bindings: ["0.0.0.0:587"]
    auth_mechanism: [Tls, BasicAuth, BasicAuthRequireTLS]
    permission_groups: [ExchangeUsers]
""",
        references=(
            "New-ReceiveConnector (-AuthMechanism: BasicAuthRequireTLS, -RequireTLS) "
            "https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector",
            "Exchange Server: Receive connector authentication mechanisms, "
            "https://learn.microsoft.com/exchange/mail-flow/connectors/receive-connectors",
        ),
    ),
)
