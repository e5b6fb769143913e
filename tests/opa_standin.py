"""Stand-ins for OPA in tests, evaluating with real OPA code (opa-golib-python-bindings).

``StandinServer`` speaks the part of OPA's REST API that rolegate's opa-server engine
uses — GET /v1/policies and GET/PUT/DELETE /v1/policies/ID, GET/PUT/POST /v1/data — and
can inject faults. It is for faults a real server cannot easily produce (500s, garbage,
slowness, a refused token); what a real server does with uploads is tested against one
(tests/engines/test_opa_server_real.py).
``OPA_SCRIPT`` is an executable ``opa`` with ``version`` and ``eval --bundle --input
--format json``. Neither is OPA's server or CLI; both run OPA's Go evaluator, so a
decision that passes through them is OPA's decision. Both refuse to evaluate unless
rolegate asks for strict builtin errors (``--strict-builtin-errors``, the
``strict-builtin-errors`` query parameter), which OPA's evaluator here cannot apply itself.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from opa_bindings.engine import OpaEngine, OpaError

_ERROR_LOCATION = re.compile(r"(?P<file>[^\s:]+):(?P<row>\d+): (?P<code>\w+): (?P<message>.+)")


def opa_errors(error: OpaError) -> list[dict[str, Any]]:
    """OPA's error list, as its REST API and CLI report them."""
    found = []
    for match in _ERROR_LOCATION.finditer(error.message):
        found.append(
            {
                "code": match["code"],
                "message": match["message"].strip(),
                "location": {"file": match["file"], "row": int(match["row"]), "col": 1},
            }
        )
    return found or [{"code": error.code, "message": error.message}]


def build_engine(policies: dict[str, str], data: dict[str, Any]) -> OpaEngine:
    """A compiled engine; raises OpaError when the policies do not compile."""
    engine = OpaEngine()
    for name, text in sorted(policies.items()):
        engine.add_policy(name, text)
    engine.add_data(data)
    engine.eval_query("x := 1")  # forces compilation
    return engine


class _State:
    def __init__(self, fault: str, token: str | None, delay: float) -> None:
        self.fault, self.token, self.delay = fault, token, delay
        self.policies: dict[str, str] = {}
        self.data: dict[str, Any] = {}
        self.requests: list[str] = []
        self.bodies: list[bytes] = []
        self._engine: tuple[str, OpaEngine] | None = None
        self.parser = OpaEngine()  # parse-checks each uploaded module

    def engine(self) -> OpaEngine:
        """The compiled engine for the current policies and data, rebuilt when they change."""
        key = json.dumps([self.policies, self.data], sort_keys=True)
        if self._engine is None or self._engine[0] != key:
            self._engine = (key, build_engine(self.policies, self.data))
        return self._engine[1]


