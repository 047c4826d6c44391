"""Installing a pinned npm package into a folder of the project's cache, for the test helpers that
drive real npm tools (the SARIF Multitool, yaml-language-server)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def npm_install(base: Path, spec: str, what: str, unavailable: type[Exception], timeout: float) -> None:
    """`npm install --prefix BASE SPEC`; any failure raises `unavailable` naming `what` (no test skips)."""
    npm = shutil.which("npm")
    if npm is None:
        raise unavailable(f"npm is not installed: cannot install {spec} into {base}")
    command = [npm, "install", "--prefix", str(base), "--no-audit", "--no-fund", "--loglevel=error", spec]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise unavailable(f"npm install of {what} failed: {error}") from error
    if done.returncode != 0:
        raise unavailable(f"npm install of {what} failed (exit {done.returncode}):\n{done.stderr.strip()}")
