"""EXL207: a Send connector address space Exchange 2007–SE does not accept where it is
(misconfiguration catalog S23; DESIGN §9 on RFC 1035 wildcards)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_2007_SE
from exchange_lint.generations.exchange2007_se.facts import HEADER, on_edge
from exchange_lint.generations.exchange2007_se.model import AddressSpace, Organization, SendConnector
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ALL_ACCEPTED_DOMAINS = "--"


def smtp_space_problem(address: str) -> str | None:
    """Why an SMTP address space is not a domain Exchange 2007+ routes on, or None: only `*`,
    `domain` and `*.domain` (RFC 1035 wildcards), and `--` (checked apart)."""
    text = address.strip()
    if text in ("*", ALL_ACCEPTED_DOMAINS):
        return None
    if "@" in text:
        return f"`{text}` is an address pattern; 2007+ address spaces are domains (write `{text.split('@')[-1]}`)"
    rest = text[2:] if text.startswith("*.") else text
    if not rest or "*" in rest:
        return f"`{text}` is not a domain: only a leading `*.` (or `*` alone) is a wildcard (RFC 1035)"
    return None


def _problems(organization: Organization, connector: SendConnector, space: AddressSpace) -> Iterator[str]:
    edge = on_edge(organization, connector)
    if space.type == "SMTP":
        reason = smtp_space_problem(space.address)
        if reason is not None:
            yield reason
        if space.address.strip() == ALL_ACCEPTED_DOMAINS and not edge:
            yield (
                "`--` (every accepted domain) belongs only on an Edge connector toward the organization, "
                f"and '{connector.name}' does not run on an Edge server"
            )
        return
    if edge:
        yield f"a {space.type} address space on an Edge connector: the Edge routes SMTP address spaces only"
    elif connector.dns_routing or not connector.smart_hosts:
        yield f"a {space.type} address space needs smart-host routing (`dns_routing: false` and a smart host)"


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.send_connectors:
        for space in connector.address_spaces:
            for reason in _problems(organization, connector, space):
                yield Problem(
                    f"Send connector '{connector.name}': {reason}",
                    space.location,
                    hint="see New-SendConnector -AddressSpaces; for a non-SMTP system use a Foreign or "
                    "Delivery Agent connector (KB 959956)",
                )
        servers = [organization.server(name) for name in connector.source_transport_servers]
        edges = [server for server in servers if server is not None and server.edge]
        if edges and len(edges) < len(servers):
            yield Problem(
                f"Send connector '{connector.name}' mixes Edge server '{edges[0].name}' with servers of the "
                "organization in `source_transport_servers`",
                connector.at("source_transport_servers"),
                hint="an Edge connector is the Edge's own (SourceTransportServers is not valid on Edge): "
                "split it into an Edge connector and an organization connector",
            )


RULE = Rule(
    generations=(EXCHANGE_2007_SE.id,),
    id="EXL207",
    name="invalid-send-address-space",
    severity=Severity.ERROR,
    summary="a Send connector address space that Exchange refuses or cannot route where it is",
    tags=("syntax", "send-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an SMTP address space that is not `*`, a domain or `*.domain` (`*contoso.com`, "
            "`*@contoso.com`); `--` on a connector that does not run on an Edge server; a non-SMTP type on "
            "an Edge connector, or on one without smart-host routing; and `source_transport_servers` that "
            "mix Edge servers with servers of the organization."
        ),
        why=(
            "From Exchange 2007 an SMTP address space is a domain with RFC 1035 wildcards only, so "
            "`*contoso.com` is refused. `--` stands for every accepted domain and exists for the EdgeSync "
            "connector from the Edge to the organization. A custom type (FAX, X400) still leaves as SMTP, so "
            "it needs smart-host routing, or Outlook returns an NDR (KB 959956); the Edge routes SMTP only."
        ),
        example=HEADER
        + """\
send_connectors:
  - name: Partner
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*fabrikam.com;1"]   # EXL207
  - name: Fax
    source_transport_servers: [EX01]
    address_spaces: ["FAX:*;1"]                # EXL207
""",
        use_instead=HEADER
        + """\
send_connectors:
  - name: Partner
    source_transport_servers: [EX01]
    address_spaces: ["SMTP:*.fabrikam.com;1"]
  - name: Fax
    source_transport_servers: [EX01]
    address_spaces: ["FAX:*;1"]
    dns_routing: false
    smart_hosts: [fax.contoso.com]
""",
        references=(
            "New-SendConnector (-AddressSpaces, -SourceTransportServers) "
            "https://learn.microsoft.com/powershell/module/exchange/new-sendconnector",
            "Send connectors https://learn.microsoft.com/exchange/mail-flow/connectors/send-connectors",
            "KB 959956: a custom address type needs a Send connector with a smart host "
            "http://support.microsoft.com/?kbid=959956",
        ),
        known_problems=(
            "A connector runs on the Edge when every source server it names is an Edge server; the file has "
            "no other way to say so."
        ),
    ),
)
