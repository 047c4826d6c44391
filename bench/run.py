"""exchange-lint benchmarks: start-up time and the routing pipeline on a large generated organization.

Run from the repository root with the development virtualenv's Python:

    python bench/run.py [--case NAME ...] [--repeat N] [--json] [--all-pairs]

Every figure is the median of N repeats (the minimum is shown beside it). Everything but the
cold-start case runs in this process, through the package's own functions; see bench/README.md
for what each case measures. This is not a test: pytest never collects it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import exchange_lint
from exchange_lint import cli
from exchange_lint.lint import load_documents, paused_gc
from exchange_lint.load import Document
from exchange_lint.model import Organization, build_organization, organization_key
from exchange_lint.routing import analysis
from exchange_lint.routing.index import build_index
from exchange_lint.routing.overlap import Overlap, overlaps, witness

REPO = Path(__file__).resolve().parent.parent
COLD_START_FILE = "examples/q169117-fixed.yaml"
MAX_BYTES = 1 << 30
ORGANIZATION = "Contoso"
CONNECTORS_PER_SITE = 50
CONNECTORS_PER_FILE = 200
DEFAULT_CONNECTORS = 10_000
DEFAULT_SEED = 169117
DEFAULT_SAMPLE = 2_000
CASES = ("cold-start", "routing-10k", "routing-10k-split")

T = TypeVar("T")
P = ParamSpec("P")


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    """One measured quantity: its samples in seconds (or none, for a derived figure) and notes."""

    case: str
    metric: str
    samples: list[float] = field(default_factory=list)
    value: float | None = None
    unit: str = "s"
    note: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else self.value

    @property
    def best(self) -> float | None:
        return min(self.samples) if self.samples else None


def timed(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> tuple[float, T]:
    """Wall time of one call (after a full collection, so earlier garbage is not billed to it)."""
    gc.collect()
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def ratio(case: str, metric: str, top: Row, bottom: Row, note: str = "") -> Row:
    """A derived row: the ratio of two medians."""
    a, b = top.median, bottom.median
    return Row(case, metric, value=a / b if a is not None and b else None, unit="x", note=note)


# --------------------------------------------------------------------------- cold start


def _child_env() -> dict[str, str]:
    """This environment without PYTHONDONTWRITEBYTECODE, so the children read and write .pyc files."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def _run_child(arguments: Sequence[str]) -> float:
    """Wall time of one fresh interpreter running `python ARGUMENTS` from the repository root."""
    start = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, *arguments],
        cwd=REPO,
        env=_child_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if completed.returncode != 0:
        message = completed.stderr.decode(errors="replace").strip()
        raise RuntimeError(f"`python {' '.join(arguments)}` exited {completed.returncode}: {message}")
    return elapsed


def cold_start(repeat: int) -> list[Row]:
    """`python -m exchange_lint FILE` against a bare interpreter and `import ruamel.yaml`."""
    commands = {
        "python -c pass": ["-c", "pass"],
        "python -c 'import ruamel.yaml'": ["-c", "import ruamel.yaml"],
        f"python -m exchange_lint {COLD_START_FILE}": ["-m", "exchange_lint", COLD_START_FILE],
    }
    for arguments in commands.values():
        _run_child(arguments)  # warm-up: writes the .pyc files, fills the OS file cache
    rows = [Row("cold-start", label) for label in commands]
    for _ in range(repeat):  # interleaved, so a slow spell of the machine hits every command alike
        for row, arguments in zip(rows, commands.values(), strict=True):
            row.samples.append(_run_child(arguments))
    _, ruamel, lint_run = rows
    rows.append(ratio("cold-start", "exchange_lint / import ruamel.yaml", lint_run, ruamel))
    return rows


# --------------------------------------------------------------------------- organization generator

