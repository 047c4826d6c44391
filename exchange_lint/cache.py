"""The persistent cache: what reading a file produced, kept by the file's content between runs.

A pre-commit hook lints one changed file, but a routing finding needs the file's whole
organization, and the project holds many others. The cache knows each file's organization
without parsing it again (by its content, or by its unchanged status), so a run reads only the
files of the organizations it reports on; and it keeps the parsed document and schema findings of
a file linted a second time with the same content (the first time only its organization is
noted: a run in CI, which never sees its cache again, pays almost nothing for it).

    <folder>/.gitignore, CACHEDIR.TAG
    <folder>/<namespace>/index             organizations by content key, content keys by file status
    <folder>/<namespace>/index.<random>    what one process learned, merged into `index` by the run
    <folder>/<namespace>/documents/<key>   one file's parsed document and schema findings

The namespace is a digest of everything a cached result depends on besides the file's bytes
(`namespace`). Each cache file starts with a keyed checksum of the rest and names its namespace
(and its key). The checksum's key is a secret of the user's, kept outside the project (`_secret`):
a cache folder committed to a pull request, or left by another user, is foreign however well
it is made, and ignored. So is a damaged one; unpickling builds only plain values (no class is
ever looked up), and what is ignored is rebuilt. Every write goes to a temporary file renamed into place, so
runs that overlap see whole entries or none; what one of them loses, a later run rebuilds. The
cache only ever saves work: whatever it holds, a run reports what it would report without it.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from exchange_lint.findings import Location, Region, Removal
from exchange_lint.load import Document, LoadProblem, Span, decode

FOLDER = ".exchange-lint-cache"
FORMAT = 1
_MAGIC = b"exlcache"
_CHECKSUM_BYTES = 16
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


def namespace(config: Any, rule_sources: Iterable[str]) -> str:
    """A digest of what a cached entry depends on besides the file: the cache format, Python,
    the linter's own files (an edited checkout counts), every installed distribution (ruamel.yaml,
    jsonschema, rule plugins), the rules and the configuration."""
    package = Path(__file__).parent
    own = sorted(_file_statuses(package))
    distributions = sorted(_distributions())
    described = repr((FORMAT, sys.version, own, distributions, sorted(rule_sources), tuple(config)))
    return f"v{FORMAT}-{_digest(described.encode('utf-8', 'surrogateescape'))}"


def _file_statuses(folder: Path) -> Iterable[tuple[str, int, int]]:
    """(name, size, modification time) of every file of the package, sub-packages included."""
    pending = [folder]
    while pending:
        here = pending.pop()
        try:
            with os.scandir(here) as entries:
                for entry in entries:
                    if entry.name == "__pycache__":
                        continue
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    else:
                        status = entry.stat()
                        yield os.path.relpath(entry.path, folder), status.st_size, status.st_mtime_ns
        except OSError:
            continue


def _distributions() -> Iterable[str]:
    """The metadata folder names (`name-version.dist-info`) of everything importable."""
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        yield from (name for name in names if name.endswith((".dist-info", ".egg-info")))


def _digest(data: bytes) -> str:
    digest: str = _blake2b(data).hexdigest()
    return digest


def _blake2b(data: bytes, key: bytes = b"") -> Any:
    """BLAKE2b of 16 bytes from CPython's built-in module (`hashlib` would load OpenSSL first)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # another Python
        from hashlib import blake2b
    return blake2b(data, digest_size=_CHECKSUM_BYTES, key=key)


def _user_cache_folder() -> Path:
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


def _secret() -> bytes | None:
    """The user's key for sealing cache files, made on first use (`<user cache>/exchange-lint/cache-key`,
    readable by the user alone); None when there is nowhere to keep one (no cache then)."""
    from exchange_lint.read import Unreadable, read_regular_file

    folder = _user_cache_folder() / "exchange-lint"
    path = folder / "cache-key"
    try:
        return _valid_secret(read_regular_file(path, 1024))
    except Unreadable:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with open(descriptor, "wb") as stream:
            stream.write(os.urandom(32).hex().encode("ascii"))
        return _valid_secret(read_regular_file(path, 1024))  # another run may have made it first
    except (OSError, RuntimeError, Unreadable):  # no home folder, a read-only one
        try:
            return _valid_secret(read_regular_file(path, 1024))
        except Unreadable:
            return None


def _valid_secret(data: bytes) -> bytes | None:
    return data[:64] if len(data) >= 64 else None


