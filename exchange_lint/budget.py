"""A time budget for one rule: third-party rules can loop, and a pre-commit hook must not hang.

An interval timer raises `OverBudget` inside the rule's Python code, so a rule stuck in a
Python loop is stopped and reported (EXL901) while the other rules still run. It needs
SIGALRM and the main thread; elsewhere (Windows, a worker thread) the rule runs unbounded.
A rule blocked inside one long C call is stopped only when that call returns.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class OverBudget(BaseException):
    """The rule used up its time budget. A BaseException, like KeyboardInterrupt, so that a rule's
    own `except Exception` around its loop body cannot swallow it."""


def _expired(signum: int, frame: FrameType | None) -> None:
    raise OverBudget


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` in the block once `seconds` of wall time have passed."""
    try:
        previous = signal.signal(signal.SIGALRM, _expired)
    except (AttributeError, ValueError):  # no SIGALRM (Windows), or not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
