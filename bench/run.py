"""exchange-lint benchmarks: start-up, the routing pipeline, and a comparison with other tools.

Run from the repository root with the development virtualenv's Python:

    python bench/run.py [--case NAME ...] [--repeat N] [--json] [--all-pairs]

Every figure is the median of N repeats (the minimum is shown beside it). The routing cases run
in this process, through the package's own functions; cold-start and compare time fresh
subprocesses. See bench/README.md for what each case measures. This is not a test: pytest never
collects it.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shlex
import shutil
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

from modern import write_modern

import exchange_lint
from exchange_lint import cli
from exchange_lint.engine import load_documents, paused_gc
from exchange_lint.generation import organization_key
from exchange_lint.generations.exchange40_55.model import Organization, build_organization
from exchange_lint.generations.exchange40_55.routing import analysis
from exchange_lint.generations.exchange40_55.routing.index import build_index
from exchange_lint.generations.exchange40_55.routing.overlap import Overlap, overlaps, witness
from exchange_lint.load import Document

REPO = Path(__file__).resolve().parent.parent
COLD_START_FILE = "examples/q169117-fixed.yaml"
MAX_BYTES = 1 << 30
ORGANIZATION = "Contoso"
CONNECTORS_PER_SITE = 50
CONNECTORS_PER_FILE = 200
DEFAULT_CONNECTORS = 10_000
DEFAULT_SEED = 169117
DEFAULT_SAMPLE = 2_000
DEFAULT_FILES = 200
DEFAULT_FILE_CONNECTORS = 20
CASES = (
    "cold-start",
    "routing-10k",
    "routing-10k-split",
    "routing-dense",
    "modern-10k",
    "modern-dense",
    "adversarial",
    "compare",
    "pre-commit",
)
MODERN_RECEIVE = 2_000  # Receive connectors of the 2007–SE organizations
MODERN_CASES = {"modern-10k": False, "modern-dense": True}  # case -> dense (8 AD sites, not 200)
# Every case but `pre-commit` times a run as CI makes it, which never sees its cache again: with
# the cache on, repeats 3 and later would read the documents the second one kept.
NO_CACHE = "--no-cache"
PRE_COMMIT_SIZES = ((200, 2.0), (2000, 3.0))  # files, and the most a warm run may cost against the file alone
PRE_COMMIT_FILE = 7  # the file a commit changed: organization-007.yaml
SCHEMA = "schemas/exchange-connectors.schema.json"
BENCH_EXTRA = "pip install -e '.[test,bench]'"

T = TypeVar("T")
P = ParamSpec("P")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Target:
    """A bound a figure should respect: `op` is `<=`, `<` or `>=`."""

    op: str
    bound: float

    def met(self, value: float) -> bool:
        return {"<=": value <= self.bound, "<": value < self.bound, ">=": value >= self.bound}[self.op]


@dataclass
class Row:
    """One measured quantity: its samples in `unit` (or none, for a derived figure) and notes.

    `unit` is `s` (seconds), `x` (a ratio) or `MB` (10**6 bytes of memory).
    """

    case: str
    metric: str
    samples: list[float] = field(default_factory=list)
    value: float | None = None
    unit: str = "s"
    note: str = ""
    target: Target | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else self.value

    @property
    def best(self) -> float | None:
        return min(self.samples) if self.samples else None

    @property
    def met(self) -> bool | None:
        """Whether the median meets the target; None without a target or a figure."""
        median = self.median
        return None if self.target is None or median is None else self.target.met(median)


def timed(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> tuple[float, T]:
    """Wall time of one call (after a full collection, so earlier garbage is not billed to it)."""
    gc.collect()
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def ratio(case: str, metric: str, top: Row, bottom: Row, note: str = "", target: Target | None = None) -> Row:
    """A derived row: the ratio of two medians."""
    a, b = top.median, bottom.median
    return Row(case, metric, value=a / b if a is not None and b else None, unit="x", note=note, target=target)


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
        f"python -m exchange_lint {NO_CACHE} {COLD_START_FILE}": ["-m", "exchange_lint", NO_CACHE, COLD_START_FILE],
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


@dataclass(frozen=True)
class Profile:
    """How many organization-wide gateways, deliberate problems and routing tests an organization gets."""

    org_wide_ims: int
    backups: int  # each repeats all 5 patterns of another connector
    blank_x400: int
    blank_smtp: int
    smtp_on_msmail: int
    routing_tests: int


# The large organization (routing-10k): 300 duplicated patterns from 60 backups, and so on.
LARGE = Profile(org_wide_ims=4, backups=60, blank_x400=40, blank_smtp=15, smtp_on_msmail=5, routing_tests=20)
# A typical file's organization (about 20 connectors): one internet gateway and one of each mistake.
SMALL = Profile(org_wide_ims=1, backups=1, blank_x400=1, blank_smtp=1, smtp_on_msmail=1, routing_tests=2)
SMALL_BELOW = 500  # organizations with fewer connectors get the SMALL profile
# The dense organization (routing-dense): as many connectors over a few sites, with catch-all
# spaces by the hundred in every site (organization-wide IMSs on `SMTP:*`, MS Mail connectors
# with `SMTP:*`, blank last resorts), so most recipients meet hundreds of candidates everywhere.
DENSE = Profile(org_wide_ims=400, backups=60, blank_x400=400, blank_smtp=150, smtp_on_msmail=400, routing_tests=20)
DENSE_SITES = 8


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

    def __init__(self, connectors: int, seed: int, dense: bool = False) -> None:
        self.rng = random.Random(seed)
        self.total = connectors
        self.profile = DENSE if dense else LARGE if connectors >= SMALL_BELOW else SMALL
        count = DENSE_SITES if dense else max(2, connectors // CONNECTORS_PER_SITE)
        self.sites = [f"S{number:03d}" for number in range(count)]
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
        server = f"{self.sites[number % len(self.sites)]}-EX1"
        return Spec(f"Internet Mail Service {number}", "internet_mail", server, spaces, extra)

    # ---- the whole organization

    def connectors(self) -> list[Spec]:
        specs = self.site_links()
        specs += [self.org_wide_ims(number) for number in range(self.profile.org_wide_ims)]
        makers = [getattr(self, kind) for kind, _ in KIND_SHARE] + [self.other]
        weights = [share for _, share in KIND_SHARE] + [1 - sum(share for _, share in KIND_SHARE)]
        while len(specs) < self.total - self.profile.backups:
            specs.append(self.rng.choices(makers, weights=weights)[0]())
        specs += self.backups([spec for spec in specs if spec.kind in ("x400", "internet_mail") and not spec.extra])
        while len(specs) < self.total:  # a small organization may have had too few partners to back up
            specs.append(self.rng.choices(makers, weights=weights)[0]())
        self.deliberate_mistakes(specs)
        self.rng.shuffle(specs)
        return specs[: self.total]

    def backups(self, primaries: list[Spec]) -> list[Spec]:
        """Second connectors repeating a partner's patterns: every other one at the same cost (a tie)."""
        backups = []
        for number, primary in enumerate(self.rng.sample(primaries, min(self.profile.backups, len(primaries)))):
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
        x400, internet, msmail = (by_kind.get(kind, []) for kind in ("x400", "internet_mail", "msmail"))
        for spec in self.rng.sample(x400, min(self.profile.blank_x400, len(x400))):
            spec.spaces[-1] = "{type: X400, address: '', cost: 100}"
        for spec in self.rng.sample(internet, min(self.profile.blank_smtp, len(internet))):
            spec.spaces[-1] = q("SMTP:;50")
        for spec in self.rng.sample(msmail, min(self.profile.smtp_on_msmail, len(msmail))):
            spec.spaces[-1] = self.space("SMTP", "*", 1)

    def routing_tests(self, specs: list[Spec]) -> list[str]:
        """A few routing tests: a partner's X.400 recipient should leave through that partner's connector."""
        lines = []
        partners = [spec for spec in specs if spec.name.startswith("X.400 to ") and not spec.name.endswith(")")]
        for spec in self.rng.sample(partners, min(self.profile.routing_tests, len(partners))):
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


