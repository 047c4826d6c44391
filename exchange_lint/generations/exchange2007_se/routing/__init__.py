"""Connector selection in Exchange 2007–SE: the route one message takes, and the analysis over every address space."""
