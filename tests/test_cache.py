"""The persistent cache never changes a result: after every kind of edit, and whatever state the
cache folder is in, a run with it reports byte for byte what a run without it reports."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from subprocess import PIPE

import pytest

from exchange_lint.cache import FOLDER, seal
from exchange_lint.cache import store as cache_module
from exchange_lint.load import load_bytes, read_source
from exchange_lint.report import FORMATS
from tests.conftest import DATA, REPO, RunCli

FILLERS = 36  # organizations of one file each: more than MIN_PARALLEL_FILES, so a cold run may fork
SCOPES: tuple[tuple[str, ...], ...] = ((), ("hq/branch.yaml",), ("contoso.yaml", "hq/hq.yaml"))


@pytest.fixture(autouse=True)
def own_user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The user's cache key lives in a folder of the test's own."""
    folder = tmp_path / "user-cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    yield folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project of several organizations: one spread over three files, broken files, many small ones."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    (root / "hq").mkdir()
    for name in ("sites.yaml", "hq.yaml", "branch.yaml"):
        shutil.copy(DATA / "multi" / name, root / "hq" / name)
    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", root / "contoso.yaml")
    (root / "broken").mkdir()
    for name in ("schema.yaml", "duplicate-key.yaml", "syntax.yaml"):
        text = (DATA / "broken" / name).read_text(encoding="utf-8")
        (root / "broken" / name).write_text(text.replace("Contoso", f"Broken {name}"), encoding="utf-8")
    fixed = (REPO / "examples" / "q169117-fixed.yaml").read_text(encoding="utf-8")
    for number in range(FILLERS):
        (root / f"filler-{number:02d}.yaml").write_text(
            fixed.replace("Contoso Fixed", f"Filler {number:02d}"), encoding="utf-8"
        )
    (root / "workflow.yaml").write_text("name: ci\non: [push]\n", encoding="utf-8")
    return root


def _outputs(run_cli: RunCli, root: Path, extra: tuple[str, ...] = ()) -> dict[tuple[str, ...], tuple[int, str, str]]:
    """Every format and scope, with the cache and without: (code, out, err) by (cache, format, scope...)."""
    seen = {}
    for scope in SCOPES:
        for fmt in FORMATS:
            for cached in (True, False):
                args = ["check", "--format", fmt, "--jobs", "1", *extra, *scope]
                result = run_cli(args if cached else [*args[:1], "--no-cache", *args[1:]], cwd=root)
                key = ("cache" if cached else "none", fmt, *scope)
                seen[key] = (result.code, result.out, result.err)
    return seen


def assert_cache_changes_nothing(run_cli: RunCli, root: Path, extra: tuple[str, ...] = ()) -> None:
    seen = _outputs(run_cli, root, extra)
    for key, outcome in seen.items():
        if key[0] == "cache":
            uncached = ("none", *key[1:])
            assert outcome == seen[uncached], f"{key[1:]}: the cache changed the result"
    assert any(code == 1 for code, _, _ in seen.values())  # the project does have findings


def _documents(root: Path) -> list[Path]:
    return sorted((root / FOLDER).glob("v*/documents/*"))


