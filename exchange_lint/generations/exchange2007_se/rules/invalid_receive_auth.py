"""EXL311: AuthMechanism and PermissionGroups that New-ReceiveConnector refuses or that accept nobody
(misconfiguration catalog S30)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER
from exchange_lint.generations.exchange2007_se.model import Organization, ReceiveConnector
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def _auth_problems(connector: ReceiveConnector) -> Iterator[tuple[str, str]]:
    """(field, why) for each rule of New-ReceiveConnector the connector breaks."""
    auth = set(connector.auth_mechanism)
    if "None" in auth and len(auth) > 1:
        yield "auth_mechanism", "`None` must stand alone in `auth_mechanism`"
    if "BasicAuthRequireTLS" in auth and not {"BasicAuth", "Tls"} <= auth:
        yield "auth_mechanism", "`BasicAuthRequireTLS` needs `BasicAuth` and `Tls` beside it"
    if "ExternalAuthoritative" in auth:
        if auth - {"ExternalAuthoritative", "Tls"}:
            yield "auth_mechanism", "`ExternalAuthoritative` may be combined only with `Tls`"
        if "ExchangeServers" not in connector.permission_groups:
            yield "permission_groups", "`ExternalAuthoritative` needs the `ExchangeServers` permission group"
    if connector.require_tls and "Tls" not in auth:
        yield "require_tls", "`require_tls: true` needs `Tls` in `auth_mechanism`"
    if "permission_groups" in connector.fields and set(connector.permission_groups) <= {"None"}:
        yield "permission_groups", "no permission group: the connector accepts no connection"


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.receive_connectors:
        for field, why in _auth_problems(connector):
            yield Problem(
                f"Receive connector '{connector.name}': {why}",
                connector.at(field),
                hint="see New-ReceiveConnector -AuthMechanism and -PermissionGroups",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL311",
    name="invalid-receive-auth",
    severity=Severity.ERROR,
    summary="Receive connector authentication or permission groups that Exchange refuses",
    tags=("receive-connector",),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a Receive connector whose `auth_mechanism` combines `None` with others, has "
            "`BasicAuthRequireTLS` without `BasicAuth` and `Tls`, has `ExternalAuthoritative` with anything "
            "but `Tls` or without the `ExchangeServers` permission group, or has `require_tls: true` without "
            "`Tls`; and one whose `permission_groups` is empty or `None`."
        ),
        why=(
            "New-ReceiveConnector refuses these combinations; an object that holds one anyway (drift, a "
            "hand-edited export) does not authenticate the way the file says. A connector with no "
            "permission group accepts no connection at all."
        ),
        example=HEADER
        + """\
receive_connectors:
  - name: Partner TLS
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["198.51.100.0/28"]
    auth_mechanism: [BasicAuthRequireTLS]   # EXL311
    permission_groups: [Partners]
""",
        use_instead=HEADER
        + """\
receive_connectors:
  - name: Partner TLS
    server: EX01
    bindings: ["0.0.0.0:25"]
    remote_ip_ranges: ["198.51.100.0/28"]
    auth_mechanism: [Tls, BasicAuth, BasicAuthRequireTLS]
    permission_groups: [Partners]
""",
        references=(
            "New-ReceiveConnector (-AuthMechanism, -PermissionGroups, -RequireTLS) "
            "https://learn.microsoft.com/powershell/module/exchange/new-receiveconnector",
        ),
        known_problems=(
            "`BasicAuth` offered without TLS on a connector that the internet reaches (clear-text credentials) "
            "is accepted by the cmdlet: EXL412 `clear-text-receive-auth` reports it, as a security warning."
        ),
    ),
)
