"""Drive Red Hat's yaml-language-server (what VS Code's YAML extension runs) over stdio; for tests only.

The editor experience of the schema is what this server makes of it: its completion, hover and
diagnostics are asked here exactly as an editor asks them, with LSP JSON-RPC. The server (npm
`yaml-language-server`, pinned) is installed on first use, as the SARIF Multitool is
(tests/sarif_validation.py); when it cannot be installed or run, `ServerUnavailable` is raised:
a test that depends on it fails, it never silently passes.
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

from tests.npm_install import npm_install

SERVER_VERSION = "1.25.0"
SERVER_PACKAGE = "yaml-language-server"
INSTALL_TIMEOUT = 300  # seconds
ANSWER_TIMEOUT = 30  # seconds for one request's answer; the first (schema load) takes longest


class ServerUnavailable(RuntimeError):
    """The language server could not be installed or started: the check did not happen."""


def server_dir() -> Path:
    """Where the server is installed: $YAML_LANGUAGE_SERVER_DIR, else a cache folder of our own."""
    configured = os.environ.get("YAML_LANGUAGE_SERVER_DIR")
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "exchange-lint" / "yaml-language-server"


def _entry_point(base: Path) -> Path:
    return base / "node_modules" / SERVER_PACKAGE / "bin" / "yaml-language-server"


def _installed(base: Path) -> bool:
    try:
        manifest = json.loads((base / "node_modules" / SERVER_PACKAGE / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("version") == SERVER_VERSION and _entry_point(base).is_file()


def ensure_server() -> Path:
    """The server's entry point, installing it once (a file lock keeps parallel runs apart)."""
    base = server_dir()
    if not _installed(base):
        base.mkdir(parents=True, exist_ok=True)
        with open(base / ".install.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not _installed(base):
                _npm_install(base)
            if not _installed(base):
                raise ServerUnavailable(f"npm ran but {base} holds no {SERVER_PACKAGE} {SERVER_VERSION}")
    return _entry_point(base)


def _npm_install(base: Path) -> None:
    npm_install(base, f"{SERVER_PACKAGE}@{SERVER_VERSION}", SERVER_PACKAGE, ServerUnavailable, INSTALL_TIMEOUT)


def _settings(section: str | None) -> Any:
    """What the client answers to `workspace/configuration`: YAML checks on, schemas from modelines."""
    if section == "yaml":
        return {
            "validate": True,
            "hover": True,
            "completion": True,
            "format": {"enable": False},
            "schemaStore": {"enable": False},
            "disableDefaultProperties": False,
        }
    if section == "http":
        return {"proxy": "", "proxyStrictSSL": True}
    if section == "[yaml]":
        return {"editor.tabSize": 2}
    if section == "editor":
        return {"tabSize": 2}
    return None


class LanguageServer:
    """One running server process; documents are opened with a `$schema` modeline naming our schema."""

    def __init__(self, schema: Path) -> None:
        node = shutil.which("node")
        if node is None:
            raise ServerUnavailable("node is not installed: cannot run yaml-language-server")
        self.schema_uri = schema.resolve().as_uri()
        try:
            self.process = subprocess.Popen(
                [node, str(ensure_server()), "--stdio"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError as error:
            raise ServerUnavailable(f"yaml-language-server did not start: {error}") from error
        self.answers: dict[int, queue.Queue[Any]] = {}
        self.diagnostics: dict[str, queue.Queue[list[dict[str, Any]]]] = {}
        self.lock = threading.Lock()
        self.next_id = 0
        self.versions: dict[str, int] = {}
        self.reader = threading.Thread(target=self._read_loop, daemon=True)
        self.reader.start()
        self.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": _CAPABILITIES})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": _settings("yaml")}})

    # -- JSON-RPC --------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self.process.stdin
        assert stdin is not None
        with self.lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any) -> Any:
        with self.lock:
            self.next_id += 1
            number = self.next_id
            self.answers[number] = queue.Queue()
        self._send({"id": number, "method": method, "params": params})
        try:
            answer = self.answers[number].get(timeout=ANSWER_TIMEOUT)
        except queue.Empty:
            raise ServerUnavailable(f"yaml-language-server did not answer {method} in {ANSWER_TIMEOUT} s") from None
        if "error" in answer:
            raise ServerUnavailable(f"yaml-language-server failed {method}: {answer['error']}")
        return answer.get("result")

    def _read_loop(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            message = _read_message(stdout)
            if message is None:
                return
            if "id" in message and "method" in message:
                self._answer_server(message)
            elif "id" in message:
                box = self.answers.get(message["id"])
                if box is not None:
                    box.put(message)
            elif message.get("method") == "textDocument/publishDiagnostics":
                params = message["params"]
                self._diagnostics_box(params["uri"]).put(params["diagnostics"])

    def _answer_server(self, message: dict[str, Any]) -> None:
        """The server asks the client for settings and to register capabilities: answer as an editor would."""
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [_settings(item.get("section")) for item in message["params"]["items"]]
        self._send({"id": message["id"], "result": result})

    def _diagnostics_box(self, uri: str) -> queue.Queue[list[dict[str, Any]]]:
        with self.lock:
            return self.diagnostics.setdefault(uri, queue.Queue())

    # -- what an editor does ---------------------------------------------------------------

    def open(self, name: str, text: str) -> str:
        """Open (or replace) a document named `name` whose first line points at our schema; its URI."""
        uri = f"file:///exchange-lint-tests/{name}"
        source = f"# yaml-language-server: $schema={self.schema_uri}\n{text}"
        version = self.versions.get(uri, 0) + 1
        self.versions[uri] = version
        box = self._diagnostics_box(uri)
        while not box.empty():
            box.get_nowait()
        if version == 1:
            item = {"uri": uri, "languageId": "yaml", "version": version, "text": source}
            self.notify("textDocument/didOpen", {"textDocument": item})
        else:
            self.notify(
                "textDocument/didChange",
                {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": source}]},
            )
        return uri

    def diagnostics_of(self, uri: str) -> list[dict[str, Any]]:
        """The diagnostics the server publishes for the document's current text."""
        try:
            return self._diagnostics_box(uri).get(timeout=ANSWER_TIMEOUT)
        except queue.Empty:
            raise ServerUnavailable(f"no diagnostics for {uri} in {ANSWER_TIMEOUT} s") from None

    def completion(self, uri: str, line: int, character: int) -> list[dict[str, Any]]:
        """Completion items at a 0-based position of the document text (the modeline not counted)."""
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line + 1, "character": character}},
        )
        items = result.get("items", []) if isinstance(result, dict) else result or []
        return list(items)

    def hover(self, uri: str, line: int, character: int) -> str:
        """The hover text at a 0-based position of the document text (the modeline not counted)."""
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line + 1, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        return str(contents["value"] if isinstance(contents, dict) else contents)

    def close(self) -> None:
        try:
            self.request("shutdown", None)
            self.notify("exit", None)
            self.process.wait(timeout=5)
        except (ServerUnavailable, OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        finally:
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()


_CAPABILITIES = {
    "textDocument": {
        "completion": {"completionItem": {"snippetSupport": True, "documentationFormat": ["markdown", "plaintext"]}},
        "hover": {"contentFormat": ["markdown", "plaintext"]},
        "publishDiagnostics": {"relatedInformation": True},
    },
    "workspace": {"configuration": True, "didChangeConfiguration": {"dynamicRegistration": True}},
}


def _read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """One LSP message (Content-Length framed), or None when the server has gone."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    if length is None:
        return None
    body = stream.read(length)
    message: dict[str, Any] = json.loads(body)
    return message


def wait_until(predicate: Any, timeout: float = ANSWER_TIMEOUT) -> None:
    """Poll until `predicate()` is true (the server works asynchronously)."""
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise ServerUnavailable("the server did not settle in time")
        time.sleep(0.05)
