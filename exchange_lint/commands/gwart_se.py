"""`exchange-lint gwart [--site S]` for Exchange 2007–SE: each AD site's effective route per
address space (there is no GWART after 5.5; this is what connector selection makes of the spaces)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from exchange_lint.commands.tables import aligned, chosen_sites
from exchange_lint.generations.exchange2007_se.model import Organization
from exchange_lint.generations.exchange2007_se.routing.analysis import analyse
from exchange_lint.generations.exchange2007_se.routing.table import Row, site_table
from exchange_lint.report import printable


def _row_json(row: Row) -> dict[str, Any]:
    return {
        "address_space": row.space,
        "servers": list(row.servers),
        "verdict": row.verdict,
        "decided_by": row.decided_by,
        "cost": row.cost,
        "source_server": row.source,
    }


def _table(rows: list[Row]) -> list[str]:
    cells = [
        tuple(
            printable(cell)  # escaped before the columns are measured
            for cell in (
                r.space,
                ", ".join(r.servers) or "every server",
                r.verdict,
                "-" if r.cost is None else str(r.cost),
                r.source or "-",
                r.decided_by,
            )
        )
        for r in rows
    ]
    header = ("ADDRESS SPACE", "FROM", "ROUTE", "COST", "SOURCE SERVER", "DECIDED BY")
    return aligned(header, cells)


def run(organization: Organization, site: str | None, fmt: str, out: TextIO) -> int:
    analysis = analyse(organization)
    sites = list(analysis.topology.servers_of_site)
    sites = chosen_sites(sites, site, organization.name)
    tables = {name: site_table(analysis, name) for name in sites}
    if fmt == "json":
        data = {
            "organization": organization.name,
            "sites": [{"site": name, "routes": [_row_json(r) for r in rows]} for name, rows in tables.items()],
        }
        out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        return 0
    lines = []
    for name, rows in tables.items():
        lines.append(f"Routes of AD site {name} (organization {organization.name})")
        if rows:
            lines.extend(f"  {line}" for line in _table(rows))
        else:
            lines.append("  (no address space)")
        lines.append("")
    out.write("\n".join(printable(line) for line in lines).rstrip("\n") + "\n")  # names are data: shown, never obeyed
    return 0
