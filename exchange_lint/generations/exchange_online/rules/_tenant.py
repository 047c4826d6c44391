"""What the online rules' documented examples share: the start of a tenant file."""

from __future__ import annotations

# contoso.com is the tenant's own; connectors follow from line 6.
HEADER = """\
version: 1
organization: Contoso
exchange: online
accepted_domains:
  - {domain: contoso.com, type: Authoritative, mx: contoso-com.mail.protection.outlook.com}
"""
