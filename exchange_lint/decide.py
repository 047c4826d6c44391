"""The one decision point: of what the engine found, what is reported, suppressed or baselined.

Every finding passes through `decide` once, in this order: the rules the configuration selects;
the files this run reports on (a cross-file finding lands on the first of them, DESIGN §6);
per-file ignores and severity overrides; inline suppressions, and the findings about the
suppressions themselves (EXL005, EXL006); the baseline; `--diff-base`'s changed lines. Nothing
else in the linter drops or changes a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

from exchange_lint.config import Config, ConfigError
from exchange_lint.findings import Finding, Location, Severity
from exchange_lint.globs import matches
from exchange_lint.load import Document
from exchange_lint.rules.api import Rule
from exchange_lint.suppress import Suppressed, Suppression, apply, parse_suppressions


def selects(codes: Sequence[str], rule: Rule | str) -> bool:
    """Whether any code (an ID, an ID prefix, a rule name, or ALL) names the rule. An empty code
    names none (as a prefix it would name them all)."""
    rule_id = rule if isinstance(rule, str) else rule.id
    name = "" if isinstance(rule, str) else rule.name
    return any(code and (rule_id.startswith(code.upper()) or code == name or code.upper() == "ALL") for code in codes)


def names_a_rule(code: str, rules: Iterable[Rule]) -> bool:
    """Whether the code names at least one of the rules: what a code on the command line, in the
    configuration or in a suppression comment must do."""
    return any(selects((code,), rule) for rule in rules)


def check_configured_codes(config: Config, rules: Sequence[Rule]) -> None:
    """Hold the configuration's rule codes to the standard of --select and --ignore: a typo there
    (`select = ["EXL1O1"]`, `"EXL101 "`) selected no rule and every file passed."""
    where = config.source or "configuration"
    named = [
        *(("'select'", code) for code in config.select),
        *(("'ignore'", code) for code in config.ignore),
        *(
            (f"'per-file-ignores' of {pattern!r}", code)
            for pattern, codes in config.per_file_ignores.items()
            for code in codes
        ),
    ]
    for key, code in named:
        if not names_a_rule(code, rules):
            raise ConfigError(f"{where}: {key}: no rule matches {code!r}; `exchange-lint rules` lists them")
    ids = {rule.id for rule in rules}
    for rule_id in config.severity:
        if rule_id not in ids:
            raise ConfigError(f"{where}: 'severity': {rule_id!r} is not a rule ID; `exchange-lint rules` lists them")


class Policy(NamedTuple):
    """The configuration's say: which rules, at what severity, ignored where."""

    select: tuple[str, ...]
    ignore: tuple[str, ...]
    config: Config

    @classmethod
    def from_options(cls, config: Config, select: Sequence[str] | None, ignore: Sequence[str]) -> Policy:
        """The command line's --select replaces the config's; its --ignore adds to it."""
        return cls(tuple(select) if select else config.select, (*config.ignore, *ignore), config)

    def enabled(self, rule: Rule) -> bool:
        """Selected, not ignored, and (for a benchmark's opinion) its profile chosen: `select = ["ALL"]`
        does not switch on a profile rule, since CIS and DISA contradict each other."""
        if rule.profiles and not set(rule.profiles) & set(self.config.profile):
            return False
        if self.select and not selects(self.select, rule):
            return False
        return not selects(self.ignore, rule)

    def severity(self, rule: Rule, found: Severity | None = None) -> Severity:
        """A configured override, else what the rule said for this finding, else its default."""
        return self.config.severity.get(rule.id, found or rule.severity)

    def ignored_in(self, finding: Finding, relative_path: str) -> bool:
        return any(
            matches(relative_path, (pattern,)) and selects(codes, finding.rule_id)
            for pattern, codes in self.config.per_file_ignores.items()
        )

    def fails(self, finding: Finding) -> bool:
        return finding.severity.rank >= self.config.fail_level.rank


class Decision:
    """Findings to report (sorted), and those kept out: by a suppression comment, or by the baseline."""

    __slots__ = ("baselined", "reported", "suppressed")

    def __init__(
        self,
        reported: list[Finding] | None = None,
        suppressed: list[Suppressed] | None = None,
        baselined: list[Finding] | None = None,
    ) -> None:
        self.reported = reported if reported is not None else []
        self.suppressed = suppressed if suppressed is not None else []
        self.baselined = baselined if baselined is not None else []


