"""The certificate names both sides of a hybrid deployment declare, compared as Exchange Online
compares them (the rules never see a real certificate: catalog §6, only declared names)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from exchange_lint.findings import Location
from exchange_lint.generations.exchange2007_se.facts import to_exchange_online
from exchange_lint.generations.exchange2007_se.model import SendConnector
from exchange_lint.generations.exchange_online.model import ON_PREMISES, InboundConnector
from exchange_lint.generations.exchange_online.routing.domains import normal
from exchange_lint.generations.hybrid.model import Organization


class Presented(NamedTuple):
    """The name the hybrid Send connector's certificate carries, and where it is declared."""

    connector: SendConnector
    name: str
    location: Location


def subject_name(certificate: str) -> str | None:
    """The CN of `<I>issuer<S>subject` (`<S>CN=mail.contoso.com, O=Contoso`), or None when the
    value is not in that form (EXL408 reports it)."""
    _, marker, subject = certificate.partition("<S>")
    if not marker:
        return None
    for part in subject.split(","):
        key, equals, value = part.strip().partition("=")
        if equals and key.strip().casefold() == "cn" and value.strip():
            return normal(value)
    return None


def presented(organization: Organization) -> Iterator[Presented]:
    """The enabled hybrid Send connectors' certificate names: the subject of `tls_certificate_name`,
    or without one the `fqdn` Exchange picks a certificate by. A connector with neither is EXL408's."""
    for connector in organization.on_premises.send_connectors:
        if not connector.enabled or not to_exchange_online(connector):
            continue
        if connector.tls_certificate_name:
            name = subject_name(connector.tls_certificate_name)
            field = "tls_certificate_name"
        else:
            name = normal(connector.fqdn) if connector.fqdn else None
            field = "fqdn"
        if name:
            yield Presented(connector, name, connector.at(field))


def attributing(organization: Organization) -> tuple[InboundConnector, ...]:
    """The tenant's enabled OnPremises inbound connectors that recognise a sender by certificate."""
    return tuple(
        c
        for c in organization.online.inbound_connectors
        if c.enabled and c.connector_type == ON_PREMISES and c.tls_sender_certificate_name
    )


def recognises(pattern: str, name: str) -> bool:
    """`tls_sender_certificate_name` against a certificate name: the same name, or `*.contoso.com`
    for any subdomain of contoso.com (New-InboundConnector: a wildcard names all subdomains)."""
    pattern, name = normal(pattern), normal(name)
    if pattern == name:
        return True
    return pattern.startswith("*.") and name.endswith(pattern[1:]) and not name.startswith("*")


def within_domain(name: str, domain: str) -> bool:
    """The certificate name is the accepted domain or a host under it (`*.contoso.com` as contoso.com)."""
    name, domain = normal(name).removeprefix("*."), normal(domain).removeprefix("*.")
    return bool(domain) and (name == domain or name.endswith("." + domain))
