"""EXL121: a tenant's InternalRelay domain that no enabled OnPremises outbound connector takes:
mail for it loops until 554 5.4.14 (misconfiguration catalog S39)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import HYBRID
from exchange_lint.generations.exchange_online.model import INTERNAL_RELAY, ON_PREMISES, OutboundConnector
from exchange_lint.generations.exchange_online.routing.domains import normal
from exchange_lint.generations.exchange_online.routing.select import MX, UNDETERMINED, route
from exchange_lint.generations.hybrid.model import Organization
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL121"
NAME = "internal-relay-not-routed-on-premises"
# The recipient the route is asked about: any address of the domain that has no mailbox in the tenant.
_NOBODY = "not-in-the-tenant"


def _where(organization: Organization, domain: str) -> tuple[str, tuple[OutboundConnector, ...]]:
    """Where Exchange Online sends a recipient of `domain` it has no mailbox for (its own outbound
    selection), and the connectors that take it when none of them is an OnPremises one."""
    tenant = organization.online
    chosen = route(tenant, f"{_NOBODY}@{domain}")
    names = chosen.selected if chosen.outcome == UNDETERMINED else (chosen.verdict,)
    connectors = tuple(c for c in tenant.outbound_connectors if c.name in names)
    if any(c.connector_type == ON_PREMISES for c in connectors):
        return "", ()  # an OnPremises connector takes it (a tie with another one is EXL120's to report)
    if chosen.verdict == MX:
        return "Exchange Online delivers it by the domain's MX record", ()
    listed = ", ".join(f"'{c.name}'" for c in connectors)
    return f"it leaves through {listed}, not toward on-premises", connectors


def check(organization: Organization) -> Iterator[Problem]:
    on_premises = {normal(d.domain): d for d in organization.on_premises.accepted_domains}
    for accepted in organization.online.accepted_domains:
        domain = normal(accepted.domain)
        if accepted.type != INTERNAL_RELAY or not domain or "*" in domain:
            continue
        how, connectors = _where(organization, domain)
        if not how:
            continue
        related = [c.location.labelled(f"outbound connector '{c.name}' takes {domain}") for c in connectors]
        here = on_premises.get(domain)
        if here is not None:
            related.insert(0, here.location.labelled(f"{domain} on-premises ({here.type})"))
        yield Problem(
            f"internal relay domain {domain} has no enabled OnPremises outbound connector: {how}, and mail for "
            "a recipient without a mailbox in the tenant can loop until 554 5.4.14",
            # Named for when `decide` moves the finding to the related place's file (DESIGN §6).
            accepted.location.labelled(f"{domain} is InternalRelay in the tenant"),
            tuple(related),
            hint=f"add {domain} to the recipient domains of the hybrid OnPremises outbound connector",
        )


RULE = Rule(
    generations=(HYBRID.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="an InternalRelay domain of the tenant that no enabled OnPremises outbound connector routes back",
    tags=("routing", "hybrid", "accepted-domains", "loop"),
    check=check,
    doc=RuleDoc(
        what=(
            "For each InternalRelay accepted domain of an organization's Exchange Online tenant, asks the "
            "tenant's own outbound selection (`route online`) where mail to a recipient of that domain without a "
            "mailbox in the tenant goes, and reports the domain when no enabled OnPremises outbound connector "
            "takes it: it goes by MX, or through a Partner connector. The on-premises accepted domain of the "
            "same name, when declared, is a related location."
        ),
        why=(
            "Exchange Online relays a recipient it does not know in an InternalRelay domain out again. Without "
            "an OnPremises connector for the domain the message follows the domain's MX, which in a hybrid "
            "deployment usually points back at Exchange Online or at a filter in front of it: the message "
            "loops until the hop count is exceeded (554 5.4.14). The Hybrid Configuration Wizard can silently "
            "leave a domain off the hybrid outbound connector."
        ),
        example="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}   # EXL121
outbound_connectors:
  - name: Outbound to Contoso on-premises
    connector_type: OnPremises
    recipient_domains: [tailspin.example]
    use_mx_record: false
    smart_hosts: [mail.contoso.com]
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}
send_connectors:
  - {name: Fabrikam relay, address_spaces: ["SMTP:fabrikam.example;1"], dns_routing: false,
     smart_hosts: [mail.fabrikam.example]}
""",
        use_instead="""\
# file: contoso-online.yaml
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}
outbound_connectors:
  - name: Outbound to Contoso on-premises
    connector_type: OnPremises
    recipient_domains: [tailspin.example, fabrikam.example]
    use_mx_record: false
    smart_hosts: [mail.contoso.com]
# file: contoso-onprem.yaml
version: 1
organization: Contoso
exchange: "2019"
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}
send_connectors:
  - {name: Fabrikam relay, address_spaces: ["SMTP:fabrikam.example;1"], dns_routing: false,
     smart_hosts: [mail.fabrikam.example]}
""",
        known_problems=(
            "Only the tenant's InternalRelay domains are checked: a domain that is InternalRelay on-premises "
            "only is never relayed by Exchange Online (Authoritative there, an unknown recipient is refused; "
            "not accepted there, it is external mail), and its on-premises half is EXL117's. The model trusts "
            "the declared MX: whether it really points back at Exchange Online is a DNS fact."
        ),
        references=(
            "Exchange hybrid mail loops (a6n.co.uk, 2025) https://www.a6n.co.uk/2025/07/exchange-hybrid-mail-loops-when-your.html",
            "KB 2603474, domain not accepted or outbound-only in Office 365 https://mskb.pkisolutions.com/kb/2603474",
            "Manage accepted domains in Exchange Online "
            "https://learn.microsoft.com/exchange/mail-flow-best-practices/manage-accepted-domains/manage-accepted-domains",
        ),
    ),
)
