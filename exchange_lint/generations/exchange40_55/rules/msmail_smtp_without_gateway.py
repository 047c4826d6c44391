"""EXL101: an SMTP address space on the MS Mail Connector with no SMTP gateway behind it (Q169117)."""

from __future__ import annotations

from collections.abc import Iterator

from exchange_lint.findings import Removal, Replacement, Severity
from exchange_lint.generation import EXCHANGE_40_55
from exchange_lint.generations.exchange40_55.model import AddressSpace, Connector, Organization
from exchange_lint.generations.exchange40_55.routing.analysis import analyse, fate
from exchange_lint.generations.exchange40_55.routing.kinds import reachable_gateways
from exchange_lint.generations.exchange40_55.routing.topology import describe_origins
from exchange_lint.rules.api import Problem, Rule, RuleDoc

ID = "EXL101"
NAME = "msmail-smtp-without-gateway"


def is_bang_path_only(address: str) -> bool:
    """AT&T addresses are SMTP-typed bang paths (`attmail!user`, Q116466): a `!` and no `@`
    (`*!*@*` is the IMC's share in Q147044)."""
    return "!" in address and "@" not in address


def _consequence(organization: Organization, connector: Connector, space: AddressSpace) -> str:
    """Always or intermittently, and from where: what the routing model says happens to such mail."""
    analysis = analyse(organization)
    found = fate(analysis, connector, space)
    if found is None:
        return "whenever the MTA picks it"
    parts = []
    if found.always:
        parts.append(f"always for mail routed on {describe_origins(found.always)}")
    for count in sorted({n for _, n in found.sometimes}):
        origins = [origin for origin, n in found.sometimes if n == count]
        parts.append(
            f"intermittently (about 1 message in {count}, load-balanced) for mail routed on {describe_origins(origins)}"
        )
    if not parts:
        return f"no origin selects it for {found.recipient} today, but any change to the winning route exposes it"
    return f"for recipients like {found.recipient}, " + "; ".join(parts)


def check(organization: Organization) -> Iterator[Problem]:
    for connector in organization.connectors:
        if connector.kind != "msmail":
            continue
        reachable = {gateway.type for gateway in reachable_gateways(connector)}
        if "SMTP" in reachable:
            continue
        unreachable = [g for g in connector.gateways if g.type in ("SMTP", "ATT") and g.type not in reachable]
        for space in connector.address_spaces:
            if space.type != "SMTP":
                continue
            if "ATT" in reachable and is_bang_path_only(space.address):
                continue
            shown = space.address or "(blank)"
            if "ATT" in reachable:
                reason = (
                    f"only an AT&T gateway is declared, and `{shown}` is broader than AT&T bang paths "
                    "(`*!*`): it also catches ordinary internet mail"
                )
                fix = "narrow it to bang paths (`*!*`, cost 2, as KB Q147044 does)"
            else:
                reason = "no SMTP or AT&T gateway is declared behind its post office"
                fix = "remove it, or declare the MS Mail SMTP gateway with `access_components: true`"
            if unreachable:
                reason += f" (its {unreachable[0].type} gateway has no access components at the connector post office)"
            yield Problem(
                f"SMTP address space `{shown}` on MS Mail connector '{connector.name}', but {reason}: "
                "mail routed here finds no SMTP gateway mailbag at the connector post office and "
                "is returned as an NDR (events 2375/2371, KB Q169117), "
                f"{_consequence(organization, connector, space)}",
                space.location,
                tuple(g.location.labelled(f"{g.type} gateway without access components") for g in unreachable),
                _narrowing(space) if "ATT" in reachable else _removal(connector, space),
                hint=fix,
            )


def _removal(connector: Connector, space: AddressSpace) -> Removal | None:
    """Removing the space is the certain fix, unless the connector would be left with none: then
    which route to keep is for a person to decide."""
    written = [s for s in connector.address_spaces if not s.implicit]
    if not any(s.type != "SMTP" for s in written):
        return None
    region = space.location.region
    return Removal(f"remove the SMTP address space `{space.address or '(blank)'}`", region, region, space.path)