def document(
    connectors: list[Spec],
    sites: list[str] | None = None,
    tests: list[str] | None = None,
    organization: str = ORGANIZATION,
) -> str:
    """One connector file; only the first file of a split organization declares sites and tests."""
    lines = ["# Generated by bench/run.py: a synthetic organization for benchmarks.", "version: 1"]
    lines += [f"organization: {organization}", 'exchange: "5.5"']
    if sites:
        lines += ["sites:", *sites]
    lines.append("connectors:")
    for spec in connectors:
        lines += connector_lines(spec)
    if tests:
        lines += ["routing_tests:", *tests]
    return "\n".join(lines) + "\n"


def write_organization(folder: Path, connectors: int, seed: int, split: bool, dense: bool = False) -> list[Path]:
    """Write the organization as one file, or as files of CONNECTORS_PER_FILE connectors each."""
    generator = Generator(connectors, seed, dense)
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


def write_small_organizations(folder: Path, files: int, connectors: int, seed: int) -> list[Path]:
    """`files` separate small organizations, one per file, each of `connectors` connectors.

    File N holds organization `ContosoNNN` from seed `seed + N`, sites and routing tests included, so
    every file lints on its own and the first file is the same whatever the number of files.
    """
    paths = []
    for number in range(files):
        generator = Generator(connectors, seed + number)
        specs = generator.connectors()
        text = document(specs, generator.site_lines(), generator.routing_tests(specs), f"{ORGANIZATION}{number:03d}")
        path = folder / f"organization-{number:03d}.yaml"
        path.write_text(text, encoding="utf-8")
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


