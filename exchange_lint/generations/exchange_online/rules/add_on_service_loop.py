"""EXL419: a transport rule that routes to an add-on service without the header exception that
stops the returning message, or the service's two connectors disagreeing on internal headers
(misconfiguration catalog S42, "Integrate Office 365 with an email add-on service")."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import ENFORCE, InboundConnector, Organization, OutboundConnector
from exchange_lint.generations.exchange_online.routing.domains import normal
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.quantities import BadValue, parse_address, parse_range
from exchange_lint.rules.api import Problem, Rule, RuleDoc


def _certificate_covers(certificate: str, host: str) -> bool:
    name, host = normal(certificate), normal(host)
    if name.startswith("*."):
        return host.endswith(name[1:])
    return name == host


def _address_within(host: str, ranges: tuple[str, ...]) -> bool:
    try:
        version, address = parse_address(host)
    except BadValue:
        return False
    for value in ranges:
        try:
            if parse_range(value).has(address, version):
                return True
        except BadValue:
            continue
    return False


def returns_from(inbound: InboundConnector, outbound: OutboundConnector) -> bool:
    """The inbound connector takes mail from a host the outbound connector sends to: by the
    certificate it names, or by a sender IP range holding a smart host's address."""
    certificate = inbound.tls_sender_certificate_name
    return any(
        (certificate is not None and _certificate_covers(certificate, host))
        or _address_within(host, inbound.sender_ip_addresses)
        for host in outbound.smart_hosts
    )


def check(organization: Organization) -> Iterator[Problem]:
    scoped = {c.name.casefold(): c for c in organization.outbound_connectors if c.is_transport_rule_scoped}
    for rule in organization.transport_rules:
        if not rule.enabled or rule.mode != ENFORCE:
            continue  # a rule that does not act routes nothing, in a loop or not
        connector = scoped.get(rule.connector.casefold())
        if connector is not None and rule.except_if_header_matches is None:
            yield Problem(
                f"transport rule '{rule.name}' routes to add-on service connector '{connector.name}' with no "
                "header exception: the message the service sends back is routed out again, in a loop",
                rule.at("route_message_outbound_connector"),
                related=(connector.location,),
                hint="add `except_if_header_matches` with the header the service stamps on what it has processed",
            )
    for connector in scoped.values():
        if not connector.enabled:
            continue
        for inbound in organization.inbound_connectors:
            if not inbound.enabled or not returns_from(inbound, connector):
                continue
            if inbound.cloud_services_mail_enabled != connector.cloud_services_mail_enabled:
                yield Problem(
                    f"add-on service connectors '{connector.name}' (out, cloud_services_mail_enabled: "
                    f"{str(connector.cloud_services_mail_enabled).lower()}) and '{inbound.name}' (back) disagree on "
                    "retaining internal headers: they are stripped on the way back",
                    connector.at("cloud_services_mail_enabled"),
                    related=(inbound.at("cloud_services_mail_enabled"),),
                    severity=Severity.WARNING,
                    hint="set `cloud_services_mail_enabled` the same on both connectors",
                )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL419",
    name="add-on-service-loop",
    severity=Severity.ERROR,
    summary="a transport rule routing to an add-on service without a loop guard, or its connectors disagreeing",
    tags=("routing", "transport-rule", "outbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports a transport rule whose `route_message_outbound_connector` names a transport-rule-scoped "
            "outbound connector (an add-on service) and that has no `except_if_header_matches`, at the routing "
            "action (an error); and (a warning) a rule-scoped outbound connector and an inbound connector that "
            "receives from the same service (its certificate name covers a smart host, or its sender IP ranges "
            "hold one) whose `cloud_services_mail_enabled` differ."
        ),
        why=(
            "An add-on service (signatures, archiving, filtering) sends each message back to the tenant, which "
            "runs the transport rules again: unless the rule skips messages carrying the header the service "
            "stamps, it routes the message out again and again until the hop count is exceeded (554 5.4.14). "
            "The retain-internal-headers setting must match on the way out and back, or the internal "
            "X-MS-Exchange-Organization headers are lost when the message returns."
        ),
        example=HEADER
        + """\
outbound_connectors:
  - name: Signature service
    is_transport_rule_scoped: true
    use_mx_record: false
    smart_hosts: [smtp.signatures.example]
    tls_settings: CertificateValidation
transport_rules:
  - name: Signatures on outgoing mail
    route_message_outbound_connector: Signature service   # EXL419
    sent_to_scope: NotInOrganization
""",
        use_instead=HEADER
        + """\
outbound_connectors:
  - name: Signature service
    is_transport_rule_scoped: true
    use_mx_record: false
    smart_hosts: [smtp.signatures.example]
    tls_settings: CertificateValidation
transport_rules:
  - name: Signatures on outgoing mail
    route_message_outbound_connector: Signature service
    sent_to_scope: NotInOrganization
    except_if_header_matches: {header: X-Signature-Stamped, pattern: "true"}
""",
        references=(
            "Integrate Office 365 with an email add-on service "
            "https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/"
            "integrate-office-365-with-an-email-add-on-service",
        ),
        known_problems="Whether the header named is the one the service really stamps is the service's "
        "business: the rule checks only that an exception is there.",
    ),
)
