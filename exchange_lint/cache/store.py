"""The cache one run opens: what earlier runs noted, and what this one adds (see `exchange_lint.cache`).

Every write goes to a temporary file renamed into place, so runs that overlap see whole entries or
none; what one of them loses, a later run rebuilds.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from exchange_lint.cache.codec import decoded, encoded
from exchange_lint.cache.seal import digest, opened, sealed, secret, write_new
from exchange_lint.findings import Location, Region
from exchange_lint.load import Document

# Windows reports a file's creation time as its change time, so an edit that keeps the size and
# restores the modification time (`robocopy`, `cp -p`) would leave the status as it was: there a
# file's content always names it.
TRUST_STATUS = os.name != "nt"
# A file whose status changed this recently may change again within the same timestamp (a
# clock tick): its status is not trusted to name its content ("racily clean", as git says).
RACY_NANOSECONDS = 2_000_000_000
KEEP_SECONDS = 30 * 86_400  # an organization noted for content no run has seen for this long goes
KEEP_NAMESPACES = 3  # settings used in turn (a tool upgrade, a config change) each keep a cache
STRAY_SECONDS = 600  # a document no index names, older than this, was left by a run that died
_GITIGNORE = b"# Created by exchange-lint: nothing here belongs in version control.\n*\n"
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by exchange-lint.\n"
    b"# For information about cache directory tags see https://bford.info/cachedir/\n"
)


UNREADABLE = ""  # the content key of every file that could not be read
Status = tuple[int, int, int, int, int, str]  # size, modification ns, change ns, inode, device, content key


class Cache:
    """One run's view of the cache folder: what earlier runs noted, and what this one adds.

    `open` gives None when the folder cannot be used (a symbolic link, not writable, no user key);
    any trouble later (a full disk, an entry removed meanwhile) only costs the saving."""

    def __init__(self, folder: Path, name: str, secret: bytes) -> None:
        self.folder = folder
        self.name = name
        self.secret = secret
        self.here = folder / name
        self.started = time.time_ns()
        self.now = int(time.time())
        # content key -> (organization key or None, when a run last saw that content)
        self.organizations: dict[str, tuple[str | None, int]] = {}
        self.statuses: dict[str, Status] = {}  # absolute path -> status noted by an earlier run
        self.fresh_statuses: dict[str, Status] = {}  # ... of them, those from fragments (this run's workers)
        self.merged: set[Path] = set()  # the index files read
        self.seen: dict[str, str | None] = {}  # content key -> organization, this process
        self.seen_statuses: dict[str, Status] = {}
        self.keys: dict[str, str] = {}  # display path -> content key, this process
        self.entries: dict[str, tuple[Any, Any]] = {}  # content key -> (document, schema) read or kept
        self.loaded: dict[str, Document] = {}  # display path -> document loaded in this process
        self.pending: dict[str, bytes] = {}  # content key -> sealed entry to write

    @classmethod
    def open(cls, folder: Path, name: str) -> Cache | None:
        key = secret()
        if key is None:
            return None
        cache = cls(folder, name, key)
        try:
            cache._prepare()
        except (OSError, ValueError):  # not a folder we may use, or a path no file system takes
            return None
        cache._read_index()
        return cache

    def _prepare(self) -> None:
        """The folder and its namespace exist and are real folders, the folder marked as a cache.
        A folder that already holds other things and is not marked as this cache (`cache-dir`
        pointed at the project itself, say) is not used: its `.gitignore` would hide the project."""
        os.makedirs(self.folder, exist_ok=True)
        if not stat.S_ISDIR(os.lstat(self.folder).st_mode):
            raise NotADirectoryError(f"{self.folder} is not a folder")
        if not _marked(self.folder):
            with os.scandir(self.folder) as entries:
                if any(entry.name not in (".gitignore", "CACHEDIR.TAG") for entry in entries):
                    raise FileExistsError(f"{self.folder} holds other things than a cache")
        for folder in (self.folder, self.here, self.here / "documents"):
            with contextlib.suppress(FileExistsError):  # made meanwhile by a run that overlaps
                os.mkdir(folder)
            if not stat.S_ISDIR(os.lstat(folder).st_mode):
                raise NotADirectoryError(f"{folder} is not a folder")  # a link: never written through
        for name, content in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            try:
                descriptor = os.open(self.folder / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            with open(descriptor, "wb") as stream:
                stream.write(content)

    def _read_index(self) -> None:
        """Fold in every index file not read yet: the index, and fragments processes left."""
        try:
            names = sorted(name for name in os.listdir(self.here) if name == "index" or name.startswith("index."))
        except OSError:
            return
        for path in (self.here / name for name in names):
            if path in self.merged:
                continue
            value = self._read(path)
            self.merged.add(path)
            try:
                found, organizations, statuses = value
                if found != self.name:
                    continue
                for key, (organization, when) in organizations.items():
                    if isinstance(key, str) and isinstance(organization, (str, type(None))) and isinstance(when, int):
                        previous = self.organizations.get(key)
                        if previous is None or previous[1] < when:
                            self.organizations[key] = (organization, when)
                valid = {k: v for k, v in statuses.items() if isinstance(k, str) and _is_status(v)}
            except (AttributeError, TypeError, ValueError):
                continue  # not the shape this format writes: ignored
            self.statuses.update(valid)
            if path.name != "index":
                self.fresh_statuses.update(valid)

    def _read(self, path: Path) -> Any:
        from exchange_lint.read import read_regular_file

        try:
            return opened(read_regular_file(path, 1 << 30), self.secret)
        except Exception:  # unreadable, damaged or foreign, in any way: not trusted
            return None

    # ------------------------------------------------------------------ what a run asks

    def key_by_status(self, absolute: str, status: os.stat_result) -> str | None:
        """The content key of a file whose status is what an earlier run noted."""
        noted = self.statuses.get(absolute) if TRUST_STATUS else None
        if noted is None or noted[:5] != _status(status):
            return None
        return noted[5]

    def organization(self, key: str) -> tuple[bool, str | None]:
        """(whether an earlier run noted this content, the organization it noted: None for none)."""
        noted = self.organizations.get(key)
        return (False, None) if noted is None else (True, noted[0])

    def key_of(self, raw: bytes) -> str:
        return digest(raw)

    def document(self, key: str, display: str, raw: bytes) -> Document | None:
        """The document an earlier run parsed from these bytes, or None."""
        if key not in self.organizations:
            return None  # never noted: there is no entry to look for
        value = self._read(self.here / "documents" / key)
        try:
            name, entry_key, plain, schema = value
            if name != self.name or entry_key != key:
                return None
            document = decoded(display, raw, plain)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            return None
        self.entries[key] = (plain, schema)
        return document

    def schema(self, display: str) -> list[tuple[str, Location, str]] | None:
        """The schema findings an earlier run noted for the file's content, or None."""
        key = self.keys.get(display)
        held = self.entries.get(key) if key is not None else None
        if held is None or held[1] is None:
            return None
        try:
            return [
                (message, Location(display, Region._make(region), anchor, note), hint)
                for message, region, anchor, note, hint in held[1]
            ]
        except (TypeError, ValueError):
            return None

    # ------------------------------------------------------------------ what a run notes

    def noted(self, key: str, display: str, document: Document, absolute: str, status: os.stat_result | None) -> None:
        """Note a file this process read: its organization by its content, its content by its
        status (unless the file changed too recently for its status to tell)."""
        from exchange_lint.generation import organization_key

        self.keys[display] = key
        self.seen[key] = organization_key(document.data)
        if status is not None and status.st_ctime_ns < self.started - RACY_NANOSECONDS:
            self.seen_statuses[absolute] = (*_status(status), key)

    def unreadable(self, absolute: str, status: os.stat_result) -> None:
        """Note a file that could not be read (too large, say): part of no organization while its
        status stays as it is, so later runs do not count it among the files they cannot place."""
        self.seen[UNREADABLE] = None
        if status.st_ctime_ns < self.started - RACY_NANOSECONDS:
            self.seen_statuses[absolute] = (*_status(status), UNREADABLE)

    def passed(self, key: str, absolute: str, status: os.stat_result) -> None:
        """A file this process did not need to read: seen all the same, as an earlier run noted it."""
        self.seen[key] = self.organization(key)[1]
        self.seen_statuses[absolute] = (*_status(status), key)

    def keep(self, display: str, document: Document, schema: Sequence[tuple[str, Location, str]] | None) -> None:
        """Keep the document (and its schema findings, when this run checked them) of content an
        earlier run saw too, unless the cache holds it already."""
        key = self.keys.get(display)
        if key is None or key not in self.organizations or document.data is None:
            return
        held = self.entries.get(key)
        if held is not None and (held[1] is not None or schema is None):
            return
        plain = held[0] if held is not None else encoded(document)
        schema_entry = None
        if schema is not None:
            schema_entry = [
                (message, tuple(location.region), location.anchor, location.message, hint)
                for message, location, hint in schema
            ]
        try:
            self.pending[key] = sealed((self.name, key, plain, schema_entry), self.secret)
        except (RecursionError, ValueError, TypeError):  # nothing a parsed file holds; never fatal all the same
            return
        self.entries[key] = (plain, schema_entry)

    # ------------------------------------------------------------------ writing

    def save(self, *, merge: bool) -> None:
        """Write what this process learned; `merge` (the run itself, not one of its workers) also
        folds every fragment into the index and drops what is no longer used."""
        for key, data in self.pending.items():
            with contextlib.suppress(OSError):  # this entry is not kept; the others still are
                write_new(self.here / "documents" / key, data)
        self.pending.clear()
        try:
            if merge:
                self._merge()
            elif self.seen:
                fragment = {key: (organization, self.now) for key, organization in self.seen.items()}
                data = sealed((self.name, fragment, self.seen_statuses), self.secret)
                write_new(self.here / f"index.{os.urandom(8).hex()}", data)
        except OSError:
            return  # a full disk or a folder removed meanwhile: the next run rebuilds what is missing

    def _merge(self) -> None:
        self._read_index()  # the fragments this run's workers wrote
        for key, organization in self.seen.items():
            self.organizations[key] = (organization, self.now)
        # Statuses of files no process of this run saw (deleted, renamed) are not carried over.
        statuses = {**self.fresh_statuses, **self.seen_statuses}
        fresh = self.now - KEEP_SECONDS
        kept = {key: noted for key, noted in self.organizations.items() if noted[1] >= fresh}
        limit = 4 * (len(self.seen) + len(statuses)) + 1000
        if len(kept) > limit:  # a long-lived cache of a busy repository: the most recently seen stay
            kept = dict(sorted(kept.items(), key=lambda item: item[1][1], reverse=True)[:limit])
        write_new(self.here / "index", sealed((self.name, kept, statuses), self.secret))
        for path in self.merged:
            if path.name != "index":
                path.unlink(missing_ok=True)
        self._sweep(kept)
        self._drop_other_namespaces()

    def _sweep(self, kept: dict[str, tuple[str | None, int]]) -> None:
        """Remove documents whose content the index no longer names, and what a run that died
        left (older than STRAY_SECONDS: a younger one may be a concurrent run's)."""
        stale = time.time() - STRAY_SECONDS
        for folder in (self.here / "documents", self.here):
            with os.scandir(folder) as entries:
                for entry in entries:
                    ours = folder.name == "documents" or entry.name.endswith(".tmp")
                    if not ours or entry.name in kept:
                        continue
                    try:
                        if entry.name in self.organizations or entry.stat(follow_symlinks=False).st_mtime < stale:
                            os.unlink(entry.path)
                    except OSError:
                        continue

    def _drop_other_namespaces(self) -> None:
        """Keep the caches of the last few settings; older ones go (only folders named as this
        module names them: `cache-dir` may point at a folder that holds other things too)."""
        import re
        import shutil

        others = []
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if entry.name == self.name or not re.fullmatch(r"v[0-9]+-[0-9a-f]{32}", entry.name):
                    continue
                try:
                    if entry.is_dir(follow_symlinks=False):
                        others.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
                except OSError:
                    continue
        for _, path in sorted(others, reverse=True)[KEEP_NAMESPACES - 1 :]:
            shutil.rmtree(path, ignore_errors=True)


def _marked(folder: Path) -> bool:
    """Whether the folder carries this cache's CACHEDIR.TAG."""
    from exchange_lint.read import Unreadable, read_regular_file

    try:
        return read_regular_file(folder / "CACHEDIR.TAG", 4096) == _CACHEDIR_TAG
    except Unreadable:
        return False


def _status(status: os.stat_result) -> tuple[int, int, int, int, int]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _is_status(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 6
        and all(isinstance(part, int) for part in value[:5])
        and isinstance(value[5], str)
    )