def validate(folder: Path, paths: Sequence[Path], select: str = "EXL0,EXL2,EXL3") -> None:
    """Fail unless the generated files are well-formed: no file, schema or reference findings.

    Only the cheap rule families run (EXL0xx files and schema, EXL2xx address syntax, EXL3xx
    references); the routing rules are what the timed `full check` measures.
    """
    report = folder / "validation.json"
    arguments = ["check", *relative_names(folder, paths), "--format", "json", "-o", str(report)]
    with working_directory(folder):
        code = cli.main([*arguments, "--select", select])
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

    The stages run with the cyclic GC paused, as `check` runs them (`exchange_lint.engine.paused_gc`).
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
    seconds, done = timed(analysed, organization)
    result.analysis.append(seconds)
    result.counts = {
        "connectors": len(organization.connectors),
        "address spaces": sum(len(c.address_spaces) for c in organization.connectors),
        "overlaps": len(found),
        "ties": len(done.ties),
        "shadowed": len(done.shadowed),
    }


def analysed(organization: Organization) -> analysis.Analysis:
    """The analysis with its organization-wide parts, ties and never-selected spaces, which it
    computes when a rule first asks for them."""
    done = analysis.analyse(organization)
    _ = done.ties, done.shadowed
    return done


def full_check(folder: Path, paths: Sequence[Path], repeat: int) -> tuple[list[float], int]:
    """The whole `check` command in-process, report discarded; its samples and exit code."""
    arguments = ["check", NO_CACHE, *relative_names(folder, paths), "--format", "json", "-o", os.devnull]
    samples = []
    code = 0
    with working_directory(folder):
        for _ in range(repeat):
            seconds, code = timed(cli.main, arguments)
            if code not in (0, 1):
                raise RuntimeError(f"`exchange-lint {' '.join(arguments)}` exited {code}")
            samples.append(seconds)
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
    """Generate the organization in a temporary folder, validate it once, then time each stage.

    `routing-dense` puts the same number of connectors over DENSE_SITES sites with the DENSE
    profile, and also times the whole command in a fresh process against the parse floor."""
    dense = case == "routing-dense"
    with tempfile.TemporaryDirectory(prefix="exchange-lint-bench-") as name:
        folder = Path(name)
        paths = write_organization(folder, args.connectors, args.seed, split, dense)
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
        if dense:
            rows += against_floor(Corpus(case, folder, list(paths), args.connectors), args.repeat)
    return rows


def modern(case: str, args: argparse.Namespace) -> list[Row]:
    """A 2019 organization (bench/modern.py): `check` in a fresh process against the parse floor,
    then `route` and `gwart` once each as information.

    Validated first with the file and schema rules only (`--select EXL0`): timings of a malformed
    organization mean nothing. The in-process stages of the 5.x cases are not repeated here: the
    whole command is what a CI run pays, and the floor says what reading the file alone costs."""
    dense = MODERN_CASES[case]
    with tempfile.TemporaryDirectory(prefix="exchange-lint-modern-") as name:
        folder = Path(name)
        paths = write_modern(folder, args.connectors, MODERN_RECEIVE, args.seed, dense)
        validate(folder, paths, select="EXL0")
        size = sum(path.stat().st_size for path in paths)
        print(f"  {case}: {size / 1e6:.1f} MB written and valid; timing check ...", file=sys.stderr, flush=True)
        # Exit 2 is accepted and shown: a routing rule that ran out of its budget (EXL901) is a
        # result to report (the target is not met), not a reason to lose the other figures.
        corpus = Corpus(case, folder, list(paths), args.connectors)
        rows = against_floor(corpus, args.repeat, frozenset({0, 1, 2}))
        if not dense:
            rows += modern_commands(case, folder, paths)
    return rows


def modern_commands(case: str, folder: Path, paths: Sequence[Path]) -> list[Row]:
    """`route` and `gwart` on the organization, once each in a fresh process (information rows)."""
    python, ok = sys.executable, frozenset({0, 1, 2})
    base = (python, "-m", "exchange_lint")
    commands = [
        Command("route (process)", (*base, "route", "ADS150", "SMTP:ann@mail.example.org", FILES), ok),
        Command("gwart (process)", (*base, "gwart", FILES, "--format", "json"), ok),
    ]
    files = relative_names(folder, paths)
    rows = []
    for command in commands:
        run = run_child(command, files, folder)
        note = f"once, {shown(command)}; exit {run.code}, peak RSS {run.peak or 0:.0f} MB"
        rows.append(Row(case, command.label, [run.seconds], note=note))
    return rows


