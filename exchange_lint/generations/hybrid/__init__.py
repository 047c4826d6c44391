"""Hybrid: an organization's Exchange 2007–SE servers and its Exchange Online tenant, taken
together (DESIGN §10), for the rules whose finding only the pair shows."""
