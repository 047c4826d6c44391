"""Every hostile input class, in a real child process under a 1 GiB address-space limit and a
hang guard: exit 0 or 1 with findings (2 with a message for a configuration or a command that
cannot be used), never a traceback, a crash, a hang or a memory blow-up.

The routing inputs are small files that cost the routing analysis minutes or gigabytes unless it
is bounded: each must finish well inside a wall-clock guard (a guard, not a speed test: bench/
measures speed), with the routing rules run to the end (no EXL901) and what was left out said.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_load import HOSTILE, NESTING

resource = pytest.importorskip("resource", reason="address-space limits need a POSIX system")

ONE_GIB = 1 << 30
HANG_GUARD_SECONDS = 120  # a guard against hangs, not a speed test (bench/ measures speed)
ROUTING_GUARD_SECONDS = 30  # each routing input takes a second or two; unbounded, they took minutes


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ONE_GIB, ONE_GIB))


def _run(folder: Path, name: str, *command: str, guard: float = HANG_GUARD_SECONDS) -> subprocess.CompletedProcess[str]:
    return _run_command(folder, [*(command or ("check", "--format", "json")), name], guard)


def _run_command(
    folder: Path, arguments: list[str], guard: float = HANG_GUARD_SECONDS
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "exchange_lint", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=guard,
        preexec_fn=_limit_memory,
        check=False,
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_in_bounded_time_and_memory(name: str, tmp_path: Path) -> None:
    (tmp_path / f"{name}.yaml").write_bytes(HOSTILE[name])
    result = _run(tmp_path, f"{name}.yaml")
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert isinstance(json.loads(result.stdout), list)


def test_a_file_over_the_default_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as stream:  # sparse: 100 MB that cost no disk
        stream.write(b"version: 1\norganization: C\n")
        stream.truncate(100 * 1024 * 1024)
    result = _run(tmp_path, "huge.yaml")
    findings = json.loads(result.stdout)
    assert result.returncode == 1
    assert [f["rule"] for f in findings] == ["EXL001"] and "10,485,760-byte limit" in findings[0]["message"]


def test_the_memory_limit_is_real() -> None:
    """Control: the same limit stops a child that asks for 2 GiB, so the tests above can fail."""
    result = subprocess.run(
        [sys.executable, "-c", "bytearray(2 << 30)"],
        capture_output=True,
        text=True,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert result.returncode != 0 and "MemoryError" in result.stderr


DEEP_LEVELS = 40_000  # 80 KB on one line; ruamel's C composer overflowed its stack near 30,000


# (Indentation alone cannot nest that deep within the 10 MB file limit: 4,500 levels take 10 MB.)
@pytest.mark.parametrize("shape", sorted(set(NESTING) - {"indented-block-mappings"}))
def test_nesting_that_overflowed_the_composer_is_a_finding(shape: str, tmp_path: Path) -> None:
    make, (line, column) = NESTING[shape]
    (tmp_path / "deep.yaml").write_bytes(make(DEEP_LEVELS))
    result = _run(tmp_path, "deep.yaml")
    assert result.returncode == 1, result.stderr  # was -11: a segmentation fault
    findings = json.loads(result.stdout)
    assert [(f["rule"], f["region"]["start_line"], f["region"]["start_column"]) for f in findings] == [
        ("EXL001", line, column)
    ]
    assert "nested deeper than 64 levels" in findings[0]["message"]


DEEP_CONNECTOR_FILE = b"version: 1\norganization: C\nx-deep: " + b"[" * DEEP_LEVELS + b"]" * DEEP_LEVELS + b"\n"


@pytest.mark.parametrize(
    "arguments", [["route", "S1", "SMTP:ann@example.com"], ["gwart"], ["graph"]], ids=["route", "gwart", "graph"]
)
def test_model_commands_refuse_deep_nesting_with_its_place(arguments: list[str], tmp_path: Path) -> None:
    (tmp_path / "deep.yaml").write_bytes(DEEP_CONNECTOR_FILE)
    result = _run_command(tmp_path, [*arguments, "deep.yaml"])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "exchange-lint: error: deep.yaml:3:73: document is nested deeper than 64 levels; not read\n"


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        (
            ".exchange-lint.yaml",
            b"select: " + b"[" * DEEP_LEVELS + b"]" * DEEP_LEVELS + b"\n",
            "1:73: document is nested deeper than 64 levels",
        ),
        (
            "pyproject.toml",
            b"[tool.exchange-lint]\nselect = " + b"[" * DEEP_LEVELS + b"]" * DEEP_LEVELS + b"\n",
            "cannot read: nested too deeply",
        ),
    ],
)
def test_deep_nesting_in_the_configuration_is_a_configuration_error(
    name: str, text: bytes, message: str, tmp_path: Path
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / name).write_bytes(text)
    (tmp_path / "c.yaml").write_text("version: 1\norganization: C\n", encoding="utf-8")
    result = _run_command(tmp_path, ["check", "c.yaml"])
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith(f"exchange-lint: error: {tmp_path / name}") and message in result.stderr, (
        result.stderr
    )
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr


def test_globs_that_made_a_regular_expression_backtrack_for_ever(tmp_path: Path) -> None:
    """`*a*a*a*a*a*a*a*a*b` against a long name, thirty `**/` against a deep tree: each excluded
    nothing, after exponential time when globs were regular expressions."""
    here = tmp_path
    for _ in range(60):
        here = here / "d"
        here.mkdir()
    (here / ("a" * 200 + ".yaml")).write_text("version: 1\norganization: [\n", encoding="utf-8")
    excludes = ["*a*a*a*a*a*a*a*a*b", "**/" * 30 + "*.json"]
    (tmp_path / ".exchange-lint.yaml").write_text(f"exclude: {json.dumps(excludes)}\n", encoding="utf-8")
    result = _run_command(tmp_path, ["check", "--format", "json"])
    assert result.returncode == 1, result.stderr
    assert [(f["rule"], f["path"]) for f in json.loads(result.stdout)] == [("EXL001", "d/" * 60 + "a" * 200 + ".yaml")]


@pytest.mark.parametrize("source", ["configuration", "command line"])
@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_baseline_that_is_no_regular_file_is_not_read(source: str, kind: str, tmp_path: Path) -> None:
    """/dev/zero was read until the memory ran out; a FIFO waited for a writer for ever."""
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe")
    name = "/dev/zero" if kind == "device" else "pipe"
    (tmp_path / "c.yaml").write_text("version: 1\norganization: C\n", encoding="utf-8")
    arguments = ["check", "c.yaml"]
    if source == "configuration":
        (tmp_path / ".exchange-lint.yaml").write_text(f"baseline: {name}\n", encoding="utf-8")
    else:
        arguments += ["--baseline", name]
    result = _run_command(tmp_path, arguments)
    shown = name if source == "command line" or kind == "device" else str(tmp_path / name)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"exchange-lint: error: cannot read baseline {shown}: not a regular file (a FIFO, socket or device)\n"
    )


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [
        (
            "baseline.json",
            65 << 20,
            "cannot read baseline baseline.json: 68,157,440 bytes, over the 67,108,864-byte limit",
        ),
        ("pyproject.toml", 11 << 20, "pyproject.toml: cannot read: 11,534,336 bytes, over the 10,485,760-byte limit"),
    ],
)
def test_an_oversized_baseline_or_pyproject_is_not_read(name: str, size: int, message: str, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    with (tmp_path / name).open("wb") as stream:  # sparse: costs no disk
        stream.write(b'[tool.exchange-lint]\nbaseline = "baseline.json"\n')
        stream.truncate(size)
    (tmp_path / "c.yaml").write_text("version: 1\norganization: C\n", encoding="utf-8")
    result = _run_command(tmp_path, ["check", "c.yaml", "--baseline", "baseline.json"])
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith("exchange-lint: error: ") and result.stderr.rstrip().endswith(message)


HEAD = 'version: 1\norganization: Hostile\nexchange: "5.5"\n'
ONE_SITE = HEAD + "sites:\n  - {name: HQ, servers: [EX1, EX2]}\nconnectors:\n"


def _ims(name: str, server: str, *spaces: str) -> str:
    """An IMS as one flow-mapping line."""
    body = f"name: {json.dumps(name)}, kind: internet_mail, server: {server}, address_spaces: {json.dumps(spaces)}"
    return f"  - {{{body}}}\n"


def stars() -> str:
    """Two address spaces of a hundred `*`, a literal and `%`: the common-recipient search was
    polynomial in the stars (minutes, then EXL901), and `graph` had no budget at all."""
    return ONE_SITE + _ims("A", "EX1", "SMTP:" + "*" * 100 + "a%;1") + _ims("B", "EX1", "SMTP:%" + "*" * 100 + "b;1")


def trailing_stars() -> str:
    """Thousands of patterns ending in `*`: every pair was "wide" and searched."""
    return ONE_SITE + "".join(_ims(f"C{n}", "EX1", f"SMTP:user{n}@*;1") for n in range(5000))


def servers() -> str:
    """Hundreds of servers in one site, each with an IMS on `SMTP:*`: EXL112 was cubic."""
    names = [f"EX{n}" for n in range(300)]
    text = HEAD + f"sites:\n  - {{name: HQ, servers: [{', '.join(names)}]}}\n  - {{name: BR, servers: [BR1]}}\n"
    text += "connectors:\n  - {name: HQ-BR, kind: site, server: EX0, connected_sites: [{name: BR, cost: 1}]}\n"
    return text + _ims("IMS BR", "BR1", "SMTP:*;1") + "".join(_ims(f"IMS {n}", n, "SMTP:*;5") for n in names)


def site_chain() -> str:
    """A chain of 1,000 sites: a whole path per pair of sites took gigabytes."""
    count = 1000
    text = HEAD + "sites:\n" + "".join(f"  - {{name: S{n}, servers: [S{n}-EX]}}\n" for n in range(count))
    text += "connectors:\n"
    text += "".join(
        f"  - {{name: L{n}, kind: site, server: S{n}-EX, connected_sites: [{{name: S{n + 1}, cost: 1}}]}}\n"
        for n in range(count - 1)
    )
    return text + _ims("IMS", "S0-EX", "SMTP:*;1")


def long_literal() -> str:
    """One 50 KB literal address: every suffix of it was kept in the index (over a gigabyte)."""
    return ONE_SITE + _ims("A", "EX1", "SMTP:" + "a" * 50_000 + "@example.com;1", "SMTP:*;1")


def dense() -> str:
    """Thousands of connectors over a few sites, catch-all spaces by the hundred: quadratic."""
    rng = random.Random(169117)
    sites = [f"S{n}" for n in range(8)]
    text = HEAD + "sites:\n" + "".join(f"  - {{name: {s}, servers: [{s}-EX1, {s}-EX2]}}\n" for s in sites)
    text += "connectors:\n"
    for number, site in enumerate(sites):
        there = sites[(number + 1) % len(sites)]
        text += (
            f"  - {{name: SC{site}, kind: site, server: {site}-EX1, connected_sites: [{{name: {there}, cost: 1}}]}}\n"
        )
    for n in range(2500):
        server, cost = f"{rng.choice(sites)}-EX{rng.randint(1, 2)}", rng.choice((1, 1, 2, 5))
        if n % 3:
            text += _ims(f"C{n}", server, f"SMTP:*;{cost}", f"SMTP:*@p{n}.example;1", f"SMTP:*@*.p{n}.example;1")
        else:
            spaces = json.dumps([f"MS:N{n}/*;1", f"SMTP:*;{cost}", f"MS:N{n}B/*;1"])
            text += (
                f"  - {{name: C{n}, kind: msmail, server: {server}, postoffice: N{n}/PO, address_spaces: {spaces}}}\n"
            )
    return text


def everyone_ties() -> str:
    """Five hundred connectors that all tie with five hundred others: a quarter of a million ties."""
    text = HEAD + "sites:\n  - {name: HQ, servers: [EX1, EX2]}\nconnectors:\n"
    text += "".join(
        _ims(f"U{n}", "EX1", f"SMTP:u{n:04d}@*;1") + _ims(f"D{n}", "EX1", f"SMTP:*@d{n:04d};1") for n in range(500)
    )
    return text


def inner_literals() -> str:
    """Five thousand patterns with a wildcard at both ends (`*@d7.example*`), every pair tying:
    each tie's recipient was matched against every one of them (found by the fuzzer)."""
    return ONE_SITE + "".join(_ims(f"C{n}", "EX1", f"SMTP:*@d{n}.example*;1") for n in range(5000))