def against_floor(corpus: Corpus, repeat: int, findings: frozenset[int] = frozenset({0, 1})) -> list[Row]:
    """`check` in a fresh process against the C parse floor of the same files, with peak memory.

    `findings` are the exit statuses accepted from `check`; the row's note names those seen."""
    python = sys.executable
    lint = Command(
        "exchange-lint",
        (python, "-m", "exchange_lint", "check", NO_CACHE, FILES, "--format", "json", "-o", os.devnull),
        findings,
    )
    floor = Command("parse floor", (python, "-c", FLOOR, FILES), frozenset({0, PURE_FLOOR}))
    runs = measure(corpus, [lint, floor], repeat)
    case = corpus.case
    rows = [
        Row(case, name, [run.seconds for run in samples], note=f"{exits_note(samples)}, {peak_note(samples)}")
        for name, samples in zip(("exchange-lint (process)", "parse floor (process)"), runs, strict=True)
    ]
    peaks = [run.peak for run in runs[0] if run.peak is not None]
    return [
        *rows,
        ratio(case, "exchange-lint / parse floor", rows[0], rows[1], target=Target("<=", 2.0)),
        Row(case, "exchange-lint peak RSS", peaks, unit="MB", target=MEMORY_TARGET),
    ]


# --------------------------------------------------------------------------- adversarial inputs

ADVERSARIAL_HEAD = 'version: 1\norganization: Hostile\nexchange: "5.5"\n'
ADVERSARIAL_SITE = ADVERSARIAL_HEAD + "sites:\n  - {name: HQ, servers: [EX1, EX2]}\nconnectors:\n"
ADVERSARIAL_TARGET = Target("<=", 10.0)  # seconds: "in seconds", where it used to take minutes


def _ims(name: str, server: str, *spaces: str) -> str:
    body = f"name: {json.dumps(name)}, kind: internet_mail, server: {server}, address_spaces: {json.dumps(spaces)}"
    return f"  - {{{body}}}\n"


def adversarial_inputs() -> dict[str, str]:
    """Small files that cost an unbounded routing analysis minutes or gigabytes (issue 11, item 4)."""
    stars = "*" * 100
    servers = [f"EX{n}" for n in range(300)]
    chain = 1000
    return {
        "stars (2 spaces of 100 `*`)": ADVERSARIAL_SITE
        + _ims("A", "EX1", f"SMTP:{stars}a%;1")
        + _ims("B", "EX1", f"SMTP:%{stars}b;1"),
        "5,000 patterns ending in `*`": ADVERSARIAL_SITE
        + "".join(_ims(f"C{n}", "EX1", f"SMTP:user{n}@*;1") for n in range(5000)),
        "300 servers, an IMS on each": ADVERSARIAL_HEAD
        + f"sites:\n  - {{name: HQ, servers: [{', '.join(servers)}]}}\n  - {{name: BR, servers: [BR1]}}\n"
        + "connectors:\n  - {name: HQ-BR, kind: site, server: EX0, connected_sites: [{name: BR, cost: 1}]}\n"
        + _ims("IMS BR", "BR1", "SMTP:*;1")
        + "".join(_ims(f"IMS {n}", n, "SMTP:*;5") for n in servers),
        "chain of 1,000 sites": ADVERSARIAL_HEAD
        + "sites:\n"
        + "".join(f"  - {{name: S{n}, servers: [S{n}-EX]}}\n" for n in range(chain))
        + "connectors:\n"
        + "".join(
            f"  - {{name: L{n}, kind: site, server: S{n}-EX, connected_sites: [{{name: S{n + 1}, cost: 1}}]}}\n"
            for n in range(chain - 1)
        )
        + _ims("IMS", "S0-EX", "SMTP:*;1"),
        "one 50 KB literal": ADVERSARIAL_SITE + _ims("A", "EX1", "SMTP:" + "a" * 50_000 + "@example.com;1", "SMTP:*;1"),
        "1,000 connectors all tied": ADVERSARIAL_SITE
        + "".join(
            _ims(f"U{n}", "EX1", f"SMTP:u{n:04d}@*;1") + _ims(f"D{n}", "EX1", f"SMTP:*@d{n:04d};1") for n in range(500)
        ),
        "1,000 connectors that may tie, none does": ADVERSARIAL_SITE
        + "".join(
            _ims(f"U{n}", "EX1", f"SMTP:u{n:04d}@*;1") + _ims(f"D{n}", "EX1", f"SMTP:*@d{n:04d};2") for n in range(500)
        ),
        "5,000 `*@dN.example*`, all tied": ADVERSARIAL_SITE
        + "".join(_ims(f"C{n}", "EX1", f"SMTP:*@d{n}.example*;1") for n in range(5000)),
        "450 patterns of 1,000 characters": ADVERSARIAL_SITE
        + "".join(_ims(f"C{n}", "EX1", f"SMTP:*{n:04d}{'a' * 990}*;1") for n in range(450)),
    }