@pytest.mark.parametrize("racy", [cache_module.RACY_NANOSECONDS, 0])
def test_cached_and_uncached_output_agree_after_every_kind_of_edit(
    run_cli: RunCli, project: Path, racy: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`racy` 0 trusts a file's status at once (files written by the test are seconds old), so the
    status path is tested as well as the content path."""
    monkeypatch.setattr(cache_module, "RACY_NANOSECONDS", racy)
    assert_cache_changes_nothing(run_cli, project)  # the first run notes; the second keeps documents
    assert _documents(project), "linted twice, the files' documents are kept"
    assert_cache_changes_nothing(run_cli, project)  # and now reads them back

    hq = project / "hq" / "hq.yaml"
    hq.write_text(hq.read_text(encoding="utf-8").replace("SMTP:*;1", "SMTP:*;5"), encoding="utf-8")
    assert_cache_changes_nothing(run_cli, project)  # content

    (project / "hq" / "branch.yaml").rename(project / "hq" / "branch-office.yaml")
    shutil.copy(project / "filler-00.yaml", project / "hq" / "branch.yaml")
    assert_cache_changes_nothing(run_cli, project)  # a rename, and another file under the old name

    filler = project / "filler-01.yaml"  # its organization moves into Fabrikam's files
    filler.write_text(filler.read_text(encoding="utf-8").replace("Filler 01", "Fabrikam"), encoding="utf-8")
    assert_cache_changes_nothing(run_cli, project)
    sites = project / "hq" / "sites.yaml"  # and Fabrikam's sites move into another file
    (project / "hq" / "sites-moved.yaml").write_text(sites.read_text(encoding="utf-8"), encoding="utf-8")
    sites.write_text("# moved to sites-moved.yaml\n", encoding="utf-8")
    assert_cache_changes_nothing(run_cli, project)

    (project / ".exchange-lint.yaml").write_text("exclude: [broken/]\nmax-file-size: 4000\n", encoding="utf-8")
    assert_cache_changes_nothing(run_cli, project)  # configuration

    (project / "contoso.yaml").unlink()
    assert_cache_changes_nothing(run_cli, project)  # a file deleted


def test_a_plugin_installed_or_removed_changes_nothing_either(
    run_cli: RunCli, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert_cache_changes_nothing(run_cli, project)
    site = tmp_path / "site"
    (site / "acme_cache_rules").mkdir(parents=True)
    (site / "acme_cache_rules" / "__init__.py").write_text(
        textwrap.dedent(
            """
            from exchange_lint.findings import Severity
            from exchange_lint.rules import Problem, Rule, RuleDoc

            def every_connector(organization):
                for connector in organization.connectors:
                    yield Problem(f"house rule: '{connector.name}'", connector.location)

            RULE = Rule(id="ACME010", name="house-rule", severity=Severity.WARNING, summary="s",
                        doc=RuleDoc(what="w", why="y", example="", use_instead=""), check=every_connector)
            """
        ),
        encoding="utf-8",
    )
    info = site / "acme_cache_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-cache-rules\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[exchange_lint.rules]\nhouse = acme_cache_rules:RULE\n")
    monkeypatch.syspath_prepend(str(site))
    before = {path.parent.parent.name for path in _documents(project)}
    assert_cache_changes_nothing(run_cli, project)
    assert "ACME010" in run_cli(["check", "hq/branch.yaml"], cwd=project).out
    after = {path.parent.parent.name for path in _documents(project)}
    assert after - before, "a new set of plugins is a new namespace"


def test_a_warm_cache_parses_only_what_changed(run_cli: RunCli, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the cache is for: a commit's one changed file is the only one parsed, and the other
    organizations' files are not even read."""
    monkeypatch.setattr(cache_module, "RACY_NANOSECONDS", 0)
    parsed: list[str] = []
    real_load_bytes = load_bytes

    def counting(display: str, raw: bytes) -> object:
        parsed.append(display)
        return real_load_bytes(display, raw)

    monkeypatch.setattr("exchange_lint.gather.load_bytes", counting)
    for _ in range(2):
        run_cli(["check", "hq/branch.yaml"], cwd=project)
    parsed.clear()
    read: list[str] = []
    real_read_source = read_source

    def reading(path: Path, *rest: object) -> object:
        read.append(str(path))
        return real_read_source(path, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr("exchange_lint.gather.read_source", reading)
    run_cli(["check", "hq/branch.yaml"], cwd=project)
    assert parsed == []
    assert sorted(Path(name).name for name in read) == ["branch.yaml", "hq.yaml", "sites.yaml"]
    hq = project / "hq" / "hq.yaml"
    hq.write_text(hq.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    parsed.clear()
    run_cli(["check", "hq/branch.yaml"], cwd=project)
    assert parsed == ["hq/hq.yaml"]


def _corrupt_documents(root: Path) -> None:
    for path in _documents(root):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def _flip_index(root: Path) -> None:
    for path in (root / FOLDER).glob("v*/index"):
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        path.write_bytes(bytes(data))


def _garbage_everywhere(root: Path) -> None:
    for path in (root / FOLDER).glob("v*/**/*"):
        if path.is_file():
            path.write_bytes(os.urandom(64))


def _swapped_entries(root: Path) -> None:
    """Each document entry holds another file's (well sealed, but named for other content)."""
    paths = _documents(root)
    contents = [path.read_bytes() for path in paths]
    for path, data in zip(paths, contents[1:] + contents[:1], strict=True):
        path.write_bytes(data)


def _empty_files(root: Path) -> None:
    for path in (root / FOLDER).glob("v*/**/*"):
        if path.is_file():
            path.write_bytes(b"")


def _folders_for_files(root: Path) -> None:
    for path in _documents(root):
        path.unlink()
        path.mkdir()


class _Planted:
    """A pickle that would run a command when loaded by an unrestricted unpickler."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def _planted_code(root: Path) -> None:
    """Entries sealed with the user's own key (as if the attacker had it) that name a function."""
    secret = seal.secret()
    assert secret is not None
    for path in _documents(root):
        payload = pickle.dumps(_Planted(root / "PLANTED"), pickle.HIGHEST_PROTOCOL)
        checksum = seal.blake2b(payload, secret).digest()
        path.write_bytes(seal.MAGIC + checksum + payload)


@pytest.mark.parametrize(
    "damage",
    [
        _corrupt_documents,
        _flip_index,
        _garbage_everywhere,
        _swapped_entries,
        _empty_files,
        _folders_for_files,
        _planted_code,
    ],
)
def test_a_damaged_cache_is_ignored_and_rebuilt(run_cli: RunCli, project: Path, damage: object) -> None:
    assert callable(damage)
    for _ in range(2):
        run_cli(["check", "--jobs", "1"], cwd=project)
    assert _documents(project)
    damage(project)
    assert_cache_changes_nothing(run_cli, project)
    assert not (project / "PLANTED").exists(), "nothing in a cache file is ever run"
    for path in _documents(project):  # rebuilt: every entry there now is whole
        assert path.is_file() and path.read_bytes().startswith(seal.MAGIC)


def test_another_users_cache_is_foreign(
    run_cli: RunCli, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cache folder committed to a pull request or left by someone else is sealed with another key."""
    for _ in range(2):
        run_cli(["check", "--jobs", "1"], cwd=project)
    contoso = project / "contoso.yaml"
    contoso_key = seal.digest(contoso.read_bytes())
    entry = next(path for path in _documents(project) if path.name == contoso_key)
    clean = project / "clean.yaml"  # the entry of a clean file, put under the key of a bad one
    shutil.copy(REPO / "examples" / "q169117-fixed.yaml", clean)
    for _ in range(2):
        run_cli(["check", "--jobs", "1", "clean.yaml"], cwd=project)
    clean.unlink()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "someone-else"))
    assert_cache_changes_nothing(run_cli, project)
    assert entry.exists()
    assert "EXL101" in run_cli(["check", "contoso.yaml"], cwd=project).out


def test_a_cache_folder_that_is_a_link_or_a_file_is_not_used(run_cli: RunCli, project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (project / FOLDER).symlink_to(elsewhere)
    assert_cache_changes_nothing(run_cli, project)
    assert list(elsewhere.iterdir()) == [], "nothing is written through a link"
    (project / FOLDER).unlink()
    (project / FOLDER).write_text("not a folder\n", encoding="utf-8")
    assert_cache_changes_nothing(run_cli, project)
    assert (project / FOLDER).read_text(encoding="utf-8") == "not a folder\n"


def test_what_dead_runs_left_is_swept(run_cli: RunCli, project: Path) -> None:
    run_cli(["check"], cwd=project)
    namespace = next((project / FOLDER).glob("v*"))
    old = 1_000_000_000  # 2001: long before any run that could still be writing
    for path in (namespace / ".index.abc.tmp", namespace / "documents" / ".x.tmp", namespace / "documents" / "stray"):
        path.write_bytes(b"half")
        os.utime(path, (old, old))
    (namespace / "index.0123456789abcdef").write_bytes(b"a fragment a dead worker half wrote")
    assert_cache_changes_nothing(run_cli, project)
    names = {path.name for path in namespace.rglob("*")}
    assert not names & {".index.abc.tmp", ".x.tmp", "stray", "index.0123456789abcdef"}
    assert not [name for name in names if name.endswith(".tmp")]


def test_concurrent_runs_share_one_cache(project: Path, own_user_cache: Path) -> None:
    """Runs that overlap (two hooks, an editor and a commit) each report what they would alone."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": str(own_user_cache)}
    command = [sys.executable, "-m", "exchange_lint", "check", "--format", "json"]
    expected = {
        scope: subprocess.run([*command, "--no-cache", *scope], cwd=project, env=env, capture_output=True, check=False)
        for scope in SCOPES
    }
    for _ in range(2):
        running = [
            (scope, subprocess.Popen([*command, *scope], cwd=project, env=env, stdout=PIPE, stderr=PIPE))
            for scope in SCOPES * 3
        ]
        for scope, process in running:
            out, err = process.communicate(timeout=120)
            assert (process.returncode, out, err) == (
                expected[scope].returncode,
                expected[scope].stdout,
                expected[scope].stderr,
            ), scope
    namespace = next((project / FOLDER).glob("v*"))
    assert (namespace / "index").is_file()
    assert not [path for path in namespace.rglob("*.tmp")], "no temporary file stays behind"


def test_parallel_workers_fill_the_cache(run_cli: RunCli, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NANOSECONDS", 0)
    first = run_cli(["check", "--jobs", "2", "--format", "json"], cwd=project)
    namespace = next((project / FOLDER).glob("v*"))
    assert [path.name for path in namespace.glob("index*")] == ["index"], "the workers' fragments were folded in"
    parsed: list[str] = []
    real_load_bytes = load_bytes

    def counting(display: str, raw: bytes) -> object:
        parsed.append(display)
        return real_load_bytes(display, raw)

    monkeypatch.setattr("exchange_lint.gather.load_bytes", counting)
    again = run_cli(["check", "--jobs", "2", "--format", "json", "hq/branch.yaml"], cwd=project)
    assert sorted(parsed) == ["hq/branch.yaml", "hq/hq.yaml", "hq/sites.yaml"], "the rest placed by the cache"
    uncached = run_cli(["check", "--no-cache", "--format", "json", "hq/branch.yaml"], cwd=project)
    assert again == uncached and first.code == 1


class _Clock:
    """The cache's clock, moved on by a month whenever `later` is called."""

    def __init__(self) -> None:
        self.offset = 0

    def later(self) -> None:
        self.offset += cache_module.KEEP_SECONDS + 86_400

    def time(self) -> float:
        return time.time() + self.offset

    def time_ns(self) -> int:
        return time.time_ns() + self.offset * 1_000_000_000


def test_the_cache_does_not_grow_without_bound(run_cli: RunCli, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(cache_module, "time", clock)
    hq = project / "hq" / "hq.yaml"
    text = hq.read_text(encoding="utf-8")
    for number in range(6):
        hq.write_text(text + f"# edit {number}\n", encoding="utf-8")
        run_cli(["check", "hq/branch.yaml"], cwd=project)
        run_cli(["check", "hq/branch.yaml"], cwd=project)
        clock.later()
    names = {path.name for path in _documents(project)}
    current = {seal.digest(path.read_bytes()) for path in (project / "hq").iterdir()}
    assert names == current, "only documents of contents seen within KEEP_SECONDS stay"
    for number in range(cache_module.KEEP_NAMESPACES + 3):  # settings changed again and again
        (project / ".exchange-lint.yaml").write_text(f"max-file-size: {100_000 + number}\n", encoding="utf-8")
        run_cli(["check", "hq/branch.yaml"], cwd=project)
    assert len(list((project / FOLDER).glob("v*"))) == cache_module.KEEP_NAMESPACES


def test_no_cache_writes_nothing_and_cache_dir_moves_it(run_cli: RunCli, project: Path) -> None:
    run_cli(["check", "--no-cache"], cwd=project)
    assert not (project / FOLDER).exists()
    (project / ".exchange-lint.yaml").write_text("cache-dir: build/lint-cache\n", encoding="utf-8")
    run_cli(["check"], cwd=project)
    assert not (project / FOLDER).exists()
    folder = project / "build" / "lint-cache"
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (folder / "CACHEDIR.TAG").read_bytes().startswith(b"Signature: 8a477f597d28d172789f06886806bc55")
    assert list(folder.glob("v*/index"))


def test_git_sees_nothing_of_the_cache(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    shutil.copy(REPO / "examples" / "q169117-msmail-smtp.yaml", root / "contoso.yaml")
    assert run_cli(["check", "contoso.yaml"], cwd=root).code == 1
    assert (root / FOLDER).is_dir()
    status = subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=True)
    assert status.stdout == "?? contoso.yaml\n"


def test_an_edited_schema_gets_a_namespace_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A source checkout's schema sits outside the package: its edits must not reuse kept findings."""
    import exchange_lint.schema
    from exchange_lint.cache.namespace import namespace

    schema = tmp_path / "schema.json"
    schema.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(exchange_lint.schema, "schema_path", lambda: schema)
    before = namespace((), ())
    schema.write_text('{"type": "object"}', encoding="utf-8")
    assert namespace((), ()) != before
