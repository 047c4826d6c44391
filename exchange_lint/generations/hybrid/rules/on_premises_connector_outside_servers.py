"""EXL423: a tenant's OnPremises inbound connector recognised by IP address alone, whose addresses
hold none of the on-premises servers' public addresses (misconfiguration catalog S38, an
inference from New-InboundConnector: OnPremises connectors carry special rights)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import HYBRID
from exchange_lint.generations.exchange2007_se.facts import is_private
from exchange_lint.generations.exchange2007_se.model import Server
from exchange_lint.generations.hybrid.model import Organization
from exchange_lint.quantities import AddressRange, BadValue, parse_range
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL423"
NAME = "on-premises-connector-outside-servers"


def _public_addresses(organization: Organization) -> list[tuple[int, int]]:
    """The public addresses the on-premises servers declare (`ips`; private ones never reach EOP)."""
    found = []
    for server in organization.on_premises.servers:
        for version, value in server.ips:
            if not is_private(AddressRange(version, value, value, "")):
                found.append((version, value))
    return found


def _ranges(texts: tuple[str, ...]) -> list[AddressRange]:
    """The readable sender ranges (one that cannot be read is EXL417's or the schema's to report)."""
    found = []
    for text in texts:
        try:
            found.append(parse_range(text))
        except BadValue:
            continue
    return found


def check(organization: Organization) -> Iterator[Problem]:
    addresses = _public_addresses(organization)
    if not addresses:
        return  # no public address declared on-premises: nothing to compare with
    for connector in organization.online.inbound_connectors:
        if connector.connector_type != "OnPremises" or not connector.enabled or connector.tls_sender_certificate_name:
            continue
        ranges = _ranges(connector.sender_ip_addresses)
        if not ranges or any(span.has(value, version) for span in ranges for version, value in addresses):
            continue
        yield Problem(
            f"OnPremises inbound connector '{connector.name}' recognises senders by IP address only "
            f"({', '.join(connector.sender_ip_addresses)}), and none of them is an address the on-premises "
            "servers declare: it may stand for a third party, which then relays through the tenant and has "
            "its mail treated as the organization's",
            connector.at("sender_ip_addresses"),
            tuple(server.location.labelled(f"on-premises server '{server.name}'") for server in _servers(organization)),
            hint="make it a Partner connector if it serves a third party; else list the on-premises egress "
            "addresses, or recognise the servers by `tls_sender_certificate_name`",
        )


def _servers(organization: Organization) -> list[Server]:
    """The first servers with addresses: where the finding's reader looks for the right ones."""
    return [server for server in organization.on_premises.servers if server.ips][:3]


RULE = Rule(
    generations=(HYBRID.id,),
    id=ID,
    name=NAME,
    severity=Severity.WARNING,
    summary="an OnPremises inbound connector recognised by IP addresses none of the on-premises servers has",
    tags=("security", "hybrid"),
    check=check,
    doc=RuleDoc(
        what=(
            "Where the on-premises files declare public addresses for their servers (`ips`), reports an enabled "
            "OnPremises inbound connector of the tenant that recognises its senders by IP address alone (no "
            "`tls_sender_certificate_name`) and whose `sender_ip_addresses` contain none of those addresses."
        ),
        why=(
            "An OnPremises inbound connector gives its senders the organization's rights: Exchange Online "
            "relays their mail to the internet and treats it as internal. A connector of that type that "
            "matches no on-premises server most likely stands for a third-party service (a filtering gateway, "
            "an add-on) that should be a Partner connector, or for addresses nobody reviewed. The catalog "
            "marks this an inference from the cmdlet reference, so the rule is a warning."
        ),
        example="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
inbound_connectors:
  - name: From on-premises
    connector_type: OnPremises
    sender_domains: ["*"]
    sender_ip_addresses: ["198.51.100.7"]   # EXL423
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["10.0.0.11", "203.0.113.25"]}
""",
        use_instead="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
inbound_connectors:
  - name: From on-premises
    connector_type: OnPremises
    sender_domains: ["*"]
    sender_ip_addresses: ["203.0.113.25"]
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
sites:
  - name: HQ
    servers:
      - {name: EX01, roles: [Mailbox], ips: ["10.0.0.11", "203.0.113.25"]}
""",
        known_problems=(
            "Only the addresses the files declare are compared: servers behind NAT send from an address the "
            "files may not hold (declare it in the server's `ips`). Where no public address is declared "
            "on-premises, nothing is reported. Connectors named like a third-party service are not guessed at."
        ),
        references=(
            "New-InboundConnector, ConnectorType (OnPremises gives the connector's senders the organization's "
            "rights) https://learn.microsoft.com/powershell/module/exchange/new-inboundconnector",
            "Configure mail flow using connectors in Exchange Online "
            "https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/use-connectors-to-configure-mail-flow",
        ),
    ),
)