def adversarial(repeat: int) -> list[Row]:
    """Each adversarial input through `check` (and `route`, `graph` where they were the trouble) in
    a fresh process: wall time and peak memory, each against its target."""
    python, accepted = sys.executable, frozenset({0, 1})
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="exchange-lint-adversarial-") as name:
        folder = Path(name)
        inputs = adversarial_inputs()
        commands: list[tuple[str, Path, tuple[str, ...], frozenset[int]]] = []
        for number, (label, text) in enumerate(inputs.items()):
            path = folder / f"input-{number}.yaml"
            path.write_text(text, encoding="utf-8")
            commands.append((label, path, ("check", NO_CACHE, FILES, "--format", "json", "-o", os.devnull), accepted))
        stars, chain, small = (folder / f"input-{n}.yaml" for n in (0, 3, 4))
        recipient = "SMTP:" + "a" * 100_000 + "@example.com"
        commands += [
            ("graph: stars", stars, ("graph", FILES), frozenset({0})),
            ("route: through 1,000 sites", chain, ("route", "S999", "SMTP:a@b.example", FILES), frozenset({0})),
            ("route: a 100 KB recipient", small, ("route", "HQ", recipient, FILES), frozenset({2})),
        ]
        for label, path, arguments, exits in commands:
            command = Command(label, (python, "-m", "exchange_lint", *arguments), exits)
            (runs,) = measure(Corpus(label, folder, [path], 0), [command], repeat)
            codes = "/".join(str(code) for code in sorted({run.code for run in runs}))
            rows.append(
                Row(
                    "adversarial", label, [run.seconds for run in runs], note=f"exit {codes}", target=ADVERSARIAL_TARGET
                )
            )
            peaks = [run.peak for run in runs if run.peak is not None]
            rows.append(Row("adversarial", f"{label}: peak RSS", peaks, unit="MB", target=MEMORY_TARGET))
    return rows


# --------------------------------------------------------------------------- compare

# The parse floor: load every file with ruamel.yaml's C-accelerated safe loader, building plain
# data, nothing else. Exit 0 if the C parser did the work, 10 if ruamel.yaml fell back to pure
# Python (ruamel.yaml.clib missing), so the table can say which floor was measured.
FLOOR = """\
import sys
from pathlib import Path
from ruamel.yaml import YAML
from ruamel.yaml.main import CParser
yaml = YAML(typ="safe", pure=False)
for name in sys.argv[1:]:
    yaml.load(Path(name))
sys.exit(0 if CParser is not None and yaml.Parser is CParser else 10)
"""
PURE_FLOOR = 10
# Starts one command (its argv follows) and prints its wall time, exit status and peak RSS
# (ru_maxrss). Run as `python -S`: small, so the command's peak is its own (see run_child).
LAUNCHER = """\
import os, sys, time
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, 2, 1)])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""
FILES = "{FILES}"  # stands for the corpus's files in a command
MEGABYTE = 1_000_000
MEMORY_TARGET = Target("<", 1000.0)  # MB: under 1 GB


class MissingTool(Exception):
    """A tool the compare case runs is not installed in this virtualenv."""


@dataclass(frozen=True)
class Tools:
    """The console scripts the compare case runs, from this interpreter's own virtualenv."""

    check_jsonschema: str
    yamllint: str

    @staticmethod
    def find() -> Tools:
        folder = Path(sys.executable).parent
        found = {}
        for name in ("check-jsonschema", "yamllint"):
            path = shutil.which(name, path=str(folder))
            if path is None:
                raise MissingTool(
                    f"the compare case runs `{name}`, which is not installed next to {sys.executable}; "
                    f"install the bench extra: {BENCH_EXTRA}"
                )
            found[name] = path
        return Tools(found["check-jsonschema"], found["yamllint"])


@dataclass(frozen=True)
class Command:
    """One command of the comparison: `argv` with FILES where the corpus's files go."""

    label: str
    argv: tuple[str, ...]
    exits: frozenset[int]  # exit statuses that mean the tool ran as intended

    def expand(self, files: Sequence[str]) -> list[str]:
        return [item for part in self.argv for item in (files if part == FILES else [part])]


@dataclass
class Child:
    """One timed run: wall time (s), exit status, peak resident memory (MB; None where unknown)."""

    seconds: float
    code: int
    peak: float | None


def run_child(command: Command, files: Sequence[str], folder: Path) -> Child:
    """Run `command` on `files` from `folder` in a fresh process; its wall time and peak memory.

    Where the platform allows (POSIX), the command is started by LAUNCHER, a bare interpreter that
    spawns it, waits for it with `os.wait4` and reports the wall time, exit status and the
    command's own `ru_maxrss`. A process started directly from this one would not do: on Linux a
    child's `ru_maxrss` starts at the RSS of the process it was forked from, and this one holds
    the organizations `validate` built. The tool's output goes to a temporary file, read only to
    explain an unexpected exit status.
    """
    argv = command.expand(files)
    launch = hasattr(os, "posix_spawn") and hasattr(os, "wait4")
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-S", "-c", LAUNCHER, *argv] if launch else argv,
            cwd=folder,
            env=_child_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE if launch else output,
            stderr=output,
            check=False,
        )
        elapsed, code, peak = time.perf_counter() - start, completed.returncode, None
        problem = ""
        if launch and completed.returncode != 0:
            problem = "could not be started"
        elif launch:
            seconds, status, maxrss = completed.stdout.split()
            elapsed, code = float(seconds), int(status)
            peak = int(maxrss) * (1 if sys.platform == "darwin" else 1024) / MEGABYTE  # bytes on macOS, else KiB
        if problem or code not in command.exits:
            output.seek(0)
            text = output.read().decode(errors="replace").strip()[-2000:]
            problem = problem or f"exited {code}"
            raise RuntimeError(f"{command.label} {problem} (in {folder}): {shown(command)}\n{text}")
    return Child(elapsed, code, peak)