# Country codes weighted roughly by how many partners an American-centred company has there.
COUNTRIES = {"US": 36, "DE": 11, "GB": 10, "FR": 8, "JP": 6, "CA": 5, "NL": 4, "IT": 4, "SE": 3, "CH": 3}
COUNTRIES |= {"AU": 3, "ES": 2, "BE": 2, "AT": 1, "DK": 1, "NO": 1}
ADMDS = ("ATTMAIL", "MCIMAIL", "TELEMAIL", "DBP", "BT", "ATLAS")
COSTS = (1, 1, 1, 1, 2, 5, 5, 10, 10, 20)
TLDS = ("example", "example.net", "example.co.uk", "example.de", "example.fr")
# Share of the partner connectors (those not linking sites) by kind; the rest are other gateways.
KIND_SHARE = (("x400", 0.62), ("internet_mail", 0.20), ("msmail", 0.10), ("ccmail", 0.07))
OTHER_KINDS = ("notes", "groupwise", "profs", "snads")
ORG_WIDE_IMS = 4
BACKUP_CONNECTORS = 60  # each repeats all 5 patterns of another connector: 300 duplicated patterns
BLANK_X400 = 40
BLANK_SMTP = 15
SMTP_ON_MSMAIL = 5
ROUTING_TESTS = 20


@dataclass
class Spec:
    """One connector before it is written out; `spaces` and `extra` are YAML text (flow style)."""

    name: str
    kind: str
    server: str
    spaces: list[str]
    extra: list[str] = field(default_factory=list)
    country: str = "US"


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text)


