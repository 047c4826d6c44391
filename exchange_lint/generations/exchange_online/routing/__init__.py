"""Outbound connector selection in Exchange Online: the route a message sent from the tenant takes."""
