"""Sizes, IP ranges and bindings: hostile values are refused with a message, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from exchange_lint.quantities import MAX_SIZE, BadValue, Size, parse_size
from tests.conftest import REPO, RunCli

# Found while fuzzing 2007–SE (issue 12): float() of a 400-digit number is infinite, and int() of a
# 5,000-digit one exceeds Python's conversion limit; both escaped as internal errors.
HUGE = [
    "9" * 400 + "MB",
    "1" * 5000,
    "35 MB (" + "1" * 5000 + " bytes)",
    10**5000,
    -(10**5000),
]


@pytest.mark.parametrize("value", HUGE, ids=["400-digit-MB", "5000-digit-string", "5000-digit-bytes", "int", "neg"])
def test_a_size_with_too_many_digits_is_out_of_range(value: object) -> None:
    with pytest.raises(BadValue, match="out of range") as caught:
        parse_size(value)
    assert len(str(caught.value)) < 200  # the value is shown by its start


def test_sizes_at_the_edges_are_read() -> None:
    assert parse_size("0" * 500 + "35MB") == Size(35 << 20)
    assert parse_size("1." + "5" * 5000 + "MB") == Size(int(1.5555555555555556 * (1 << 20)))
    assert parse_size(f"{MAX_SIZE}") == Size(MAX_SIZE)
    with pytest.raises(BadValue, match="out of range"):
        parse_size(f"{MAX_SIZE + 1}")


@pytest.mark.parametrize("value", [str(v) for v in HUGE[:3]], ids=["400-digit-MB", "5000-digit-string", "bytes"])
def test_the_cli_reports_a_huge_size_in_a_file_and_refuses_it_for_route(
    run_cli: RunCli, tmp_path: Path, value: str
) -> None:
    source = (REPO / "tests" / "data" / "exchange2007_se" / "contoso.yaml").read_text(encoding="utf-8")
    (tmp_path / "org.yaml").write_text(source.replace("max_message_size: 35MB", f'max_message_size: "{value}"'))
    result = run_cli(["org.yaml"])
    assert result.code == 1 and "internal error" not in result.err, result.err
    assert "EXL206 [error] size '" in result.out and "is out of range" in result.out
    routed = run_cli(["route", "HQ", "SMTP:ann@example.net", "org.yaml", "--size", value])
    assert routed.code == 2 and "internal error" not in routed.err and "--size: size '" in routed.err, routed.err
