"""`rolegate bundle` with a custom pack: roots that cover its packages, loaded by real OPA."""

from __future__ import annotations

import json
import socket
import subprocess
import tarfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.errors import GateError
from checker.policy.bundle import roots
from checker.policy.packs import RegoFile
from checker.policy.policyset import PolicySet

from conftest import NOW, CliResult
from rulepack import helper_pack, write

Cli = Callable[..., CliResult]
CASE = ("fixtures/rules/LP-001/good", "fixtures/rules/_base")

pytestmark = pytest.mark.usefixtures("in_root")


@pytest.fixture
def bundle(cli: Cli, tmp_path: Path) -> tuple[Path, Path]:
    """A bundle of the built-in rules and the helper-library pack, and an input for it."""
    pack = helper_pack(tmp_path / "pack", reader="a_owner")
    out, emitted = tmp_path / "bundle.tar.gz", tmp_path / "input.json"
    assert cli("bundle", "-o", str(out), "--policy", str(pack))[0] == 0
    cli("check", "--now", NOW, "--emit-input", str(emitted), "--policy", str(pack), *CASE)
    return out, emitted


def _rules(decision: dict[str, list[dict[str, str]]]) -> list[str]:
    return sorted(finding["rule"] for finding in decision["findings"])


def test_the_roots_cover_every_package(bundle: tuple[Path, Path]) -> None:
    with tarfile.open(bundle[0]) as archive:
        manifest = json.load(archive.extractfile(".manifest"))  # type: ignore[arg-type]
    assert manifest["roots"] == ["acme", "rolegate"]


def test_opa_eval_loads_the_bundle_and_decides(bundle: tuple[Path, Path], real_opa: str) -> None:
    command = [real_opa, "eval", "--bundle", str(bundle[0]), "--input", str(bundle[1])]
    answer = subprocess.run(
        [*command, "-f", "json", "data.rolegate.main.decision"], text=True, capture_output=True
    )
    assert answer.stderr == ""
    decision = json.loads(answer.stdout)["result"][0]["expressions"][0]["value"]
    assert _rules(decision) == ["ACME-011"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(bundle: tuple[Path, Path], real_opa: str) -> Iterator[str]:
    """`opa run --server --bundle` on a loopback port; its URL once it is ready."""
    url = f"127.0.0.1:{_free_port()}"
    command = [real_opa, "run", "--server", "--addr", url, "--bundle", str(bundle[0])]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):  # until the bundle is active, or the server stops
            if server.poll() is not None:
                pytest.fail(f"opa run stopped: {server.stderr.read().decode()}")  # type: ignore[union-attr]
            try:
                urllib.request.urlopen(f"http://{url}/health?bundles", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.05)
        yield f"http://{url}"
    finally:
        server.terminate()
        server.communicate()  # waits, and closes the pipe


def test_opa_server_serves_the_bundle(served: str, bundle: tuple[Path, Path]) -> None:
    body = json.dumps({"input": json.loads(bundle[1].read_text())}).encode()
    request = urllib.request.Request(f"{served}/v1/data/rolegate/main/decision", data=body)
    with urllib.request.urlopen(request, timeout=30) as response:
        assert _rules(json.load(response)["result"]) == ["ACME-011"]


def test_a_pack_that_does_not_compile_writes_no_bundle(cli: Cli, tmp_path: Path) -> None:
    pack = helper_pack(tmp_path / "pack", reader="a_owner")
    write(pack, "acme/lib.rego", "package acme.lib\n\nimport rego.v1\n\nowner := \n")
    out = tmp_path / "bundle.tar.gz"
    code, stdout, err = cli("bundle", "-o", str(out), "--policy", str(pack))
    assert (code, stdout) == (2, "")
    assert err.startswith("rolegate: error: policy does not compile: ")
    assert not out.exists()


def test_a_file_without_a_package_has_no_root() -> None:
    rego = RegoFile(Path("x.rego"), "x.rego", "# package acme\nimport rego.v1\n")
    with pytest.raises(GateError, match=r"^x\.rego: no package statement; "):
        roots(PolicySet((rego,), rules=()))
