"""Logical names of places in a document (`connectors[IMS]/address_spaces[SMTP:*]`).

A finding's fingerprint is its rule, its file and this anchor, so a baselined finding stays
baselined when lines are inserted or an unrelated connector is added above it. Anchors are built
here only, from the document's structure: mapping keys as themselves, list items by what names
them (their `name`, an address space's `TYPE:ADDRESS`, a routing test's origin and recipient, a
plain value itself), never by their index, their line or a message's text.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from typing import Any

from exchange_lint.addresses import parse_compact

WHOLE_DOCUMENT = "document"


def anchor(data: Any, path: Sequence[str | int] | None) -> str:
    """The anchor of the node at `path` in `data` (the root when the path is empty or unknown)."""
    text = ""
    node = data
    container = ""
    for key in path or ():
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            text += f"[{item_label(container, item)}]"
            node = item
        else:
            text += f"/{key}" if text else str(key)
            container = str(key)
            node = node.get(key) if isinstance(node, dict) else None
    return text or WHOLE_DOCUMENT


def item_label(container: str, item: Any) -> str:
    """What names a list item among its siblings, whatever its position."""
    if isinstance(item, dict):
        for key in ("name", "domain", "edge", "principal"):  # what names an item in each generation
            named = item.get(key)
            if isinstance(named, str):
                return named
        kind = item.get("type")
        if isinstance(kind, str):
            if container != "address_spaces":
                return kind.upper()  # an MS Mail gateway: one of each type
            address = item.get("address", "")
            return f"{kind.upper()}:{address if isinstance(address, str) else '' if address is None else address}"
        origin, recipient = item.get("from"), item.get("recipient")
        if isinstance(origin, str) and isinstance(recipient, str):
            return f"{origin}->{recipient}"
    if isinstance(item, str):
        if container == "address_spaces":
            parts = parse_compact(item)
            if parts is not None:
                return f"{parts[0]}:{parts[1]}"
        return item
    return _content_label(item)


def _content_label(item: Any) -> str:
    """An unnamed item is known by its content: stable wherever it moves, new when it changes."""
    text = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
    return f"#{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}"
