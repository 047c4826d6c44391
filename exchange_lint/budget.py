"""A time budget for one rule: third-party rules can loop, and a pre-commit hook must not hang.

An interval timer raises `OverBudget` inside the rule's Python code, so a rule stuck in a
Python loop is stopped and reported (EXL901) while the other rules still run. It needs
SIGALRM and the main thread; elsewhere (Windows, a worker thread) the rule runs unbounded.
A rule blocked inside one long C call is stopped only when that call returns.

Python runs a signal handler at the next bytecode of whatever Python code runs, and some code
cannot pass an exception on: a garbage-collector callback (hypothesis installs one to time the
collector), a `__del__` method, a weakref callback. There CPython reports the exception to
`sys.unraisablehook` and drops it, and a one-shot alarm would be lost for good: the rule would run
on unbounded. So while a budget is active, its own unraisable hook catches a dropped `OverBudget`
and sets the alarm again a moment later, when the interpreter is back in code that can raise.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

RETRY_SECONDS = 0.001  # after a dropped alarm, how soon it fires again


class OverBudget(BaseException):
    """The rule used up its time budget. A BaseException, like KeyboardInterrupt, so that a rule's
    own `except Exception` around its loop body cannot swallow it."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` in the block once `seconds` of wall time have passed."""
    active = True

    def expired(signum: int, frame: FrameType | None) -> None:
        if active:  # not once the block is being left: a late alarm has nothing left to stop
            raise OverBudget

    try:
        previous = signal.signal(signal.SIGALRM, expired)
    except (AttributeError, ValueError):  # no SIGALRM (Windows), or not the main thread
        yield
        return
    previous_hook = sys.unraisablehook

    def dropped(unraisable: sys.UnraisableHookArgs) -> None:
        if unraisable.exc_type is not None and issubclass(unraisable.exc_type, OverBudget):
            if active:
                signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
            return
        previous_hook(unraisable)

    sys.unraisablehook = dropped
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        active = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.unraisablehook = previous_hook
