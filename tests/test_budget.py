"""The time budget: the alarm reaches the rule even when it first fires somewhere that swallows it."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest

from exchange_lint.budget import OverBudget, time_budget

BUDGET = 0.05  # seconds


@pytest.fixture
def slow_gc_callback() -> Iterator[list[str]]:
    """A gc callback (as hypothesis installs one for its statistics) that spins in Python past the
    budget the first time it runs: the alarm is certain to fire inside it, where CPython reports an
    exception as "unraisable" and drops it. Yields the phases it saw."""
    phases: list[str] = []

    def callback(phase: str, info: dict[str, int]) -> None:
        phases.append(phase)
        if len(phases) == 1:
            until = time.monotonic() + 4 * BUDGET
            while time.monotonic() < until:
                pass

    gc.callbacks.insert(0, callback)
    try:
        yield phases
    finally:
        gc.callbacks.remove(callback)


def _spin(seconds: float) -> None:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        pass


def test_an_alarm_swallowed_by_a_gc_callback_still_stops_the_block(slow_gc_callback: list[str]) -> None:
    started = time.monotonic()
    with pytest.raises(OverBudget), time_budget(BUDGET):
        gc.collect()  # the alarm fires in the callback, which drops the exception
        assert slow_gc_callback[0] == "start"
        _spin(2.0)  # without a second alarm nothing stops this: the block would run to its end
    assert time.monotonic() - started < 1.0


def test_the_budget_leaves_nothing_behind(slow_gc_callback: list[str]) -> None:
    """After the block: no alarm pending, the previous handler and unraisable hook are back."""
    import signal
    import sys

    handler, hook = signal.getsignal(signal.SIGALRM), sys.unraisablehook
    with pytest.raises(OverBudget), time_budget(BUDGET):
        gc.collect()
        _spin(2.0)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is handler and sys.unraisablehook is hook
    _spin(0.1)  # a late alarm would raise here


def test_a_block_within_its_budget_is_not_stopped() -> None:
    with time_budget(1.0):
        _spin(0.05)
    _spin(1.1)