def long_patterns() -> str:
    """Four hundred and fifty wildcard patterns of a thousand characters, every pair overlapping:
    a hundred thousand pairs of them took minutes, then EXL901."""
    return ONE_SITE + "".join(_ims(f"C{n}", "EX1", f"SMTP:*{n:04d}{'a' * 990}*;1") for n in range(450))


def negative_link_costs() -> str:
    """Site links of negative cost (a schema error): the cheapest-path search went round for ever."""
    return (
        HEAD
        + "sites:\n  - {name: A, servers: [A1]}\n  - {name: B, servers: [B1]}\nconnectors:\n"
        + "  - {name: AB, kind: site, server: A1, connected_sites: [{name: B, cost: -1}]}\n"
        + "  - {name: BA, kind: site, server: B1, connected_sites: [{name: A, cost: -1}]}\n"
        + _ims("IMS", "B1", "SMTP:*;1")
    )


ROUTING_HOSTILE: dict[str, tuple[Callable[[], str], set[str]]] = {  # input, rules it must report
    "stars": (stars, {"EXL103"}),
    "trailing-stars": (trailing_stars, set()),
    "servers": (servers, {"EXL112"}),
    "site-chain": (site_chain, set()),
    "long-literal": (long_literal, {"EXL113"}),
    "dense": (dense, {"EXL101", "EXL103", "EXL105"}),
    "everyone-ties": (everyone_ties, {"EXL103", "EXL113"}),
    "inner-literals": (inner_literals, {"EXL103", "EXL113"}),
    "long-patterns": (long_patterns, {"EXL103", "EXL113"}),
    "negative-link-costs": (negative_link_costs, set()),
}