def _plain_values(data: bytes) -> Any:
    """Unpickle building plain values only: a cache file is data, never code. Looking up any class
    or function (what a crafted pickle would run) fails, and the entry is ignored."""
    import pickle

    class PlainValues(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            raise pickle.UnpicklingError(f"{module}.{name} is not a plain value")

    return PlainValues(io.BytesIO(data)).load()


def _sealed(value: Any, secret: bytes) -> bytes:
    import pickle

    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    checksum: bytes = _blake2b(payload, secret).digest()
    return _MAGIC + checksum + payload


def _opened(data: bytes, secret: bytes) -> Any:
    """What `_sealed` made with this secret; raises ValueError when the bytes are not whole or not ours."""
    head = len(_MAGIC) + _CHECKSUM_BYTES
    if len(data) < head or not data.startswith(_MAGIC):
        raise ValueError("not a cache file")
    payload = data[head:]
    if _blake2b(payload, secret).digest() != data[len(_MAGIC) : head]:  # no secret to time: a plain compare
        raise ValueError("checksum does not match")
    return _plain_values(payload)


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
        secret = _secret()
        if secret is None:
            return None
        cache = cls(folder, name, secret)
        try:
            cache._prepare()
        except OSError:
            return None
        cache._read_index()
        return cache

    def _prepare(self) -> None:
        """The folder and its namespace exist and are real folders, the folder marked as a cache."""
        os.makedirs(self.folder, exist_ok=True)
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
            return _opened(read_regular_file(path, 1 << 30), self.secret)
        except Exception:  # unreadable, damaged or foreign, in any way: not trusted
            return None

    # ------------------------------------------------------------------ what a run asks

    def key_by_status(self, absolute: str, status: os.stat_result) -> str | None:
        """The content key of a file whose status is what an earlier run noted."""
        noted = self.statuses.get(absolute)
        if noted is None or noted[:5] != _status(status):
            return None
        return noted[5]

    def organization(self, key: str) -> tuple[bool, str | None]:
        """(whether an earlier run noted this content, the organization it noted: None for none)."""
        noted = self.organizations.get(key)
        return (False, None) if noted is None else (True, noted[0])

    def key_of(self, raw: bytes) -> str:
        return _digest(raw)

    def document(self, key: str, display: str, raw: bytes) -> Document | None:
        """The document an earlier run parsed from these bytes, or None."""
        if key not in self.organizations:
            return None  # never noted: there is no entry to look for
        value = self._read(self.here / "documents" / key)
        try:
            name, entry_key, encoded, schema = value
            if name != self.name or entry_key != key:
                return None
            document = _decoded(display, raw, encoded)
        except (TypeError, ValueError, IndexError, KeyError, AttributeError):
            return None
        self.entries[key] = (encoded, schema)
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
        encoded = held[0] if held is not None else _encoded(document)
        schema_entry = None
        if schema is not None:
            schema_entry = [
                (message, tuple(location.region), location.anchor, location.message, hint)
                for message, location, hint in schema
            ]
        try:
            self.pending[key] = _sealed((self.name, key, encoded, schema_entry), self.secret)
        except (RecursionError, ValueError, TypeError):  # nothing a parsed file holds; never fatal all the same
            return
        self.entries[key] = (encoded, schema_entry)

    # ------------------------------------------------------------------ writing

    def save(self, *, merge: bool) -> None:
        """Write what this process learned; `merge` (the run itself, not one of its workers) also
        folds every fragment into the index and drops what is no longer used."""
        for key, data in self.pending.items():
            with contextlib.suppress(OSError):  # this entry is not kept; the others still are
                _write_new(self.here / "documents" / key, data)
        self.pending.clear()
        try:
            if merge:
                self._merge()
            elif self.seen:
                fragment = {key: (organization, self.now) for key, organization in self.seen.items()}
                sealed = _sealed((self.name, fragment, self.seen_statuses), self.secret)
                _write_new(self.here / f"index.{os.urandom(8).hex()}", sealed)
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
        _write_new(self.here / "index", _sealed((self.name, kept, statuses), self.secret))
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


def _status(status: os.stat_result) -> tuple[int, int, int, int, int]:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def _is_status(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 6
        and all(isinstance(part, int) for part in value[:5])
        and isinstance(value[5], str)
    )


def _write_new(path: Path, data: bytes) -> None:
    """`data` into a temporary file beside `path`, renamed over it: readers see all of it or none.
    Not synced: a file cut short by a crash fails its checksum and is rebuilt."""
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
    try:
        with open(handle, "wb") as stream:
            stream.write(data)
        try:
            os.replace(temporary, path)
        except IsADirectoryError:  # an empty folder where an entry belongs goes; anything more stays
            os.rmdir(path)
            os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_NO_KEY = ()


def _encoded(document: Document) -> tuple[Any, ...]:
    """The document as plain values: data, spans as flat tuples in document order, load problems."""
    spans = [(path, *span.value, *(span.key or _NO_KEY)) for path, span in document.spans.items()]
    problems = [
        (
            problem.rule_id,
            problem.message,
            tuple(problem.region),
            None
            if problem.fix is None
            else (problem.fix.description, tuple(problem.fix.start), tuple(problem.fix.end), problem.fix.path),
            problem.path,
            problem.detail,
            problem.hint,
        )
        for problem in document.problems
    ]
    return (document.data, spans, problems, [tuple(region) for region in document.shared])


def _decoded(display: str, raw: bytes, encoded: tuple[Any, ...]) -> Document:
    """The document `_encoded` described, with its lines from the file's own bytes."""
    from exchange_lint.load import content_digest

    data, spans, problems, shared = encoded
    text, problem = decode(raw)
    if text is None or problem is not None:
        raise ValueError("the file no longer decodes")
    make = Region._make
    document = Document(
        display,
        data,
        {entry[0]: Span(make(entry[1:5]), make(entry[5:9]) if len(entry) > 5 else None) for entry in spans},
        text.splitlines(),
    )
    for rule_id, message, region, fix, path, detail, hint in problems:
        removal = None if fix is None else Removal(fix[0], make(fix[1]), make(fix[2]), fix[3])
        document.problems.append(LoadProblem(rule_id, message, make(region), removal, path, detail, hint))
    document.shared = [make(region) for region in shared]
    document.digest = content_digest(raw)
    return document
