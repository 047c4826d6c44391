"""Exchange Online: the tenant's accepted domains, inbound and outbound connectors and routing
transport rules (DESIGN §10)."""