def shown(command: Command) -> str:
    """The command as a person would type it from the corpus's folder."""
    names = {sys.executable: "python", str(REPO / SCHEMA): SCHEMA, os.devnull: os.devnull, FLOOR: '"$FLOOR"'}
    parts = []
    for part in command.argv:
        if part in names:
            parts.append(names[part])
        elif part == FILES:
            parts.append("FILES")
        elif os.path.isabs(part):
            parts.append(Path(part).name)  # a console script of this virtualenv
        else:
            parts.append(shlex.quote(part))
    return " ".join(parts)


def commands_for(tools: Tools) -> dict[str, Command]:
    python = sys.executable
    ok, findings = frozenset({0}), frozenset({0, 1})
    schema = str(REPO / SCHEMA)
    return {
        "exchange-lint": Command(
            "exchange-lint",
            (python, "-m", "exchange_lint", "check", NO_CACHE, FILES, "--format", "json", "-o", os.devnull),
            findings,
        ),
        "parse floor": Command("parse floor", (python, "-c", FLOOR, FILES), frozenset({0, PURE_FLOOR})),
        "import ruamel.yaml": Command("import ruamel.yaml", (python, "-c", "import ruamel.yaml"), ok),
        # The files are schema-valid by construction (validate() ran); exit 1 would be a disagreement.
        "check-jsonschema": Command("check-jsonschema", (tools.check_jsonschema, "--schemafile", schema, FILES), ok),
        "yamllint": Command("yamllint", (tools.yamllint, "-d", "relaxed", FILES), findings),
    }


@dataclass
class Corpus:
    """A generated set of files, and the targets its ratios should meet."""

    case: str
    folder: Path
    paths: list[Path]
    connectors: int
    versus_import: Target | None = None  # exchange-lint / import ruamel.yaml
    versus_floor: Target | None = None  # exchange-lint / parse floor
    versus_checker: Target | None = None  # check-jsonschema / exchange-lint
    memory: Target | None = None  # exchange-lint's peak RSS


def measure(corpus: Corpus, commands: Sequence[Command], repeat: int) -> list[list[Child]]:
    """Each command once untimed (.pyc files, OS cache), then `repeat` interleaved timed rounds."""
    files = relative_names(corpus.folder, corpus.paths)
    for command in commands:
        run_child(command, files, corpus.folder)
    runs: list[list[Child]] = [[] for _ in commands]
    for _ in range(repeat):  # interleaved, so a slow spell of the machine hits every command alike
        for command, samples in zip(commands, runs, strict=True):
            samples.append(run_child(command, files, corpus.folder))
    return runs


def exits_note(runs: Sequence[Child]) -> str:
    return f"exit {'/'.join(map(str, sorted({run.code for run in runs})))}"


def peak_note(runs: Sequence[Child]) -> str:
    peaks = [run.peak for run in runs if run.peak is not None]
    return f"peak RSS {statistics.median(peaks):.0f} MB" if peaks else "peak RSS unknown"


def corpus_rows(corpus: Corpus, commands: dict[str, Command], repeat: int) -> list[Row]:
    """Time every tool on the corpus; rows of medians, then the ratios against exchange-lint."""
    chosen = [name for name in commands if name != "import ruamel.yaml" or corpus.versus_import is not None]
    runs = dict(zip(chosen, measure(corpus, [commands[name] for name in chosen], repeat), strict=True))
    case = corpus.case
    size = sum(path.stat().st_size for path in corpus.paths)
    files = f"{len(corpus.paths)} file{'s' if len(corpus.paths) != 1 else ''}, {corpus.connectors} connectors"
    rows: dict[str, Row] = {}
    for name, samples in runs.items():
        codes = sorted({run.code for run in samples})
        note = f"exit {'/'.join(map(str, codes))}, {peak_note(samples)}"
        if name == "exchange-lint":
            note = f"{files}, {size / 1e6:.2f} MB; {note}"
        if name == "parse floor":
            loader = "PURE PYTHON (ruamel.yaml.clib not in use)" if PURE_FLOOR in codes else "C loader"
            note = f"{loader}, {peak_note(samples)}"
        if name == "yamllint":
            note = f"-d relaxed; {note}"
        rows[name] = Row(case, name, [run.seconds for run in samples], note=note)
    lint, floor, checker = rows["exchange-lint"], rows["parse floor"], rows["check-jsonschema"]
    result = list(rows.values())
    if "import ruamel.yaml" in rows:
        importing = rows["import ruamel.yaml"]
        result.append(ratio(case, "exchange-lint / import ruamel.yaml", lint, importing, target=corpus.versus_import))
    result.append(ratio(case, "exchange-lint / parse floor", lint, floor, target=corpus.versus_floor))
    result.append(ratio(case, "check-jsonschema / exchange-lint", checker, lint, target=corpus.versus_checker))
    result.append(ratio(case, "yamllint / exchange-lint", rows["yamllint"], lint, note="for information"))
    if corpus.memory is not None:
        peaks = [run.peak for run in runs["exchange-lint"] if run.peak is not None]
        result.append(Row(case, "exchange-lint peak RSS", peaks, unit="MB", target=corpus.memory))
    return result


