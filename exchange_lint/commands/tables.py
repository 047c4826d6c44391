"""What the per-site table commands of every generation share: the site a user asks for, and
text columns aligned as the table prints them."""

from __future__ import annotations

from collections.abc import Sequence

from exchange_lint.files import UsageError


def chosen_sites(sites: list[str], site: str | None, organization: str) -> list[str]:
    """`sites`, or the one `--site` names (compared without case); a name no site has is a usage error."""
    if site is None:
        return sites
    match = [name for name in sites if name.casefold() == site.casefold()]
    if not match:
        raise UsageError(f"no site named {site!r} in organization '{organization}' (sites: {', '.join(sites)})")
    return match


def aligned(header: tuple[str, ...], cells: Sequence[tuple[str, ...]]) -> list[str]:
    """The header and the rows, each column as wide as its widest cell, trailing blanks cut."""
    widths = [max(len(row[i]) for row in (header, *cells)) for i in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, *cells)
    ]
