"""The organization `route`, `gwart` and `graph` work on, loaded the way `check` loads it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from exchange_lint.config import Config
from exchange_lint.engine import load_documents
from exchange_lint.files import UsageError, display_path, select_files
from exchange_lint.generation import organization_key
from exchange_lint.generations.exchange40_55.model import Organization, build_organization
from exchange_lint.load import Document


def load_organization(paths: Sequence[str], config: Config, cwd: Path, name: str | None) -> Organization:
    """The one organization the named files (or the project) declare; `name` picks among several."""
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
        return build_organization(name, groups[name])
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
    return build_organization(candidates[0], groups[candidates[0]])