def compare(tools: Tools, args: argparse.Namespace) -> tuple[list[Row], dict[str, str]]:
    """exchange-lint against the parse floor, check-jsonschema and yamllint on three corpora."""
    commands = commands_for(tools)
    per_file, count, large = args.file_connectors, args.files, args.connectors
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="exchange-lint-compare-") as name:
        root = Path(name)
        folders = {label: root / label for label in ("one", "many", "large")}
        for folder in folders.values():
            folder.mkdir()
        corpora = [
            Corpus(
                f"compare 1x{per_file}",
                folders["one"],
                write_small_organizations(folders["one"], 1, per_file, args.seed),
                per_file,
                versus_import=Target("<=", 2.0),
                versus_checker=Target(">=", 3.0),
            ),
            Corpus(
                f"compare {count}x{per_file}",
                folders["many"],
                write_small_organizations(folders["many"], count, per_file, args.seed),
                count * per_file,
                versus_floor=Target("<=", 1.5),
                versus_checker=Target(">=", 2.0),
            ),
            Corpus(
                f"compare 1x{large}",
                folders["large"],
                write_organization(folders["large"], large, args.seed, split=False),
                large,
                versus_floor=Target("<=", 2.0),
                memory=MEMORY_TARGET,
            ),
        ]
        for corpus in corpora:
            validate(corpus.folder, corpus.paths)
        for corpus in corpora:
            print(f"  {corpus.case} ...", file=sys.stderr, flush=True)
            rows += corpus_rows(corpus, commands, args.repeat)
    return rows, {name: shown(command) for name, command in commands.items()}


def command_list(commands: dict[str, str]) -> str:
    """The commands of the compare case, as run from each corpus's folder."""
    width = max(map(len, commands))
    lines = ["", "compare commands (run in the corpus's folder; FILES = its files, relative):"]
    lines += [f"  {name.ljust(width)}  {command}" for name, command in commands.items()]
    lines += ["  where FLOOR is:", *(f"    {line}" for line in FLOOR.splitlines())]
    return "\n".join(lines)


# --------------------------------------------------------------------------- pre-commit


def _git_repository(folder: Path) -> None:
    """`folder` as a git repository with everything in it committed, as a hook finds it."""
    for arguments in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "commit", "-qm", "files"],
    ):
        subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True)


def _edit(path: Path, number: int) -> None:
    """A change a commit makes: a comment line more (the file's organization stays the same)."""
    with path.open("a", encoding="utf-8") as stream:
        stream.write(f"# edit {number}\n")


def pre_commit(args: argparse.Namespace) -> list[Row]:
    """What a commit hook costs in a repository of many organization files when one changed:
    with the cache warm (after one run) against the same file alone, and the first run of all
    (no cache yet) against a run with the cache off, which is how every run went before it."""
    python, findings = sys.executable, frozenset({0, 1})
    check = (python, "-m", "exchange_lint", "check", FILES, "--format", "json", "-o", os.devnull)
    rows: list[Row] = []
    for count, target in PRE_COMMIT_SIZES:
        case = f"pre-commit {count}x{args.file_connectors}"
        print(f"  {case} ...", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix="exchange-lint-pre-commit-") as name:
            repository, alone = Path(name) / "repository", Path(name) / "alone"
            repository.mkdir()
            alone.mkdir()
            paths = write_small_organizations(repository, count, args.file_connectors, args.seed)
            changed = paths[PRE_COMMIT_FILE]
            shutil.copy(changed, alone / changed.name)
            for folder in (repository, alone):
                _git_repository(folder)
            files = [changed.name]
            cache = repository / ".exchange-lint-cache"
            commands = {
                "cold": Command("cold", check, findings),
                "warm": Command("warm", check, findings),
                "no cache": Command("no cache", (*check[:4], NO_CACHE, *check[4:]), findings),
            }
            samples: dict[str, list[Child]] = {label: [] for label in (*commands, "alone")}
            run_child(commands["cold"], files, repository)  # .pyc files, the OS file cache
            run_child(commands["warm"], files, alone)
            for number in range(args.repeat):  # interleaved, as everywhere
                _edit(changed, 2 * number)
                shutil.rmtree(cache, ignore_errors=True)
                samples["cold"].append(run_child(commands["cold"], files, repository))
                _edit(changed, 2 * number + 1)  # the next commit, after that warm-up run
                samples["warm"].append(run_child(commands["warm"], files, repository))
                samples["no cache"].append(run_child(commands["no cache"], files, repository))
                _edit(alone / changed.name, number)
                samples["alone"].append(run_child(commands["warm"], files, alone))
        note = f"{count} files of {args.file_connectors} connectors, one changed"
        labelled = {
            "cold": ("first run (no cache yet)", note),
            "no cache": (f"{NO_CACHE} (every run before the cache)", ""),
            "warm": ("one file changed, cache warm", ""),
            "alone": ("the same file alone", "a git repository of its own"),
        }
        made = {
            label: Row(
                case,
                metric,
                [run.seconds for run in samples[label]],
                note=f"{extra}{'; ' if extra else ''}{peak_note(samples[label])}",
            )
            for label, (metric, extra) in labelled.items()
        }
        rows += made.values()
        rows.append(ratio(case, "warm / alone", made["warm"], made["alone"], target=Target("<=", target)))
        rows.append(
            ratio(
                case,
                "first run / --no-cache",
                made["cold"],
                made["no cache"],
                "what the cache adds to a first run",
                Target("<=", 1.05),
            )
        )
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


