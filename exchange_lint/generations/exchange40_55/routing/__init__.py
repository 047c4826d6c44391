"""How the Exchange 4.0–5.5 MTA routes a recipient: matching, route selection, GWART, overlaps."""
