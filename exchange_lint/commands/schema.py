"""`exchange-lint schema`: print the JSON Schema of connector files (for editors and CI)."""

from __future__ import annotations

from typing import TextIO

from exchange_lint.schema import schema_path, schema_text


def run(out: TextIO, path_only: bool = False) -> int:
    out.write(f"{schema_path()}\n" if path_only else schema_text())
    return 0