@pytest.mark.parametrize("name", sorted(ROUTING_HOSTILE))
def test_routing_input_in_bounded_time_and_memory(name: str, tmp_path: Path) -> None:
    write, expected = ROUTING_HOSTILE[name]
    (tmp_path / f"{name}.yaml").write_text(write(), encoding="utf-8")
    result = _run(tmp_path, f"{name}.yaml", guard=ROUTING_GUARD_SECONDS)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    rules = {finding["rule"] for finding in json.loads(result.stdout)}
    assert "EXL901" not in rules and expected <= rules, rules


def test_a_long_literal_is_reported_not_analysed(tmp_path: Path) -> None:
    (tmp_path / "long.yaml").write_text(long_literal(), encoding="utf-8")
    findings = json.loads(_run(tmp_path, "long.yaml", guard=ROUTING_GUARD_SECONDS).stdout)
    (limit,) = [f for f in findings if f["rule"] == "EXL113"]
    assert (
        "(50,012 characters) on 'A' is longer than the 1,024 characters the routing analysis reads" in limit["message"]
    )


def test_everyone_tying_stops_at_the_limit_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "ties.yaml").write_text(everyone_ties(), encoding="utf-8")
    findings = json.loads(_run(tmp_path, "ties.yaml", guard=ROUTING_GUARD_SECONDS).stdout)
    assert sum(f["rule"] == "EXL103" for f in findings) == 10_000
    assert any("stopped after finding 10,000 groups of tied routes" in f["message"] for f in findings)