def _set(data: dict[str, Any], path: list[str], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _get(data: Any, path: list[str]) -> Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _module(name: str, text: str) -> dict[str, Any]:
    """A policy as OPA lists it: id, text, and of its AST the package path."""
    package = re.search(r"^package\s+([\w.]+)", text, re.M)
    parts = package.group(1).split(".") if package else []
    path = [{"type": "var", "value": "data"}] + [{"type": "string", "value": p} for p in parts]
    return {"id": name, "raw": text, "ast": {"package": {"path": path}}}


class _Handler(BaseHTTPRequestHandler):
    state: _State

    def log_message(self, *args: Any) -> None:  # keep test output clean
        pass

    def _reply(self, status: int, body: Any) -> None:
        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _guard(self) -> bool:
        """Faults and authentication; True when the request was answered here."""
        state = self.state
        state.requests.append(f"{self.command} {self.path}")
        if state.token and self.headers.get("Authorization") != f"Bearer {state.token}":
            self._reply(401, {"code": "unauthorized", "message": "missing or bad token"})
            return True
        if state.fault == "slow":
            time.sleep(state.delay)
        if state.fault == "500":
            self._reply(500, {"code": "internal_error", "message": "boom"})
            return True
        return False

    def do_GET(self) -> None:
        if self._guard():
            return
        if self.state.fault == "garbage":
            self._reply(200, b"<html>upstream proxy error</html>")
            return
        if self.path.rstrip("/") == "/v1/policies":
            modules = [_module(name, text) for name, text in self.state.policies.items()]
            self._reply(200, {"result": modules})
        elif self.path.startswith("/v1/policies/"):
            name = self.path.removeprefix("/v1/policies/")
            text = self.state.policies.get(name)
            if text is None:
                self._reply(404, {"code": "resource_not_found", "message": "storage_not_found"})
            else:
                self._reply(200, {"result": _module(name, text)})
        else:
            value = _get(self.state.data, self.path.removeprefix("/v1/data/").split("/"))
            self._reply(200, {} if value is None else {"result": value})

    def do_DELETE(self) -> None:
        if not self._guard():
            self.state.policies.pop(self.path.removeprefix("/v1/policies/"), None)
            self._reply(200, {})

    def do_PUT(self) -> None:
        body = self._body()
        if self._guard():
            return
        if self.path.startswith("/v1/policies/"):
            self._put_policy(self.path.removeprefix("/v1/policies/"), body.decode())
        else:
            _set(self.state.data, self.path.removeprefix("/v1/data/").split("/"), json.loads(body))
            self.send_response(204)  # OPA answers a data write with 204 No Content
            self.end_headers()

    def _put_policy(self, name: str, text: str) -> None:
        """Parse-checks the module (OPA would also compile the set; the first query does)."""
        if self.state.fault == "reject":
            text = text + "\nbroken := {\n"
        try:
            self.state.parser.add_policy(name, text)
        except OpaError as error:
            errors = opa_errors(error)
            message = "error(s) occurred while compiling module(s)"
            self._reply(400, {"code": "invalid_parameter", "message": message, "errors": errors})
            return
        self.state.policies = {**self.state.policies, name: text}
        self._reply(200, {})

    def do_POST(self) -> None:
        body = self._body()
        self.state.bodies.append(body)
        if self._guard():
            return
        if self.state.fault == "empty":
            self._reply(200, {})
            return
        if self.state.fault == "malformed":
            self._reply(200, b'{"result": {"findings": [')
            return
        path, _, query_string = self.path.partition("?")
        if "strict-builtin-errors=true" not in query_string.lower():
            self._reply(400, {"code": "invalid_parameter", "message": "stand-in: not strict"})
            return
        query = "data." + path.removeprefix("/v1/data/").replace("/", ".")
        try:
            result = self.state.engine().eval_query(f"x := {query}", json.loads(body).get("input"))
        except OpaError as error:
            self._reply(500, {"code": "internal_error", "message": error.message})
            return
        self._reply(200, {"result": result[0]["x"]} if result else {})


class _QuietServer(ThreadingHTTPServer):
    """A request whose client already gave up (a timeout test) fails as it answers, in a
    thread that can outlive its test; record it instead of printing a traceback into
    whichever test's output is being captured then."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        self.failed_requests = getattr(self, "failed_requests", 0) + 1


@contextmanager
def standin_server(
    fault: str = "none", *, token: str | None = None, delay: float = 0.0
) -> Iterator[tuple[str, _State]]:
    """A server on 127.0.0.1 (a free port), yielding its URL and its recorded state."""
    state = _State(fault, token, delay)
    handler = type("Handler", (_Handler,), {"state": state})
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()


OPA_SCRIPT = f"""#!{sys.executable}
# Stand-in `opa` for rolegate's tests: `version` and `eval`, evaluating with OPA's Go code.
import json, os, sys, tarfile
sys.path.insert(0, {str(Path(__file__).parent)!r})
from opa_standin import build_engine, opa_errors
from opa_bindings.engine import OpaError

args = sys.argv[1:]
if args[:1] == ["version"]:
    print("Version: " + os.environ.get("STANDIN_OPA_VERSION", "1.20.2"))
    sys.exit(0)
# OPA's own evaluator here cannot make builtin errors fatal; the stand-in insists that
# rolegate asks for it, as real OPA needs it asked.
if "--strict-builtin-errors" not in args:
    print(json.dumps({{"errors": [{{"message": "stand-in: no --strict-builtin-errors"}}]}}))
    sys.exit(1)
args = [a for a in args if a != "--strict-builtin-errors"]
options = dict(zip(args[1:-1:2], args[2:-1:2]))
policies, data = {{}}, {{}}
with tarfile.open(options["--bundle"]) as bundle:
    for member in bundle.getmembers():
        text = bundle.extractfile(member).read().decode()
        if member.name.endswith(".rego"):
            policies[member.name] = text
        elif member.name.endswith("data.json"):
            data = json.loads(text)
try:
    engine = build_engine(policies, data)
    result = engine.eval_query("x := " + args[-1], json.load(open(options["--input"])))
except OpaError as error:
    print(json.dumps({{"errors": opa_errors(error)}}))
    sys.exit(1)
if not result:
    print("{{}}")
else:
    value = result[0]["x"]
    print(json.dumps({{"result": [{{"expressions": [{{"value": value, "text": args[-1]}}]}}]}}))
"""