def fmt(unit: str, value: float | None) -> str:
    if value is None:
        return "-"
    if unit == "x":
        return f"{value:.2f}x"
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:.3f} s"


def target_cell(row: Row) -> str:
    if row.target is None:
        return ""
    verdict = {True: "met", False: "NOT MET", None: "n/a"}[row.met]
    bound = f"{row.target.bound:g}{'x' if row.unit == 'x' else ' ' + row.unit}"
    return f"{row.target.op} {bound}: {verdict}"


def table(rows: Sequence[Row], repeat: int) -> str:
    """A plain-text table of medians, with the fastest sample and the target (if any) beside each."""
    header = ("case", "metric", f"median of {repeat}", "min", "target", "notes")
    body = [(r.case, r.metric, fmt(r.unit, r.median), fmt(r.unit, r.best), target_cell(r), r.note) for r in rows]
    widths = [max(len(line[column]) for line in (header, *body)) for column in range(5)]
    lines = []
    for line in (header, *body):
        cells = [line[0].ljust(widths[0]), line[1].ljust(widths[1]), line[2].rjust(widths[2])]
        cells += [line[3].rjust(widths[3]), line[4].ljust(widths[4])]
        lines.append("  ".join([*cells, line[5]]).rstrip())
    return "\n".join(lines)


def as_json(rows: Sequence[Row], args: argparse.Namespace, commands: dict[str, str]) -> str:
    results = [{**asdict(row), "median": row.median, "min": row.best, "met": row.met} for row in rows]
    settings = {
        "repeat": args.repeat,
        "connectors": args.connectors,
        "files": args.files,
        "file_connectors": args.file_connectors,
        "seed": args.seed,
    }
    document: dict[str, Any] = {"machine": machine(), "settings": settings, "results": results}
    if commands:
        document["commands"] = {**commands, "FLOOR": FLOOR}
    return json.dumps(document, indent=2)


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
        "--files",
        type=int,
        default=DEFAULT_FILES,
        metavar="N",
        help=f"compare: files in the many-files corpus (default {DEFAULT_FILES})",
    )
    parser.add_argument(
        "--file-connectors",
        type=int,
        default=DEFAULT_FILE_CONNECTORS,
        metavar="N",
        help=f"compare: connectors in each small file (default {DEFAULT_FILE_CONNECTORS})",
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, metavar="N", help=f"generator seed (default {DEFAULT_SEED})"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.sample < 2 or args.connectors < 500:
        parser.error("--repeat must be at least 1, --sample at least 2, --connectors at least 500")
    if args.files < 1 or args.file_connectors < 10:
        parser.error("--files must be at least 1, --file-connectors at least 10")
    if args.all_pairs and args.case and "routing-10k" not in args.case:
        parser.error("--all-pairs runs within the routing-10k case")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    cases = args.case or CASES
    try:  # before anything runs, so a missing tool does not cost a whole run
        tools = Tools.find() if "compare" in cases else None
    except MissingTool as error:
        print(f"bench/run.py: {error}", file=sys.stderr)
        return 2
    rows: list[Row] = []
    commands: dict[str, str] = {}
    for case in cases:
        if not args.json:
            print(f"running {case} ...", file=sys.stderr, flush=True)
        if case == "cold-start":
            rows += cold_start(args.repeat)
        elif case == "adversarial":
            rows += adversarial(args.repeat)
        elif case == "compare" and tools is not None:
            compared, commands = compare(tools, args)
            rows += compared
        elif case == "pre-commit":
            rows += pre_commit(args)
        elif case in MODERN_CASES:
            rows += modern(case, args)
        else:
            rows += routing(case, case.endswith("-split"), args)
    if args.json:
        print(as_json(rows, args, commands))
    else:
        info = machine()
        print(f"Python {info['python']} ({info['implementation']}), {info['cpus']} CPUs, {info['platform']}")
        print(table(rows, args.repeat))
        if commands:
            print(command_list(commands))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
