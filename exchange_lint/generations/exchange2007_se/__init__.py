"""Exchange 2007 to Subscription Edition: Send and Receive connectors, accepted domains, AD sites (DESIGN §9)."""