def decide(
    findings: Sequence[Finding],
    *,
    policy: Policy,
    rules: Sequence[Rule],
    documents: Mapping[str, Document],
    report: Collection[str],
    relative: Mapping[str, str],
    baseline: Counter[str] | None = None,
    changed: Callable[[Finding], bool] | None = None,
) -> Decision:
    """Decide over everything the engine found. `report` holds the display paths this run reports
    on, `relative` maps them to the paths configuration globs see; `baseline` counts recorded
    fingerprints; `changed` says whether a finding touches a line `--diff-base` counts as changed."""
    by_id = {rule.id: rule for rule in rules}

    def admitted(finding: Finding) -> Finding | None:
        rule = by_id.get(finding.rule_id)
        if rule is None or not policy.enabled(rule):
            return None
        placed = _placed(finding, report)
        if placed is None or policy.ignored_in(placed, relative.get(placed.location.path, placed.location.path)):
            return None
        severity = policy.severity(rule, placed.severity)
        return placed if severity == placed.severity else placed._replace(severity=severity)

    candidates = [kept for kept in map(admitted, findings) if kept is not None]
    suppressions = {
        path: parse_suppressions(path, documents[path].lines) for path in sorted(report) if path in documents
    }
    outcome = apply(candidates, suppressions)
    about = (admitted(finding) for finding in _about_suppressions(suppressions, by_id, policy.config, documents))
    reported = sorted([*outcome.kept, *(finding for finding in about if finding is not None)], key=Finding.sort_key)
    decision = Decision(reported, sorted(outcome.suppressed, key=lambda item: item.finding.sort_key()))
    if baseline is not None:
        from exchange_lint.baseline import new_findings

        decision.reported, decision.baselined = new_findings(decision.reported, baseline)
    if changed is not None:
        decision.reported = [finding for finding in decision.reported if changed(finding)]
    return decision


def _placed(finding: Finding, report: Collection[str]) -> Finding | None:
    """The finding on the first reported file it involves (DESIGN §6), or None when it involves none.
    Moved to a related place, it loses its fix: the fix belongs to the place it was found at."""
    involved = [finding.location, *finding.related]
    reported = sorted((place for place in involved if place.path in report), key=lambda place: place.path)
    if not reported:
        return None
    first_path = reported[0].path
    if finding.location.path == first_path:
        return finding
    primary = next(place for place in involved if place.path == first_path)
    related = tuple(place for place in involved if place is not primary)
    return finding._replace(location=primary, related=related, fix=None)


def _about_suppressions(
    suppressions: dict[str, list[Suppression]],
    by_id: Mapping[str, Rule],
    config: Config,
    documents: Mapping[str, Document],
) -> Iterator[Finding]:
    """EXL005 for directives that are unreadable or suppressed nothing; EXL006 for missing reasons."""
    for path, found in suppressions.items():
        for item in found:
            where = Location(path, item.region, _suppression_anchor(item, documents[path]))
            unknown = [code for code in item.codes if not names_a_rule(code, by_id.values())]
            if item.problem:
                yield _finding(
                    by_id["EXL005"],
                    item.problem,
                    where,
                    "write `# exchange-lint: disable=EXL103 -- reason` (or `disable-file=`)",
                )
            elif unknown:
                yield _finding(
                    by_id["EXL005"],
                    f"suppression names {', '.join(unknown)}, which matches no rule",
                    where,
                    "`exchange-lint rules` lists the rule IDs and names",
                )
            elif not item.used:
                scope = "this file" if item.whole_file else "its line" if not item.own_line else "the line below it"
                yield _finding(
                    by_id["EXL005"],
                    f"suppression of {', '.join(item.codes)} covers no finding on {scope}",
                    where,
                    "remove it",
                )
            elif config.suppression_reason_required and not item.reason:
                yield _finding(
                    by_id["EXL006"],
                    f"suppression of {', '.join(item.codes)} gives no reason",
                    where,
                    "add `-- why` after the codes",
                )


def _suppression_anchor(item: Suppression, document: Document) -> str:
    """A directive is named by what it covers (the node on its line, or the line below), never its line."""
    if item.whole_file:
        return document.anchor(None, f"disable-file={','.join(item.codes)}")
    covered = item.line + 1 if item.own_line else item.line
    return document.anchor(document.node_on_line(covered), f"disable={','.join(item.codes)}")


def _finding(rule: Rule, message: str, location: Location, hint: str) -> Finding:
    return Finding(rule.id, rule.name, rule.severity, message, location, hint=hint)
