"""Building an Exchange Online tenant from YAML text, as `check` models it (no file written)."""

from __future__ import annotations

from exchange_lint.generations.exchange_online.model import Organization, build_organization
from exchange_lint.load import load_text

# contoso.com is the tenant's own (Authoritative), fabrikam.example stays partly on-premises
# (InternalRelay). Outbound connectors follow from line 8 (`outbound_connectors:` is line 7).
TENANT = """\
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative, mx: contoso-com.mail.protection.outlook.com}
  - {domain: fabrikam.example, type: InternalRelay}
outbound_connectors:
"""


def tenant(src: str) -> Organization:
    return build_organization("Contoso", [load_text("org.yaml", src)])
