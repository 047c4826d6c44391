"""Baselines: today's findings recorded by fingerprint, so that only new ones are reported.

Fingerprints come from the rule, the file and the finding's logical anchor, not its line: moving
lines does not bring a baselined finding back, while the same problem somewhere else is new.
Counts are kept, so a second copy of a baselined problem in the same place still shows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from exchange_lint.files import UsageError
from exchange_lint.findings import Finding, path_text
from exchange_lint.write import replace_file

FORMAT = "exchange-lint-baseline/1"
# About 630 bytes a finding: room for 100,000 of them (the 10,000-connector benchmark has 1,219).
MAX_BASELINE_BYTES = 64 * 1024 * 1024


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write the baseline whole (`exchange_lint.write`); returns the number recorded."""
    entries = sorted(
        (
            {"fingerprint": f.fingerprint, "rule": f.rule_id, "path": path_text(f.location.path), "message": f.message}
            for f in findings
        ),
        key=lambda entry: (entry["path"], entry["rule"], entry["fingerprint"]),
    )
    text = json.dumps({"format": FORMAT, "findings": entries}, indent=2, ensure_ascii=False) + "\n"
    replace_file(path, text.encode("utf-8"), "baseline ")
    return len(entries)


def read_baseline(path: Path) -> Counter[str]:
    from exchange_lint.read import Unreadable, read_regular_file

    try:
        data = json.loads(read_regular_file(path, MAX_BASELINE_BYTES).decode("utf-8"))
    except Unreadable as error:
        raise UsageError(f"cannot read baseline {path}: {error}") from None
    except (ValueError, UnicodeDecodeError):
        raise UsageError(f"baseline {path} is not JSON written by --write-baseline") from None
    entries = data.get("findings") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise UsageError(f"baseline {path} is not in the {FORMAT} format written by --write-baseline")
    return Counter(entry["fingerprint"] for entry in entries)


def new_findings(findings: Iterable[Finding], baseline: Counter[str]) -> tuple[list[Finding], list[Finding]]:
    """(new, baselined): each baselined fingerprint absorbs as many findings as it was recorded."""
    left = Counter(baseline)
    fresh, known = [], []
    for finding in findings:
        if left[finding.fingerprint] > 0:
            left[finding.fingerprint] -= 1
            known.append(finding)
        else:
            fresh.append(finding)
    return fresh, known
