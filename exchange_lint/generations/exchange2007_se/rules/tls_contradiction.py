"""EXL403: Send connector TLS settings that contradict each other (misconfiguration catalog S24)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Removal, Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, is_catch_all, to_organization
from exchange_lint.generations.exchange2007_se.model import Organization, SendConnector
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def _remove_ignore_starttls(connector: SendConnector) -> Removal | None:
    """With `require_tls: true`, `ignore_starttls: true` can only be a leftover: removing it is certain."""
    key = connector.keys.get("ignore_starttls")
    value = connector.fields.get("ignore_starttls")
    if key is None or value is None:
        return None
    return Removal("remove `ignore_starttls`", key, value.region, (*connector.path, "ignore_starttls"))


def _problems(connector: SendConnector) -> Iterator[Problem]:
    name = f"Send connector '{connector.name}'"
    if connector.require_tls and connector.ignore_starttls:
        yield Problem(
            f"{name} requires TLS and ignores STARTTLS: it can never start the TLS it requires",
            connector.at("ignore_starttls"),
            fix=_remove_ignore_starttls(connector),
            hint="remove `ignore_starttls` (IgnoreSTARTTLS must be false when RequireTLS is true)",
        )
    if connector.tls_auth_level is not None and (not connector.require_tls or connector.ignore_starttls):
        yield Problem(
            f"{name} sets `tls_auth_level: {connector.tls_auth_level}` without requiring TLS, so it has no effect",
            connector.at("tls_auth_level"),
            hint="set `require_tls: true` (and no `ignore_starttls`), or remove `tls_auth_level`",
        )
    if connector.tls_auth_level == "DomainValidation" and not connector.tls_domain and connector.smart_hosts:
        yield Problem(
            f"{name} validates the smart host's domain but names none in `tls_domain`",
            connector.at("tls_auth_level"),
            hint="set `tls_domain` to the domain the smart host's certificate must carry",
        )
    # The EdgeSync connector to the organization (`--`) secures its sessions by direct trust, not this way.
    if connector.domain_secure and not to_organization(connector):
        wildcard = any("*" in space.address for space in connector.address_spaces)
        if not connector.dns_routing or connector.ignore_starttls or wildcard:
            yield Problem(
                f"{name} enables domain security (mutual TLS), which needs DNS routing, STARTTLS and no wildcard "
                "address space",
                connector.at("domain_secure"),
                hint="route by DNS to the partner's named domains, without `ignore_starttls`",
            )
    if connector.require_tls and is_catch_all(connector) and connector.dns_routing:
        yield Problem(
            f"{name} requires TLS for all internet mail: mail to domains without STARTTLS queues and expires",
            connector.at("require_tls"),
            severity=Severity.NOTE,
            hint="require TLS on connectors for named partners; offer it opportunistically for `*`",
        )


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.send_connectors:
        yield from _problems(connector)


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL403",
    name="tls-contradiction",
    severity=Severity.ERROR,
    summary="Send connector TLS settings that contradict each other",
    tags=("security", "tls", "send-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a Send connector with `require_tls` and `ignore_starttls` both true; `tls_auth_level` "
            "without `require_tls` (or with `ignore_starttls`); `DomainValidation` toward smart hosts without "
            "`tls_domain`; `domain_secure` without DNS routing, with `ignore_starttls` or with a wildcard "
            "address space. A note for `require_tls` on the DNS-routed internet (`*`) connector."
        ),
        why=(
            "New-SendConnector refuses these combinations, or they silently do nothing: the connector that "
            "was meant to protect mail in transit sends it in clear text, or cannot send at all. Requiring "
            "TLS toward the whole internet makes mail to domains without STARTTLS queue and expire."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Partner Fabrikam
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:fabrikam.com;1"]
    require_tls: true
    ignore_starttls: true                    # EXL403
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Partner Fabrikam
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:fabrikam.com;1"]
    require_tls: true
""",
        autofix="Removes `ignore_starttls` beside `require_tls: true`; the other cases need a decision.",
        references=(
            "New-SendConnector (-RequireTLS, -IgnoreSTARTTLS, -TlsAuthLevel, -TlsDomain, -DomainSecureEnabled) "
            "https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
        ),
    ),
)
