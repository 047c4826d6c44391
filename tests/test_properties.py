"""Property-based tests: generated connector documents, valid and broken, through the real CLI.

Whatever the input: no exception escapes, every finding points inside the file, every output
format is well-formed, and the exit code agrees with the findings.
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import RunCli

KINDS = ["site", "x400", "dynamic_ras", "internet_mail", "msmail", "ccmail", "notes", "groupwise", "profs", "snads"]
TYPES = ["SMTP", "X400", "MS", "MSA", "CCMAIL", "NOTES", "GWISE", "FAX", "EX", "X500", "smtp", "1BAD"]
PATTERNS = st.sampled_from(
    ["*", "", "*@partner.example", "partner.example", "c=*", "c=US;a= ;p=Contoso", "CA/*", "*!*", "%", "**%*", "é*"]
) | st.text(alphabet="*%@.!;=/ aZ09", max_size=12)
NAMES = st.sampled_from(["TRADE", "LONDON", "HQ", "X"])

address_space = st.one_of(
    st.builds(lambda t, a, c: f"{t}:{a};{c}", st.sampled_from(TYPES), PATTERNS, st.integers(0, 101)),
    st.fixed_dictionaries(
        {"type": st.sampled_from(TYPES), "address": PATTERNS},
        optional={
            "cost": st.one_of(st.integers(-1, 101), st.just("1"), st.none()),
            "scope": st.sampled_from(["organization", "site", "location", "planet"]),
        },
    ),
    st.integers(),
    st.none(),
)
connector = st.fixed_dictionaries(
    {"name": st.sampled_from(["IMS", "MS Mail", "X.400", "cc:Mail", "Link"]), "kind": st.sampled_from(KINDS)},
    optional={
        "server": NAMES,
        "postoffice": st.sampled_from(["CA/PO", "ca/po", "BAD"]),
        "gateways": st.lists(
            st.fixed_dictionaries(
                {"type": st.sampled_from(["SMTP", "ATT", "X400", "FAX", "MHS"])},
                optional={"postoffice": st.sampled_from(["CA/PO", "CA/GW"]), "access_components": st.booleans()},
            ),
            max_size=2,
        ),
        "address_spaces": st.lists(address_space, max_size=4),
        "connected_sites": st.lists(
            st.fixed_dictionaries({"name": NAMES}, optional={"cost": st.integers(0, 101), "replicated": st.booleans()}),
            max_size=2,
        ),
        "transfer_mode": st.sampled_from(["both", "inbound_only", "none"]),
    },
)
document = st.fixed_dictionaries(
    {"version": st.sampled_from([1, 2, "1"]), "organization": st.sampled_from(["Contoso", ""])},
    optional={
        "exchange": st.sampled_from(["4.0", "5.0", "5.5", "2019"]),
        "sites": st.lists(
            st.fixed_dictionaries(
                {"name": NAMES},
                optional={
                    "servers": st.lists(NAMES, max_size=2),
                    "x400_address": st.sampled_from(["c=US;a= ;p=Contoso;o=TRADE", "c=*"]),
                },
            ),
            max_size=3,
        ),
        "connectors": st.lists(connector, max_size=5),
        "routing_tests": st.lists(
            st.fixed_dictionaries(
                {
                    "from": NAMES,
                    "recipient": st.sampled_from(["SMTP:a@b.example", "X400:c=US;a= ;p=Contoso;o=TRADE", "junk"]),
                    "expect": st.sampled_from(["IMS", "ndr", "local", "nobody"]),
                }
            ),
            max_size=2,
        ),
    },
)


def _check_positions(findings: list[dict[str, object]], lines: list[str]) -> None:
    for finding in findings:
        region = finding["region"]
        assert isinstance(region, dict)
        assert 1 <= region["start_line"] <= max(len(lines), 1), finding
        assert region["start_column"] >= 1 and region["end_line"] >= region["start_line"], finding


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=document)
def test_generated_documents_never_crash_and_findings_are_well_placed(
    run_cli: RunCli, tmp_path: Path, data: dict[str, object]
) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")  # JSON is YAML
    result = run_cli(["--format", "json", "org.yaml"])
    assert "internal error" not in result.err and result.code in (0, 1), result.err
    findings = json.loads(result.out)
    _check_positions(findings, path.read_text(encoding="utf-8").splitlines())
    failing = [f for f in findings if f["severity"] in ("error", "warning")]
    assert result.code == (1 if failing else 0)
    sarif = run_cli(["--format", "sarif", "org.yaml"])
    assert sarif.code == result.code and len(json.loads(sarif.out)["runs"][0]["results"]) == len(findings)
    for command in (["route", "TRADE", "SMTP:a@b.example", "org.yaml"], ["gwart", "org.yaml"], ["graph", "org.yaml"]):
        other = run_cli(command)
        assert "internal error" not in other.err and other.code in (0, 2), (command, other.err)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=300) | st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
def test_arbitrary_text_never_crashes(run_cli: RunCli, tmp_path: Path, text: str) -> None:
    path = tmp_path / "org.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    result = run_cli(["--format", "json", "org.yaml"])
    assert "internal error" not in result.err and result.code in (0, 1, 2), result.err
    if result.code != 2:
        _check_positions(json.loads(result.out), text.splitlines())
