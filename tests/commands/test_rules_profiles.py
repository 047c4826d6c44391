"""`rules`, `explain` and docs/rules.md say which benchmark profile switches a rule on (DESIGN §9)."""

from __future__ import annotations

from tests.conftest import RunCli


def test_rules_marks_profile_rules_and_explain_says_how_to_switch_them_on(run_cli: RunCli) -> None:
    table = run_cli(["rules"]).out
    line = next(line for line in table.splitlines() if line.startswith("EXL411"))
    assert line.endswith("[profile: cis, disa]")
    assert next(line for line in table.splitlines() if line.startswith("EXL402")).endswith(
        "for the internet or on a default connector"
    )
    page = run_cli(["explain", "EXL409"]).out
    assert 'Profile: off unless the configuration selects profile = ["disa"] (DISA Exchange STIG)' in page
