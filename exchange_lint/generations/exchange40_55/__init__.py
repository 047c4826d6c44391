"""Exchange 4.0–5.5: the MTA, its GWART, its connectors and the rules about them."""
