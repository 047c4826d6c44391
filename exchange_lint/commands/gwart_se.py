"""`exchange-lint gwart [--site S]` for Exchange 2007–SE: each AD site's effective route per
address space (there is no GWART after 5.5; this is what connector selection makes of the spaces)."""

from __future__ import annotations

import json
import textwrap
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
    """Written one site at a time: 10,000 connectors over 200 sites make ten million rows, and
    only one site's are held at once."""
    analysis = analyse(organization)
    sites = chosen_sites(list(analysis.topology.servers_of_site), site, organization.name)
    if fmt == "json":
        # the same text as `json.dumps` of the whole document with indent=2, written site by site
        head = json.dumps({"organization": organization.name, "sites": []}, indent=2, ensure_ascii=False)
        if not sites:
            out.write(head + "\n")
            return 0
        out.write(head.removesuffix("[]\n}") + "[\n")
        for number, name in enumerate(sites):
            routes = [_row_json(r) for r in site_table(analysis, name)]
            text = json.dumps({"site": name, "routes": routes}, indent=2, ensure_ascii=False)
            out.write(textwrap.indent(text, "    ") + (",\n" if number < len(sites) - 1 else "\n"))
        out.write("  ]\n}\n")
        return 0
    for number, name in enumerate(sites):
        lines = [f"Routes of AD site {name} (organization {organization.name})"]
        rows = site_table(analysis, name)
        lines += [f"  {line}" for line in _table(rows)] if rows else ["  (no address space)"]
        if number < len(sites) - 1:
            lines.append("")
        out.write("".join(printable(line) + "\n" for line in lines))  # names are data: shown, never obeyed
    return 0
