"""Cache files that cannot be forged or misread: sealed with the user's key, read as plain values.

Each cache file starts with a keyed checksum of the rest. The key is a secret of the user's, kept
outside the project (`secret`): a cache folder committed to a pull request, or left by another
user, is foreign however well it is made, and ignored. So is a damaged one. Unpickling builds
only plain values: no class or function is ever looked up, so nothing in a cache file runs.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

FORMAT = 1  # of everything the cache writes; a new one starts a new namespace
MAGIC = b"exlcache"
CHECKSUM_BYTES = 16


def digest(data: bytes) -> str:
    digest: str = blake2b(data).hexdigest()
    return digest


def blake2b(data: bytes, key: bytes = b"") -> Any:
    """BLAKE2b of 16 bytes from CPython's built-in module (`hashlib` would load OpenSSL first)."""
    try:
        from _blake2 import blake2b as made
    except ImportError:  # another Python
        from hashlib import blake2b as made
    return made(data, digest_size=CHECKSUM_BYTES, key=key)


def _user_cache_folder() -> Path | None:
    """The user's cache folder (`$XDG_CACHE_HOME`, else `~/.cache`; `%LOCALAPPDATA%` on Windows); None
    when there is none. A relative `XDG_CACHE_HOME` is ignored, as the XDG spec says: it would put
    the key inside the working tree, where it could be committed."""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"])
    configured = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(configured):
        return Path(configured)
    try:
        return Path.home() / ".cache"
    except (RuntimeError, KeyError, OSError):  # no home folder (a container's user without one)
        return None


def secret() -> bytes | None:
    """The user's key for sealing cache files, made on first use (`<user cache>/exchange-lint/cache-key`,
    readable by the user alone); None when there is nowhere to keep one (no cache then). A key
    file that is not whole (a run stopped while writing it) is replaced."""
    from exchange_lint.read import Unreadable, read_regular_file

    user = _user_cache_folder()
    if user is None:
        return None
    folder = user / "exchange-lint"
    path = folder / "cache-key"
    try:
        key = _valid_secret(read_regular_file(path, 1024))
        if key is not None:
            return key
    except Unreadable:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_new(path, os.urandom(32).hex().encode("ascii"))
        return _valid_secret(read_regular_file(path, 1024))  # another run may have replaced it meanwhile
    except (OSError, ValueError, Unreadable):  # a read-only home folder
        return None


def _valid_secret(data: bytes) -> bytes | None:
    """64 hexadecimal characters, as `secret` writes them."""
    key = data.strip()
    return key if len(key) == 64 and all(character in b"0123456789abcdef" for character in key) else None


def _plain_values(data: bytes) -> Any:
    """Unpickle building plain values only: a cache file is data, never code. Looking up any class
    or function (what a crafted pickle would run) fails, and the entry is ignored."""
    import pickle

    class PlainValues(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            raise pickle.UnpicklingError(f"{module}.{name} is not a plain value")

    return PlainValues(io.BytesIO(data)).load()


def sealed(value: Any, secret: bytes) -> bytes:
    import pickle

    payload = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    checksum: bytes = blake2b(payload, secret).digest()
    return MAGIC + checksum + payload


def opened(data: bytes, secret: bytes) -> Any:
    """What `sealed` made with this secret; raises ValueError when the bytes are not whole or not ours."""
    head = len(MAGIC) + CHECKSUM_BYTES
    if len(data) < head or not data.startswith(MAGIC):
        raise ValueError("not a cache file")
    payload = data[head:]
    if blake2b(payload, secret).digest() != data[len(MAGIC) : head]:  # no secret to time: a plain compare
        raise ValueError("checksum does not match")
    return _plain_values(payload)


def write_new(path: Path, data: bytes) -> None:
    """`data` into a temporary file beside `path`, renamed over it: readers see all of it or none.
    Not synced: a file cut short by a crash fails its checksum and is rebuilt. The temporary name
    is random and created exclusively (as `tempfile` would, without its import on every commit)."""
    temporary = path.parent / f".{path.name}.{os.urandom(8).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(temporary, flags, 0o600)
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
