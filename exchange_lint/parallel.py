"""Lint many files in several processes, one share of whole organizations each.

Organizations are independent: every rule sees one organization at a time. A cheap scan of each
file's top-level `organization:` line shares the organizations out; each worker process (forked,
so it inherits the rules and settings without pickling them) runs the engine on its share, and
sends back only findings and lines. If the scan guessed an organization wrong (a JSON file, an
unusual spelling) so that one organization would be split between workers, the result is thrown
away and the caller lints serially: the engine's result is always the serial one, and `decide`
then sees the same findings either way.

Every worker is a process of its own with a pipe back, watched together with its exit: one that
dies (killed by the OOM killer, a crashing extension) ends the run with an error naming its files,
where a pool would wait for its result for ever. Workers ignore Ctrl-C, which the terminal sends
to the whole process group: the parent alone answers it (and SIGTERM, while workers run) by
stopping them and ending the run, with no traceback from any of them.
"""

from __future__ import annotations

import os
import re
import signal
import stat
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NamedTuple

from exchange_lint.engine import MIN_PARALLEL_FILES, LintResult, lint_serially
from exchange_lint.files import FileSet, UsageError, display_path

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkProcess

    from exchange_lint.cache.store import Cache
    from exchange_lint.config import Config
    from exchange_lint.rules.api import Rule

_ORGANIZATION_LINE = re.compile(rb"^organization:[ \t]*(.*?)[ \t]*(?:#.*)?\r?$", re.MULTILINE)


class _Job(NamedTuple):
    files: FileSet
    config: Config
    rules: Sequence[Rule]
    wanted: Callable[[Rule], bool]
    cwd: Path
    cache: Cache | None


_JOB: _Job | None = None  # set before forking; each worker reads its share from it


def organization_guess(path: Path) -> str:
    """The organization a file names on its top-level `organization:` line; the file itself when
    there is none (it is then a share of its own). Only a regular file is opened, and without
    waiting: opening a FIFO to read blocks until something writes to it."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return f"file:{path}"
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(descriptor, "rb") as stream:
            if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # swapped for something else meanwhile
                return f"file:{path}"
            head = stream.read(1 << 20)
    except OSError:
        return f"file:{path}"
    match = _ORGANIZATION_LINE.search(head)
    if match is None:
        return f"file:{path}"
    return match.group(1).strip(b"'\"").decode("utf-8", "replace")


def shares(paths: Sequence[Path], count: int, cache: Cache | None = None) -> list[list[Path]]:
    """`count` lists of files, whole organizations each, balanced by bytes (largest first). The
    cache knows some files' organizations for certain; the others are guessed."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(_known_organization(path, cache) or organization_guess(path), []).append(path)

    def size(group: list[Path]) -> int:
        return sum(_size(p) for p in group)

    buckets: list[list[Path]] = [[] for _ in range(count)]
    loads = [0] * count
    for group in sorted(groups.values(), key=size, reverse=True):
        lightest = loads.index(min(loads))
        buckets[lightest].extend(group)
        loads[lightest] += size(group)
    return [bucket for bucket in buckets if bucket]


def _known_organization(path: Path, cache: Cache | None) -> str | None:
    if cache is None:
        return None
    try:
        key = cache.key_by_status(os.path.abspath(path), os.stat(path))
    except OSError:
        return None
    noted, organization = cache.organization(key) if key is not None else (False, None)
    return organization if noted and organization is not None else None


def _size(path: Path) -> int:
    try:
        status = os.stat(path)
    except OSError:
        return 0
    return status.st_size if stat.S_ISREG(status.st_mode) else 0


STOP_SECONDS = 5.0  # how long a stopped worker has to end before it is killed


class WorkerFailed(UsageError):
    """A worker process ended without its result: the run cannot be completed (exit code 2)."""


class Terminated(KeyboardInterrupt):
    """SIGTERM arrived while workers ran (a CI job cancelled): stopped like Ctrl-C, exit code 143."""

    exit_code = 128 + signal.SIGTERM


def lint_in_processes(
    files: FileSet,
    config: Config,
    rules: Sequence[Rule],
    wanted: Callable[[Rule], bool],
    cwd: Path,
    jobs: int,
    cache: Cache | None = None,
) -> LintResult | None:
    """The serial result, computed in `jobs` processes; None when that is not possible here."""
    if len(files.context) < MIN_PARALLEL_FILES:
        return None
    import multiprocessing  # here: a commit hook's few files never pay for its import

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    parts = shares(files.context, jobs, cache)
    if len(parts) < 2:
        return None
    results = _run_workers(parts, _Job(files, config, rules, wanted, cwd, cache))
    seen: dict[str, int] = {}
    for number, (_, organizations) in enumerate(results):
        for name in organizations:
            if seen.setdefault(name, number) != number:
                return None  # the guess split an organization: only a serial run is right
    merged = _merge([result for result, _ in results])
    order = dict.fromkeys(display_path(path, cwd) for path in files.context)
    merged.documents = {path: merged.documents[path] for path in order if path in merged.documents}
    return merged


def _run_workers(parts: list[list[Path]], job: _Job) -> list[tuple[LintResult, list[str]]]:
    """Each share's result from a worker process of its own; every worker has ended on return."""
    global _JOB
    import multiprocessing

    context = multiprocessing.get_context("fork")
    workers: list[tuple[ForkProcess, Connection]] = []
    _JOB = job
    try:
        with _terminate_raises():
            with _signals_blocked():  # a worker starts deaf to Ctrl-C, before any Python code runs there
                for share in parts:
                    reader, writer = context.Pipe(duplex=False)
                    process = context.Process(target=_worker, args=(share, writer), daemon=True)
                    process.start()
                    writer.close()  # the worker holds the only writing end: its death is the pipe's end
                    workers.append((process, reader))
            results = _collect(workers, parts, job.cwd)
    finally:
        _JOB = None
        with _signals_blocked():  # a second Ctrl-C waits until every worker has ended
            _stop(workers)
    return results


