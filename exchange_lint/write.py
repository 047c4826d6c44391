"""Writing what a run produces (`--output`, `--write-baseline`, `--fix`): whole or not at all, never through a link.

CI writes its report inside the checked-out pull request (the Action's `exchange-lint.sarif`), where
anyone can plant a symbolic link by that name pointing at a file the job may write to.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from exchange_lint.files import UsageError


def replace_file(path: Path, data: bytes, what: str = "") -> None:
    """Replace `path` with `data`: a temporary file in the same folder, renamed over it, so that a
    reader never sees half a report and a failure leaves no temporary file behind. A symbolic link
    is refused, not followed. A device or FIFO (`-o /dev/null`) is written in place, without waiting
    for a reader that never comes. A new file gets the umask's permissions, a replaced one keeps its
    own. `what` names the file in messages ("baseline ")."""
    try:
        status: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise UsageError(f"cannot write {what}{path}: {error.strerror}") from None
    if status is not None and stat.S_ISLNK(status.st_mode):
        raise UsageError(f"{what}{path} is a symbolic link; not written through it (remove it, or name its target)")
    try:
        if status is not None and (stat.S_ISCHR(status.st_mode) or stat.S_ISFIFO(status.st_mode)):
            _write_in_place(path, data)
        else:
            mode = stat.S_IMODE(status.st_mode) if status is not None else 0o666 & ~_umask()
            write_and_rename(path, data, mode)
    except OSError as error:
        raise UsageError(f"cannot write {what}{path}: {error.strerror}") from None


def _write_in_place(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)  # a FIFO nobody reads: ENXIO at once, instead of a hang
    with open(descriptor, "wb") as stream:
        os.set_blocking(descriptor, True)
        stream.write(data)


def write_and_rename(path: Path, data: bytes, mode: int, owner: tuple[int, int] | None = None) -> None:
    """`data` into a temporary file beside `path` (synced, with `mode` and, when given and not
    ours, the `owner` (uid, gid)), renamed over `path`; the temporary file never stays behind."""
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with open(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if owner is not None and hasattr(os, "chown") and owner != (os.geteuid(), os.getegid()):
            os.chown(temporary, *owner)
        os.replace(temporary, path)  # replaces a link planted meanwhile, never writes through it
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask; reading it means setting it, so it is set to the strictest value meanwhile."""
    current = os.umask(0o077)
    os.umask(current)
    return current
