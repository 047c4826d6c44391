"""EXL418: an accepted domain whose MX is not Exchange Online Protection while the connectors that
take mail from every sender domain do not skip-list (misconfiguration catalog S41; ORCA 233).

ORCA 233's logic: the inbound connectors that matter are the enabled ones for all sender domains
(`*`, stored `smtp:*;1`); Enhanced Filtering is on only if there is one and each of them skips
IPs (`ef_skip_ips` or `ef_skip_last_ip`), outside test mode, for every recipient (no `ef_users`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from exchange_lint.findings import Severity
from exchange_lint.generation import EXCHANGE_ONLINE
from exchange_lint.generations.exchange_online.model import InboundConnector, Organization
from exchange_lint.generations.exchange_online.rules._tenant import HEADER
from exchange_lint.rules.api import Problem, Rule, RuleDoc

EOP = ".mail.protection.outlook.com"
_EVERY_SENDER = re.compile(r"^(?:smtp:)?\*(?:;\d*)?$", re.IGNORECASE)


def points_to_eop(mx: str) -> bool:
    return mx.strip().rstrip(".").casefold().endswith(EOP)


def for_every_sender(connector: InboundConnector) -> bool:
    return connector.enabled and any(_EVERY_SENDER.match(domain.strip()) for domain in connector.sender_domains)


def skip_listing_off(connector: InboundConnector) -> str | None:
    """Why Enhanced Filtering does not act on the connector, or None when it does."""
    if not connector.ef_skip_ips and not connector.ef_skip_last_ip:
        return "no `ef_skip_ips` and `ef_skip_last_ip` false"
    if connector.ef_test_mode:
        return "`ef_test_mode` on"
    if connector.ef_users:
        return "`ef_users` limits it to some recipients"
    return None


def check(organization: Organization) -> Iterator[Problem]:
    third_party = [d for d in organization.accepted_domains if d.mx is not None and not points_to_eop(d.mx)]
    if not third_party:
        return
    defaults = [c for c in organization.inbound_connectors if for_every_sender(c)]
    off = [(c, why) for c in defaults if (why := skip_listing_off(c)) is not None]
    if defaults and not off:
        return
    if off:
        connector, why = off[0]
        missing = f"inbound connector '{connector.name}' (for every sender domain) does not skip-list it ({why})"
        related = tuple(c.location for c, _ in off)
    else:
        missing, related = "no inbound connector for every sender domain skip-lists it", ()
    for domain in third_party:
        yield Problem(
            f"accepted domain '{domain.domain}' has its MX at '{domain.mx}', not Exchange Online Protection, and "
            f"{missing}: SPF, DKIM, DMARC and spoof checks judge that host instead of the sender",
            domain.mx_location or domain.location,
            related=related,
            hint="point the MX at EOP, or set `ef_skip_ips` (the service's addresses) or `ef_skip_last_ip: true` "
            "on the connector that receives from it",
        )


RULE = Rule(
    generations=(EXCHANGE_ONLINE.id,),
    id="EXL418",
    name="third-party-mx-without-enhanced-filtering",
    severity=Severity.WARNING,
    summary="an MX in front of Exchange Online without Enhanced Filtering (skip listing) on the inbound connectors",
    tags=("security", "inbound-connector"),
    check=check,
    doc=RuleDoc(
        what=(
            "With ORCA check 233's logic: reports each accepted domain whose declared `mx` is not in "
            "`*.mail.protection.outlook.com` when the enabled inbound connectors for every sender domain "
            "(`*`, `smtp:*;1`) are none, or one of them has Enhanced Filtering off (no `ef_skip_ips` and "
            "`ef_skip_last_ip` false), in test mode, or limited by `ef_users`. At the domain's `mx`, with those "
            "connectors as related locations. A domain without a declared `mx` is not judged (never looked up)."
        ),
        why=(
            "When mail reaches Exchange Online through another host (a third-party filter, an appliance, "
            "on-premises servers), Exchange Online Protection sees that host's IP address as the source: SPF, "
            "DKIM, DMARC and spoof detection judge the wrong hop, with false positives and false negatives. "
            "Enhanced Filtering for Connectors (skip listing) lets it find the real sender."
        ),
        example=HEADER
        + """\
  - {domain: fabrikam.com, mx: fabrikam-com.filter.example}   # EXL418
inbound_connectors:
  - name: From the filtering service
    connector_type: Partner
    sender_domains: ["*"]
    sender_ip_addresses: ["198.51.100.0/24"]
    restrict_domains_to_ip_addresses: true
    require_tls: true
""",
        use_instead=HEADER
        + """\
  - {domain: fabrikam.com, mx: fabrikam-com.filter.example}
inbound_connectors:
  - name: From the filtering service
    connector_type: Partner
    sender_domains: ["*"]
    sender_ip_addresses: ["198.51.100.0/24"]
    restrict_domains_to_ip_addresses: true
    require_tls: true
    ef_skip_ips: ["198.51.100.0/24"]
""",
        references=(
            "Enhanced Filtering for Connectors in Exchange Online "
            "https://learn.microsoft.com/exchange/mail-flow-best-practices/use-connectors-to-configure-mail-flow/"
            "enhanced-filtering-for-connectors",
            "ORCA 233, as Maester carries it "
            "https://github.com/maester365/maester/blob/main/powershell/internal/orca/check-ORCA233.ps1",
        ),
        known_problems="As ORCA, every connector for all sender domains must skip-list, including one that "
        "takes mail back from an add-on service; which connector receives from the MX host is not known.",
    ),
)
