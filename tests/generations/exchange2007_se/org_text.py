"""Building a 2007–SE organization from YAML text, as `check` models it (no file written)."""

from __future__ import annotations

from exchange_lint.generations.exchange2007_se.model import Organization, build_organization
from exchange_lint.load import load_text

# Two AD sites linked at cost 10: HQ (EX01, EX02) and BRANCH (EX03); contoso.com is ours.
# Connectors follow from line 14 (`send_connectors:` is line 13).
HQ_BRANCH = """\
version: 1
organization: Contoso
exchange: "2019"
sites:
  - {name: HQ, servers: [EX01, EX02]}
  - {name: BRANCH, servers: [EX03]}
site_links:
  - {sites: [HQ, BRANCH], cost: 10}
accepted_domains:
  - {domain: contoso.com, type: Authoritative}
  - {domain: fabrikam.example, type: InternalRelay}
edge_subscriptions: []
send_connectors:
"""


def organization(src: str) -> Organization:
    return build_organization("Contoso", [load_text("org.yaml", src)])
