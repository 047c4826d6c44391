"""What each connector kind can deliver and how it behaves in selection (domain doc §2)."""

from __future__ import annotations

from exchange_lint.generations.exchange40_55.model import Connector, Gateway

# Address types a kind delivers on its own; `msmail` adds the types of its reachable gateways.
NATIVE_TYPES: dict[str, frozenset[str]] = {
    "internet_mail": frozenset({"SMTP"}),
    "msmail": frozenset({"MS", "MSA"}),
    "ccmail": frozenset({"CCMAIL"}),
    "notes": frozenset({"NOTES"}),
    "groupwise": frozenset({"GWISE"}),
    "profs": frozenset({"PROFS"}),
    "snads": frozenset({"SNADS"}),
}

# Gateways route only what their address spaces advertise (Q133403, Q186235). The MS Mail
# Connector is left out: it adds `MS:NETWORK/PO` for each connected post office itself (XOG10023).
GATEWAY_KINDS = frozenset({"internet_mail", "ccmail", "notes", "groupwise", "profs", "snads"})

# Connectors between Exchange sites hand mail to another Exchange MTA, which routes any type onward.
SITE_TO_SITE = frozenset({"site", "x400", "dynamic_ras"})

# The MS Mail gateway a `gateways[].type` names, and the address type mail for it carries (Q116466).
GATEWAY_ADDRESS_TYPE: dict[str, str] = {"ATT": "SMTP"}

# A kind whose own address type is missing from its address spaces has no route at all (Q186235).
REQUIRES_NATIVE_SPACE = frozenset({"ccmail", "notes", "groupwise", "profs", "snads"})


def gateway_address_type(gateway_type: str) -> str:
    """The address type of mail bound for an MS Mail gateway: AT&T mail is SMTP-typed bang paths."""
    return GATEWAY_ADDRESS_TYPE.get(gateway_type, gateway_type)


def delivers_anything(kind: str) -> bool:
    """Site-to-site connectors (and unknown kinds, to stay quiet) accept any type."""
    return kind in SITE_TO_SITE or kind not in NATIVE_TYPES


# The MS Mail SMTP and X.400 gateways cannot run on the connector post office (XOG10020).
NOT_ON_CONNECTOR_PO = frozenset({"SMTP", "X400"})


def on_connector_postoffice(connector: Connector, gateway: Gateway) -> bool:
    """MS Mail names are not case-sensitive (XGSAC004)."""
    return (
        gateway.postoffice is not None
        and connector.postoffice is not None
        and gateway.postoffice.casefold() == connector.postoffice.casefold()
    )


def reachable_gateways(connector: Connector) -> tuple[Gateway, ...]:
    """Gateways the connector post office can hand mail to: installed on it (not SMTP or X.400,
    which cannot be), or reached through an access component installed there."""
    return tuple(
        gateway
        for gateway in connector.gateways
        if gateway.access_components
        or (on_connector_postoffice(connector, gateway) and gateway.type not in NOT_ON_CONNECTOR_PO)
    )


def sends(connector: Connector) -> bool:
    """An IMS set to inbound only (or none) never picks up the mail queued for it (Q238719)."""
    return connector.kind != "internet_mail" or connector.transfer_mode in ("both", "outbound_only")


def can_deliver(connector: Connector, space_type: str, address: str = "*") -> bool:
    """Whether mail of this type (and, for AT&T bang paths, this pattern) leaves through the connector."""
    if not sends(connector):
        return False
    if delivers_anything(connector.kind):
        return True
    if connector.kind == "internet_mail" and connector.connected_sites:
        return True  # 5.0+: other types are encapsulated for the connected sites (XOG05007)
    if space_type in NATIVE_TYPES[connector.kind]:
        return True
    if connector.kind != "msmail":
        return False
    reachable = {gateway.type for gateway in reachable_gateways(connector)}
    if space_type in reachable:
        return True
    return space_type == "SMTP" and "ATT" in reachable and "!" in address
