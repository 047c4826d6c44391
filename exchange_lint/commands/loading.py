"""The organization `route`, `gwart` and `graph` work on, loaded the way `check` loads it, and
modelled by its generation's package (a 4.0–5.5, a 2007–SE or an Exchange Online `Organization`, or
for `graph` the hybrid pair)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from exchange_lint.config import Config
from exchange_lint.engine import build_model, by_generation, load_documents
from exchange_lint.files import UsageError, display_path, select_files
from exchange_lint.generation import EXCHANGE_ONLINE, HYBRID, organization_key
from exchange_lint.load import Document


def build_organization(
    name: str,
    documents: Sequence[Document],
    named: Collection[str] = (),
    online: bool | None = None,
    pair: bool = False,
) -> Any:
    """The organization as its generation models it, as `check` models it: each file belongs to
    the generation its `exchange` names (one naming none, to the first named); where the files
    name several, the part holding a named file is the one asked about. In a hybrid deployment
    `online` picks the side: the tenant (True, `route online`) or the on-premises one (False);
    with `pair` (`graph`), files named on both sides ask about the hybrid pair itself."""
    parts = by_generation(documents)
    sides = {generation.id: members for generation, members in parts if generation is not None}
    if pair and all(any(d.path in named for d in sides.get(side, ())) for side in HYBRID.pairs):
        return build_model(HYBRID, name, [d for side in HYBRID.pairs for d in sides[side]])
    if online is not None:
        side = [part for part in parts if (part[0] is EXCHANGE_ONLINE) is online]
        parts = side or parts
    chosen = next((part for part in parts if any(d.path in named for d in part[1])), parts[0])
    generation, members = chosen
    if generation is None:
        exchange = next(d.data["exchange"] for d in members if isinstance(d.data, dict) and "exchange" in d.data)
        raise UsageError(f"organization '{name}' names exchange {str(exchange)!r}, which no generation knows")
    return build_model(generation, name, members)


def load_organization(
    paths: Sequence[str], config: Config, cwd: Path, name: str | None, online: bool | None = None, pair: bool = False
) -> Any:
    """The one organization the named files (or the project) declare; `name` picks among several,
    `online` the side of a hybrid one, `pair` both sides (`build_organization`)."""
    files = select_files(paths, config)
    documents = load_documents(files.context, cwd, config.max_file_size)
    named = {display_path(path, cwd) for path in files.report}
    groups: dict[str, list[Document]] = {}
    for document in documents.values():
        key = organization_key(document.data)
        if key is not None:
            groups.setdefault(key, []).append(document)
    candidates = sorted(key for key, docs in groups.items() if any(d.path in named for d in docs))
    if name is not None:
        if name not in groups:
            known = ", ".join(sorted(groups)) or "none"
            raise UsageError(f"no organization named {name!r} in these files (found: {known})")
        return build_organization(name, groups[name], named, online, pair)
    if not candidates:
        unread = next((d for d in documents.values() if d.path in named and d.data is None and d.problems), None)
        if unread is not None:  # say why a named file could not be read, not only that nothing was found
            problem = unread.problems[0]
            where = f"{unread.path}:{problem.region.start_line}:{problem.region.start_column}"
            raise UsageError(f"{where}: {problem.message}")
        raise UsageError("no connector file found (a YAML/JSON file with top-level `version` and `organization`)")
    if len(candidates) > 1:
        raise UsageError(
            f"these files declare several organizations ({', '.join(candidates)}): pick one with --organization"
        )
    return build_organization(candidates[0], groups[candidates[0]], named, online, pair)