def _collect(
    workers: list[tuple[ForkProcess, Connection]], parts: list[list[Path]], cwd: Path
) -> list[tuple[LintResult, list[str]]]:
    """Every worker's result, waiting on its pipe and its exit together."""
    from multiprocessing.connection import wait  # only once workers run: a short run never pays for it

    results: dict[int, tuple[LintResult, list[str]]] = {}
    pending = set(range(len(workers)))
    while pending:
        ready = set(wait([item for n in pending for item in (workers[n][1], workers[n][0].sentinel)]))
        for number in sorted(pending):
            process, reader = workers[number]
            if reader not in ready and process.sentinel not in ready:
                continue
            outcome = _received(reader) if reader in ready or reader.poll() else None
            if outcome is None:
                process.join(STOP_SECONDS)
                raise WorkerFailed(_failure(process.exitcode, parts[number], cwd))
            succeeded, value = outcome
            if not succeeded:
                raise RuntimeError(f"in a worker process: {value}")
            results[number] = value
            pending.discard(number)
    return [results[number] for number in range(len(workers))]


def _received(reader: Connection) -> tuple[bool, Any] | None:
    """What a worker sent: (True, its result) or (False, its error); None when it died first."""
    try:
        import pickle

        outcome: tuple[bool, Any] = pickle.loads(reader.recv_bytes())  # our own fork's, never outside data
    except (EOFError, OSError):  # the pipe ended before a whole message
        return None
    return outcome


def _failure(exitcode: int | None, share: list[Path], cwd: Path) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            how = f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            how = f"killed by signal {-exitcode}"
    else:
        how = f"exit code {exitcode}"
    first = display_path(share[0], cwd)
    others = f" and {len(share) - 1} other file(s)" if len(share) > 1 else ""
    return (
        f"a worker process ended without its result ({how}) while linting {first}{others}; "
        "nothing was reported (out of memory? --jobs 1 lints in one process)"
    )


def _stop(workers: list[tuple[ForkProcess, Connection]]) -> None:
    """End every worker: those still running are asked (SIGTERM), then killed past STOP_SECONDS."""
    for process, reader in workers:
        reader.close()
        if process.exitcode is None:
            process.terminate()
    for process, _ in workers:
        process.join(STOP_SECONDS)
        if process.exitcode is None:
            process.kill()
            process.join()


def _worker(share: list[Path], writer: Connection) -> None:
    """A worker's life: deaf to Ctrl-C (the parent answers it), ended by SIGTERM; its result or
    its error goes back through the pipe, and nothing is printed."""
    import pickle

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOPPING)
    try:
        outcome: tuple[bool, Any] = (True, _lint_share(share))
    except BaseException as error:  # reported by the parent, never as a traceback here
        outcome = (False, f"{type(error).__name__}: {error}")
    try:
        message = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
    except Exception as error:  # something in the result does not pickle
        message = pickle.dumps((False, f"cannot send the result back: {type(error).__name__}: {error}"))
    try:
        writer.send_bytes(message)
    except OSError:
        pass  # the parent is gone: nobody is left to tell
    finally:
        writer.close()


_STOPPING = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_blocked() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM while forking: a child inherits the mask, and unblocks them only
    once it ignores Ctrl-C; the parent gets any that came meanwhile when the block ends."""
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated("terminated")


@contextmanager
def _terminate_raises() -> Iterator[None]:
    """While workers run, SIGTERM stops them and ends the run (`Terminated`) instead of killing
    only this process and leaving them behind; a handler someone else set is left alone."""
    try:
        installed = signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        if installed:
            signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread: signals are not ours to handle
        installed = False
    try:
        yield
    finally:
        if installed:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _lint_share(share: list[Path]) -> tuple[LintResult, list[str]]:
    assert _JOB is not None
    members = set(share)
    subset = FileSet(
        tuple(p for p in _JOB.files.report if p in members),
        tuple(p for p in _JOB.files.context if p in members),
        (),
    )
    result = lint_serially(subset, _JOB.config, _JOB.rules, _JOB.wanted, _JOB.cwd, cache=_JOB.cache)
    if _JOB.cache is not None:
        _JOB.cache.save(merge=False)  # what this worker learned, for the run to fold in
    organizations = sorted(result.organizations)
    # Positions and lines travel back; the parsed data stays here (fix mode lints serially), unless
    # the file holds a suppression comment, which `decide` names by the node it covers.
    result.documents = {
        path: doc if any("exchange-lint:" in line for line in doc.lines) else doc.positions_only()
        for path, doc in result.documents.items()
    }
    return result, organizations


def _merge(results: list[LintResult]) -> LintResult:
    merged = LintResult()
    for result in results:
        merged.findings.extend(result.findings)
        merged.documents.update(result.documents)
        merged.skipped.extend(result.skipped)
        merged.notifications.extend(result.notifications)
        merged.notification_order.extend(result.notification_order)
        merged.organizations |= result.organizations
    merged.skipped.sort()
    ordered = sorted(zip(merged.notification_order, merged.notifications, strict=True), key=lambda pair: pair[0])
    merged.notification_order = [key for key, _ in ordered]
    merged.notifications = [notification for _, notification in ordered]
    return merged