def test_long_patterns_count_as_several_pairs_and_the_finding_says_so(tmp_path: Path) -> None:
    (tmp_path / "long.yaml").write_text(long_patterns(), encoding="utf-8")
    findings = json.loads(_run(tmp_path, "long.yaml", guard=ROUTING_GUARD_SECONDS).stdout)
    (limit,) = [f for f in findings if f["rule"] == "EXL113"]
    assert (
        "pairs of address spaces that may match alike, long ones counting as several toward its limit of 100,000"
        in (limit["message"])
    )


def test_route_with_a_100_kb_recipient_is_refused(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(ONE_SITE + _ims("A", "EX1", "SMTP:*;1"), encoding="utf-8")
    recipient = "SMTP:" + "a" * 100_000 + "@example.com"
    result = _run(tmp_path, "org.yaml", "route", "HQ", recipient, guard=ROUTING_GUARD_SECONDS)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "recipient is 100,012 characters long, more than the 1,024 the routing model reads" in result.stderr


def test_graph_analyses_ties_within_bounds(tmp_path: Path) -> None:
    (tmp_path / "stars.yaml").write_text(stars(), encoding="utf-8")
    result = _run(tmp_path, "stars.yaml", "graph", guard=ROUTING_GUARD_SECONDS)
    assert result.returncode == 0 and "class conn0,conn1 tie" in result.stdout, result.stderr


def test_route_follows_a_message_through_a_thousand_sites(tmp_path: Path) -> None:
    """Hop by hop (KB Q279404): each of the 999 sites on the way chooses again."""
    (tmp_path / "chain.yaml").write_text(site_chain(), encoding="utf-8")
    result = _run(tmp_path, "chain.yaml", "route", "S999", "SMTP:a@b.example", guard=ROUTING_GUARD_SECONDS)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("whose MTA chooses again") == 999 and "outcome: deterministic: 'IMS'" in result.stdout
