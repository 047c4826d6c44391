"""`exchange-lint gwart [--site S]`: each site's routing table, as the MTA there would see it."""

from __future__ import annotations

import json
from typing import Any, TextIO

from exchange_lint.commands.tables import aligned, chosen_sites
from exchange_lint.files import UsageError
from exchange_lint.generations.exchange40_55.model import Organization
from exchange_lint.generations.exchange40_55.routing.analysis import MAX_SITES, routing_view
from exchange_lint.generations.exchange40_55.routing.gwart import SECTIONS, Row, gwart
from exchange_lint.report import printable


def _row_json(row: Row) -> dict[str, Any]:
    return {
        "section": row.section,
        "type": row.space.type,
        "address": row.space.address,
        "cost": row.cost,
        "address_space_cost": row.space.cost,
        "connector": row.connector.name,
        "server": row.connector.server,
        "scope": row.space.scope,
        "via": list(row.path),
    }


def _table(rows: list[Row]) -> list[str]:
    cells = [
        tuple(
            printable(cell)  # escaped before the columns are measured
            for cell in (
                f"{r.space.type}:{r.space.address}",
                str(r.cost),
                r.connector.name,
                r.connector.server or "-",
                " > ".join(r.path) if len(r.path) > 1 else "local site",
                r.space.scope,
            )
        )
        for r in rows
    ]
    header = ("ADDRESS SPACE", "COST", "CONNECTOR", "SERVER", "VIA", "SCOPE")
    return aligned(header, cells)


def run(organization: Organization, site: str | None, fmt: str, out: TextIO) -> int:
    view = routing_view(organization)
    sites = sorted(view.topology.servers_of_site)
    if site is not None:
        sites = chosen_sites(sites, site, organization.name)
    elif view.oversized:
        raise UsageError(
            f"organization '{organization.name}' has {len(sites):,} sites, more than the {MAX_SITES:,} the routing "
            "model handles at once: name one with --site"
        )
    tables = {name: gwart(view, name) for name in sites}
    if fmt == "json":
        data = {
            "organization": organization.name,
            "sites": [{"site": name, "routes": [_row_json(r) for r in rows]} for name, rows in tables.items()],
            "ignored": [
                {"connector": i.connector.name, "address_space": i.space.text, "reason": i.reason}
                for i in view.index.ignored
            ],
        }
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    lines = []
    for name, rows in tables.items():
        lines.append(f"GWART of site {name} (organization {organization.name})")
        for part in SECTIONS:
            in_part = [r for r in rows if r.section == part]
            lines.append(f"[{part}]")
            if in_part:
                lines.extend(f"  {line}" for line in _table(in_part))
            else:
                lines.append("  (none)")
        lines.append("")
    for item in view.index.ignored:
        lines.append(f"not in any GWART: '{item.connector.name}' {item.space.text}: {item.reason}")
    out.write("\n".join(printable(line) for line in lines).rstrip("\n") + "\n")  # names are data: shown, never obeyed
    return 0