class Generator:
    """A deterministic Exchange 5.5 organization: sites in a ring and a tree, partners behind gateways."""

    def __init__(self, connectors: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.total = connectors
        self.sites = [f"S{number:03d}" for number in range(max(2, connectors // CONNECTORS_PER_SITE))]
        self.partner = 0

    # ---- small pieces

    def server(self) -> str:
        return f"{self.rng.choice(self.sites)}-EX{self.rng.randint(1, 2)}"

    def cost(self) -> int:
        return self.rng.choice(COSTS)

    def country(self) -> str:
        return self.rng.choices(list(COUNTRIES), weights=list(COUNTRIES.values()))[0]

    def space(self, kind: str, address: str, cost: int | None = None) -> str:
        """Mostly the mapping form, sometimes the compact string; a few narrower scopes."""
        cost = self.cost() if cost is None else cost
        roll = self.rng.random()
        if roll < 0.25:
            return q(f"{kind}:{address};{cost}")
        scope = "" if roll < 0.94 else ", scope: site" if roll < 0.99 else ", scope: location"
        return f"{{type: {kind}, address: {q(address)}, cost: {cost}{scope}}}"

    def next_partner(self) -> int:
        self.partner += 1
        return self.partner

    # ---- connector kinds

    def site_links(self) -> list[Spec]:
        """A ring of Site Connectors (some replicating) plus a binary tree of X.400 connectors."""
        specs = []
        count = len(self.sites)
        for number, site in enumerate(self.sites):
            there = self.sites[(number + 1) % count]
            replicated = ", replicated: true" if number % 10 == 0 else ""
            specs.append(
                Spec(
                    f"Site Connector ({site} to {there})",
                    "site",
                    f"{site}-EX1",
                    self.site_spaces(there),
                    [f"connected_sites: [{{name: {there}, cost: 1{replicated}}}]"],
                )
            )
        for number in range(1, count):
            site, parent = self.sites[number], self.sites[(number - 1) // 2]
            specs.append(
                Spec(
                    f"X.400 Connector ({site} to {parent})",
                    "x400",
                    f"{site}-EX2",
                    self.site_spaces(parent),
                    [f"connected_sites: [{{name: {parent}, cost: {self.rng.choice((5, 10, 20))}}}]"],
                )
            )
        return specs

    def site_spaces(self, there: str) -> list[str]:
        low = there.lower()
        return [
            self.space("X400", f"c=US;a= ;p=Contoso;o={there}", 1),
            self.space("SMTP", f"*@{low}.contoso.example", 1),
            self.space("SMTP", f"*@*.{low}.contoso.example", 1),
            self.space("MS", f"{there}/*", 1),
            self.space("CCMAIL", f"* at {there}", 1),
        ]

    def x400(self) -> Spec:
        number = self.next_partner()
        home, other = self.country(), self.country()
        admd = " " if self.rng.random() < 0.7 else self.rng.choice(ADMDS)
        prmd = f"Partner{number}"
        spaces = [
            self.space("X400", f"c={home};a= ;p={prmd};o=*"),
            self.space("X400", f"c={home};a={admd};p={prmd}"),
            self.space("X400", f"c={other};a= ;p={prmd};o=Sub{self.rng.randint(1, 9)}"),
            self.space("X400", f"c={home};a= ;p={prmd};o=HQ;ou1=*"),
            self.space("X400", f"c={home};a= ;p={prmd}-{self.rng.choice('ABCDE')};o=*"),
        ]
        return Spec(f"X.400 to {prmd}", "x400", self.server(), spaces, country=home)

    def internet_mail(self) -> Spec:
        number = self.next_partner()
        domain = f"partner{number}.{self.rng.choice(TLDS)}"
        spaces = [
            self.space("SMTP", f"*@{domain}"),
            self.space("SMTP", f"*@*.{domain}"),
            self.space("SMTP", f"*@partner{number}-mail.example"),
            self.space("SMTP", f"*@partner{number}.net"),
            self.space("SMTP", f"*@%%.partner{number}.example"),
        ]
        extra = []
        if self.rng.random() < 0.2:
            extra.append("transfer_mode: outbound_only")
        if self.rng.random() < 0.05:
            spaces[0] = f"{{type: SMTP, address: {q('*@' + domain)}, cost: 1, routing: {{address: relay.{domain}}}}}"
        return Spec(f"IMS to partner{number}", "internet_mail", self.server(), spaces, extra)

    def msmail(self) -> Spec:
        number = self.next_partner()
        network = f"NET{number}"
        spaces = [
            self.space("MS", f"{network}/*"),
            self.space("MS", f"{network}/PO1/*"),
            self.space("MS", f"{network}/PO2/*"),
            self.space("MS", f"{network}/PO%/*"),
            self.space("MS", f"{network}B/*"),
        ]
        extra = [f"postoffice: {network}/PO1"]
        if self.rng.random() < 0.1:
            spaces[4] = self.space("FAX", f"*@{network}")
            extra.append(f"gateways: [{{type: FAX, postoffice: {network}/GW, access_components: true}}]")
        return Spec(f"MS Mail Connector ({network})", "msmail", self.server(), spaces, extra)

    def ccmail(self) -> Spec:
        number = self.next_partner()
        po = f"CCPO{number}"
        spaces = [self.space("CCMAIL", f"* at {po}{suffix}") for suffix in ("", "B", "C", "-EU", "-US")]
        return Spec(f"cc:Mail Connector ({po})", "ccmail", self.server(), spaces)

    def other(self) -> Spec:
        number = self.next_partner()
        kind = self.rng.choice(OTHER_KINDS)
        kind_type, shape = {
            "notes": ("NOTES", "*/Domain{n}{s}"),
            "groupwise": ("GWISE", "Domain{n}{s}.*"),
            "profs": ("PROFS", "NODE{n}{s} *"),
            "snads": ("SNADS", "NODE{n}{s}.*"),
        }[kind]
        spaces = [self.space(kind_type, shape.format(n=number, s=suffix)) for suffix in ("", "A", "B", "C", "D")]
        return Spec(f"{kind} connector {number}", kind, self.server(), spaces)

    def org_wide_ims(self, number: int) -> Spec:
        """An organization-wide IMS: `SMTP:*` (two of them at the same cost: a realistic tie)."""
        cost = (1, 1, 5, 20)[number % 4]
        spaces = [
            self.space("SMTP", "*", cost),
            self.space("SMTP", "*@*.example", cost + 1),
            self.space("SMTP", "*@contoso-partners.example", cost),
            self.space("SMTP", f"*@ims{number}.contoso.example", cost),
            self.space("SMTP", "*@*.*", cost + 2),
        ]
        extra = ["reroute: {enabled: true, allow_from: [10.0.0.0/8]}"]
        return Spec(f"Internet Mail Service {number}", "internet_mail", f"{self.sites[number]}-EX1", spaces, extra)

    # ---- the whole organization

    def connectors(self) -> list[Spec]:
        specs = self.site_links()
        specs += [self.org_wide_ims(number) for number in range(ORG_WIDE_IMS)]
        makers = [getattr(self, kind) for kind, _ in KIND_SHARE] + [self.other]
        weights = [share for _, share in KIND_SHARE] + [1 - sum(share for _, share in KIND_SHARE)]
        while len(specs) < self.total - BACKUP_CONNECTORS:
            specs.append(self.rng.choices(makers, weights=weights)[0]())
        specs += self.backups([spec for spec in specs if spec.kind in ("x400", "internet_mail") and not spec.extra])
        self.deliberate_mistakes(specs)
        self.rng.shuffle(specs)
        return specs[: self.total]

    def backups(self, primaries: list[Spec]) -> list[Spec]:
        """Second connectors repeating a partner's patterns: every other one at the same cost (a tie)."""
        backups = []
        for number, primary in enumerate(self.rng.sample(primaries, min(BACKUP_CONNECTORS, len(primaries)))):
            spaces = list(primary.spaces) if number % 2 == 0 else [self._costlier(space) for space in primary.spaces]
            backups.append(Spec(f"{primary.name} (backup)", primary.kind, self.server(), spaces))
        return backups

    @staticmethod
    def _costlier(space: str) -> str:
        if space.startswith("{"):
            head, _, tail = space.rpartition("cost: ")
            digits = "".join(char for char in tail if char.isdigit())
            return f"{head}cost: {int(digits) + 10}{tail[len(digits) :]}"
        text, _, cost = json.loads(space).rpartition(";")
        return q(f"{text};{int(cost) + 10}")

    def deliberate_mistakes(self, specs: list[Spec]) -> None:
        """Blank address spaces as last resorts, and SMTP on MS Mail connectors without a gateway."""
        by_kind: dict[str, list[Spec]] = {}
        for spec in specs:
            by_kind.setdefault(spec.kind, []).append(spec)
        for spec in self.rng.sample(by_kind["x400"], min(BLANK_X400, len(by_kind["x400"]))):
            spec.spaces[-1] = "{type: X400, address: '', cost: 100}"
        for spec in self.rng.sample(by_kind["internet_mail"], min(BLANK_SMTP, len(by_kind["internet_mail"]))):
            spec.spaces[-1] = q("SMTP:;50")
        for spec in self.rng.sample(by_kind.get("msmail", []), min(SMTP_ON_MSMAIL, len(by_kind.get("msmail", [])))):
            spec.spaces[-1] = self.space("SMTP", "*", 1)

    def routing_tests(self, specs: list[Spec]) -> list[str]:
        """A few routing tests: a partner's X.400 recipient should leave through that partner's connector."""
        lines = []
        partners = [spec for spec in specs if spec.name.startswith("X.400 to ") and not spec.name.endswith(")")]
        for spec in self.rng.sample(partners, min(ROUTING_TESTS, len(partners))):
            prmd = spec.name.removeprefix("X.400 to ")
            recipient = f"X400:c={spec.country};a= ;p={prmd};o=HQ;s=Smith"
            lines += [f"  - from: {self.rng.choice(self.sites)}", f"    recipient: {q(recipient)}"]
            lines.append(f"    expect: {q(spec.name)}")
        return lines

    def site_lines(self) -> list[str]:
        lines = []
        for number, site in enumerate(self.sites):
            lines += [f"  - name: {site}", f"    servers: [{site}-EX1, {site}-EX2]"]
            lines += [f"    location: REGION{number % 10}", f"    x400_address: {q(f'c=US;a= ;p=Contoso;o={site}')}"]
        return lines


def connector_lines(spec: Spec) -> list[str]:
    lines = [f"  - name: {q(spec.name)}", f"    kind: {spec.kind}", f"    server: {spec.server}"]
    lines += [f"    {line}" for line in spec.extra]
    lines.append("    address_spaces:")
    lines += [f"      - {space}" for space in spec.spaces]
    return lines


def document(connectors: list[Spec], sites: list[str] | None = None, tests: list[str] | None = None) -> str:
    """One connector file; only the first file of a split organization declares sites and tests."""
    lines = ["# Generated by bench/run.py: a synthetic organization for benchmarks.", "version: 1"]
    lines += [f"organization: {ORGANIZATION}", 'exchange: "5.5"']
    if sites:
        lines += ["sites:", *sites]
    lines.append("connectors:")
    for spec in connectors:
        lines += connector_lines(spec)
    if tests:
        lines += ["routing_tests:", *tests]
    return "\n".join(lines) + "\n"


def write_organization(folder: Path, connectors: int, seed: int, split: bool) -> list[Path]:
    """Write the organization as one file, or as files of CONNECTORS_PER_FILE connectors each."""
    generator = Generator(connectors, seed)
    specs = generator.connectors()
    sites, tests = generator.site_lines(), generator.routing_tests(specs)
    if not split:
        path = folder / "organization.yaml"
        path.write_text(document(specs, sites, tests), encoding="utf-8")
        return [path]
    paths = []
    for start in range(0, len(specs), CONNECTORS_PER_FILE):
        path = folder / f"organization-{start // CONNECTORS_PER_FILE:02d}.yaml"
        first = start == 0
        chunk = specs[start : start + CONNECTORS_PER_FILE]
        path.write_text(document(chunk, sites if first else None, tests if first else None), encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- routing cases


@contextmanager
def working_directory(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def relative_names(folder: Path, paths: Sequence[Path]) -> list[str]:
    return [str(path.relative_to(folder)) for path in paths]


def validate(folder: Path, paths: Sequence[Path]) -> None:
    """Fail unless the generated files are well-formed: no file, schema or reference findings.

    Only the cheap rule families run (EXL0xx files and schema, EXL2xx address syntax, EXL3xx
    references); the routing rules are what the timed `full check` measures.
    """
    report = folder / "validation.json"
    arguments = ["check", *relative_names(folder, paths), "--format", "json", "-o", str(report)]
    with working_directory(folder):
        code = cli.main([*arguments, "--select", "EXL0,EXL2,EXL3"])
    findings = json.loads(report.read_text(encoding="utf-8")) if report.exists() else []
    report.unlink(missing_ok=True)
    if code != 0 or findings:
        by_rule = Counter(finding["rule"] for finding in findings)
        example = findings[0]["message"] if findings else "no report"
        raise RuntimeError(f"the generated organization is not valid (exit {code}, {dict(by_rule)}): {example}")


def organization_of(documents: dict[str, Document]) -> Organization:
    names = {organization_key(doc.data) for doc in documents.values()}
    if len(names) != 1 or None in names:
        raise RuntimeError(f"expected one organization, found {sorted(map(str, names))}")
    return build_organization(str(names.pop()), list(documents.values()))


def all_overlaps(organization: Organization) -> list[Overlap]:
    """The indexed overlap enumeration, index build included."""
    return list(overlaps(build_index(organization)))


@dataclass
class Pipeline:
    """Samples of each stage, and what the last repeat found."""

    parse: list[float] = field(default_factory=list)
    model: list[float] = field(default_factory=list)
    overlaps: list[float] = field(default_factory=list)
    analysis: list[float] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def run_pipeline(folder: Path, paths: Sequence[Path], repeat: int) -> Pipeline:
    """Parse, model, overlaps and analysis, each timed on its own; a fresh organization every repeat.

    The stages run with the cyclic GC paused, as `check` runs them (`exchange_lint.lint.paused_gc`).
    """
    result = Pipeline()
    for _ in range(repeat):
        with paused_gc():
            _pipeline_once(folder, paths, result)
    return result


def _pipeline_once(folder: Path, paths: Sequence[Path], result: Pipeline) -> None:
    seconds, documents = timed(load_documents, paths, folder, MAX_BYTES)
    result.parse.append(seconds)
    seconds, organization = timed(organization_of, documents)
    result.model.append(seconds)
    seconds, found = timed(all_overlaps, organization)
    result.overlaps.append(seconds)
    analysis._last = None  # analyse() keeps the last organization; never reuse it across repeats
    seconds, done = timed(analysis.analyse, organization)
    result.analysis.append(seconds)
    result.counts = {
        "connectors": len(organization.connectors),
        "address spaces": sum(len(c.address_spaces) for c in organization.connectors),
        "overlaps": len(found),
        "ties": len(done.ties),
        "shadowed": len(done.shadowed),
    }
    analysis._last = None


def full_check(folder: Path, paths: Sequence[Path], repeat: int) -> tuple[list[float], int]:
    """The whole `check` command in-process, report discarded; its samples and exit code."""
    arguments = ["check", *relative_names(folder, paths), "--format", "json", "-o", os.devnull]
    samples = []
    code = 0
    with working_directory(folder):
        for _ in range(repeat):
            analysis._last = None
            seconds, code = timed(cli.main, arguments)
            if code not in (0, 1):
                raise RuntimeError(f"`exchange-lint {' '.join(arguments)}` exited {code}")
            samples.append(seconds)
    analysis._last = None
    return samples, code


def all_pairs(folder: Path, paths: Sequence[Path], sample: int, repeat: int) -> tuple[Row, Row]:
    """Naive all-pairs witness search on the first `sample` address spaces, extrapolated by n²."""
    organization = organization_of(load_documents(paths, folder, MAX_BYTES))
    spaces = [(space.type, space.address) for c in organization.connectors for space in c.address_spaces]
    chosen = spaces[:sample]

    def compare() -> tuple[int, int]:
        pairs = found = 0
        for number, (kind, address) in enumerate(chosen):
            for other_kind, other in chosen[number + 1 :]:
                if other_kind == kind:
                    pairs += 1
                    found += witness(kind, address, other) is not None
        return pairs, found

    samples = []
    pairs = found = 0
    for _ in range(repeat):
        seconds, (pairs, found) = timed(compare)
        samples.append(seconds)
    scale = (len(spaces) / len(chosen)) ** 2
    case = "routing-10k"
    note = f"{pairs} same-type pairs, {found} overlapping"
    measured = Row(case, f"all-pairs, first {len(chosen)} spaces", samples, note=note)
    estimate = Row(
        case, f"all-pairs, all {len(spaces)} spaces", value=(measured.median or 0) * scale, note="n² estimate"
    )
    return measured, estimate


def pipeline_rows(case: str, stages: Pipeline, files: str) -> list[Row]:
    counts = stages.counts
    spaces = f"{counts['connectors']} connectors, {counts['address spaces']} address spaces"
    return [
        Row(case, "parse", stages.parse, note=files),
        Row(case, "model", stages.model, note=spaces),
        Row(case, "overlaps (index + enumeration)", stages.overlaps, note=f"{counts['overlaps']} overlaps"),
        Row(
            case,
            "analysis (ties + shadowed)",
            stages.analysis,
            note=f"{counts['ties']} ties, {counts['shadowed']} shadowed",
        ),
    ]


def routing(case: str, split: bool, args: argparse.Namespace) -> list[Row]:
    """Generate the organization in a temporary folder, validate it once, then time each stage."""
    with tempfile.TemporaryDirectory(prefix="exchange-lint-bench-") as name:
        folder = Path(name)
        paths = write_organization(folder, args.connectors, args.seed, split)
        size = sum(path.stat().st_size for path in paths)
        validate(folder, paths)
        files = f"{len(paths)} file{'s' if len(paths) != 1 else ''}, {size / 1e6:.1f} MB"
        parse, model, overlap, analysed = pipeline_rows(case, run_pipeline(folder, paths, args.repeat), files)
        samples, code = full_check(folder, paths, args.repeat)
        check = Row(case, "full check", samples, note=f"exit {code} ({'findings' if code else 'clean'})")
        rows = [parse, model, overlap, analysed, check, ratio(case, "analysis / parse", analysed, parse)]
        if args.all_pairs and not split:
            measured, estimate = all_pairs(folder, paths, args.sample, args.repeat)
            rows += [measured, estimate, ratio(case, "all-pairs estimate / overlaps", estimate, overlap)]
    return rows


# --------------------------------------------------------------------------- output


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "exchange_lint": exchange_lint.__version__,
    }


def fmt(row: Row, value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}x" if row.unit == "x" else f"{value:.3f} s"


def table(rows: Sequence[Row], repeat: int) -> str:
    """A plain-text table of medians, with the fastest sample beside each."""
    header = ("case", "metric", f"median of {repeat}", "min", "notes")
    body = [(r.case, r.metric, fmt(r, r.median), fmt(r, r.best), r.note) for r in rows]
    widths = [max(len(line[column]) for line in (header, *body)) for column in range(4)]
    lines = []
    for line in (header, *body):
        cells = [line[0].ljust(widths[0]), line[1].ljust(widths[1]), line[2].rjust(widths[2])]
        lines.append("  ".join([*cells, line[3].rjust(widths[3]), line[4]]).rstrip())
    return "\n".join(lines)


def as_json(rows: Sequence[Row], args: argparse.Namespace) -> str:
    results = [{**asdict(row), "median": row.median, "min": row.best} for row in rows]
    settings = {"repeat": args.repeat, "connectors": args.connectors, "seed": args.seed}
    return json.dumps({"machine": machine(), "settings": settings, "results": results}, indent=2)


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--case", action="append", choices=CASES, help="run only this case (repeatable)")
    parser.add_argument("--repeat", type=int, default=5, metavar="N", help="repeats per measurement (default 5)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead of a table")
    parser.add_argument("--all-pairs", action="store_true", help="routing-10k: also time a naive all-pairs search")
    parser.add_argument(
        "--sample",
        type=int,
        default=DEFAULT_SAMPLE,
        metavar="N",
        help=f"address spaces for --all-pairs (default {DEFAULT_SAMPLE})",
    )
    parser.add_argument(
        "--connectors",
        type=int,
        default=DEFAULT_CONNECTORS,
        metavar="N",
        help=f"size of the generated organization (default {DEFAULT_CONNECTORS}; the case names stay)",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, metavar="N", help=f"generator seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.sample < 2 or args.connectors < 500:
        parser.error("--repeat must be at least 1, --sample at least 2, --connectors at least 500")
    if args.all_pairs and args.case and "routing-10k" not in args.case:
        parser.error("--all-pairs runs within the routing-10k case")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    rows: list[Row] = []
    for case in args.case or CASES:
        if not args.json:
            print(f"running {case} ...", file=sys.stderr, flush=True)
        if case == "cold-start":
            rows += cold_start(args.repeat)
        else:
            rows += routing(case, case.endswith("-split"), args)
    if args.json:
        print(as_json(rows, args))
    else:
        info = machine()
        print(f"Python {info['python']} ({info['implementation']}), {info['cpus']} CPUs, {info['platform']}")
        print(table(rows, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