def _narrowing(space: AddressSpace) -> Replacement | None:
    """With only an AT&T gateway, the space narrows to bang paths (KB Q147044)."""
    if space.address_region is None:
        return None
    if not space.compact:
        description = f"narrow `{space.address}` to AT&T bang paths `*!*`"
        return Replacement(description, space.address_region, "*!*", (*space.path, "address"))
    start = space.compact_text.index(":") + 1  # `TYPE:ADDRESS;COST`: the address follows the first colon
    narrowed = space.compact_text[:start] + "*!*" + space.compact_text[start + len(space.address) :]
    return Replacement(f"narrow `{space.address}` to AT&T bang paths `*!*`", space.address_region, narrowed, space.path)


RULE = Rule(
    generations=(EXCHANGE_40_55.id,),
    id=ID,
    name=NAME,
    severity=Severity.ERROR,
    summary="SMTP address space on an MS Mail connector with no SMTP or AT&T gateway behind it",
    tags=("routing", "msmail", "Q169117"),
    check=check,
    doc=RuleDoc(
        what=(
            "Reports an `SMTP` address space on a `msmail` connector (the Microsoft Mail Connector) "
            "unless an MS Mail SMTP gateway is reachable through the connector post office: installed "
            "there, or declared with `access_components: true`. With only an AT&T gateway "
            "(`type: ATT`), SMTP address spaces that match more than AT&T bang paths are reported too."
        ),
        why=(
            "The MS Mail Connector converts everything it is handed into MS Mail. An SMTP address space "
            "on it tells the MTA that it can deliver internet mail, so the MTA routes some or all SMTP "
            "mail to it: at equal cost beside the Internet Mail Service it load-balances between the "
            "two. Mail that lands on the MS Mail Connector finds no SMTP gateway mailbag on the "
            "connector post office, and MS Mail users get non-delivery reports some of the time "
            '(events 2375 and 2371, "no route to intended MS Mail recipient"). AT&T Mail addresses '
            "are SMTP-typed bang paths (`attmail!user`), which is the one legitimate reason for an "
            "SMTP address space there without an SMTP gateway."
        ),
        example="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: Internet Mail Service (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    address_spaces:
      - "MS:CA/*;1"
      - "SMTP:*;1"          # EXL101
""",
        use_instead="""\
version: 1
organization: Contoso
sites:
  - {name: TRADE, servers: [TRADE]}
connectors:
  - name: Internet Mail Service (TRADE)
    kind: internet_mail
    server: TRADE
    address_spaces: ["SMTP:*;1"]
  - name: MS Mail Connector (TRADE)
    kind: msmail
    server: TRADE
    postoffice: CA/TCAHQPO
    address_spaces:
      - "MS:CA/*;1"
""",
        autofix=(
            "Removes the SMTP address space from the connector, unless that would leave the connector "
            "with no address space (all of them SMTP): which route to keep is then for a person. "
            "With only an AT&T gateway declared, narrows the address to AT&T bang paths "
            "(`*!*`) instead, keeping its cost and quoting. No fix is offered for an address space in a "
            "list that an alias elsewhere reuses."
        ),
        references=(
            "KB Q169117: SMTP address space on the MS Mail Connector causes intermittent NDRs "
            "https://jeffpar.github.io/kbarchive/kb/169/Q169117/",
            "KB Q147044: IMC and the MS Mail AT&T gateway, non-overlapping address spaces "
            "https://jeffpar.github.io/kbarchive/kb/147/Q147044/",
            "KB Q116466: MS Mail gateway address formats (AT&T bang paths) "
            "https://jeffpar.github.io/kbarchive/kb/116/Q116466/",
        ),
    ),
)
