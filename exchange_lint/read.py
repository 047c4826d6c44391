"""Reading the files a run is pointed at: the linted ones, pyproject.toml, the baseline.

Their names come with the pull request: `baseline = "/dev/zero"` read for ever and filled the
memory, a FIFO waited for a writer for ever.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class Unreadable(Exception):
    """Why a file was not read, worded to follow "cannot read FILE: "."""


class NotRegular(Unreadable):
    """A FIFO, socket or device: not opened for reading."""

    def __init__(self) -> None:
        super().__init__("not a regular file (a FIFO, socket or device)")


class TooLarge(Unreadable):
    """Over the size limit: `size` bytes at least."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size:,} bytes, over the {limit:,}-byte limit")
        self.size = size


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of `path` when it is a regular file of at most `limit` bytes. Checked before
    opening (opening a device can do something) and again on what was opened, without waiting
    for a FIFO's writer, and never read past `limit`, whatever the file said its size was."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            raise NotRegular
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        with open(os.open(path, flags), "rb") as stream:
            status = os.fstat(stream.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise NotRegular
            if status.st_size > limit:
                raise TooLarge(status.st_size, limit)
            data = stream.read(limit + 1)
    except OSError as error:
        raise Unreadable(error.strerror or type(error).__name__) from None
    if len(data) > limit:  # it grew since `fstat`
        raise TooLarge(len(data), limit)
    return data
