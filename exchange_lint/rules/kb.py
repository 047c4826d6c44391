"""Citations of Microsoft Knowledge Base articles, in the form rule docs use."""

from __future__ import annotations


def kb(number: int, title: str) -> str:
    """`KB Q169117: title url`, pointing at the kbarchive mirror the domain notes were read from."""
    digits = str(number)
    folder = digits[:3] if len(digits) >= 6 else digits[:2].zfill(3)
    return f"KB Q{number}: {title} https://jeffpar.github.io/kbarchive/kb/{folder}/Q{number}/"
