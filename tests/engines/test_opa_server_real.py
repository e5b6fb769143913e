"""The opa-server engine against a real `opa run --server`, whatever the server holds.

Each test starts its own server from the real OPA binary (conftest.real_opa; skipped
without one, failed under CI), so the states it sets up cannot leak into other tests:
a server holding an older revision of the rules, policies of others beside rolegate's,
a server restarted between two checks, a server serving `rolegate bundle` output, and
the faults only a real server shows (its compile errors, a deletion it refuses).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from opa_process import RealOpaServer, running_opa

from checker.engines import EngineSettings, load_engine
from checker.engines.opa_push import wanted_modules
from checker.policy.bundle import revision, write_bundle
from checker.policy.policyset import PolicySet, RegoFile, builtin_policy_dir, load_policy_set

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
POLICIES = load_policy_set()
EXAMPLE, INCIDENT = str(FIXTURES / "example"), str(FIXTURES / "incident")
RETIRED_LIBRARY = "package rolegate.lib.retired\n\nimport rego.v1\n\nold(x) := x\n"
RETIRED_CALLER = (
    "package rolegate.rules.retired.caller\n\nimport rego.v1\n\n"
    "import data.rolegate.lib.retired\n\nfindings := {retired.old(1)}\n"
)


def older_revision(policies: PolicySet) -> PolicySet:
    """The rules as an older rolegate had them: lib.fingerprint's function under another
    name (and main calling that), plus a library and its caller since retired. Deleted
    in path order, the library would go before its caller; uploaded over in place, the
    new lib.fingerprint would break the old main.rego."""
    files = [
        replace(
            rego,
            text=rego.text.replace("\nkey(rule, finding)", "\nkey_v0(rule, finding)").replace(
                "fingerprint.key(", "fingerprint.key_v0("
            ),
        )
        for rego in policies.files
    ]
    builtin = builtin_policy_dir() / "rolegate"
    retired = {"lib/retired.rego": RETIRED_LIBRARY, "rules/retired/caller.rego": RETIRED_CALLER}
    for inside, text in retired.items():
        files.append(RegoFile(builtin / inside, f"policies/rolegate/{inside}", text))
    return PolicySet(tuple(files), policies.rules)


@pytest.fixture
def server(real_opa: str) -> Iterator[RealOpaServer]:
    with running_opa(real_opa) as started:
        yield started


def _check(cli: Cli, path: str, *options: str) -> CliResult:
    return cli("check", "--now", NOW, *options, path)


def _on_server(cli: Cli, url: str, path: str, *options: str) -> CliResult:
    return _check(cli, path, "--engine", "opa-server", "--opa-url", url, *options)


def _request(method: str, url: str, body: str | None = None) -> dict[str, object]:
    data = body.encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(url, data, method=method)) as answer:
        text = answer.read()
    return json.loads(text) if text else {}


def _policy_ids(url: str) -> set[str]:
    return {str(p["id"]) for p in _request("GET", f"{url}/v1/policies")["result"]}  # type: ignore[union-attr]


def test_a_server_holding_an_older_revision_is_brought_up_to_date(
    cli: Cli, server: RealOpaServer
) -> None:
    old = older_revision(POLICIES)
    load_engine("opa-server", old, EngineSettings(opa_url=server.url))
    assert _policy_ids(server.url) == set(wanted_modules(old))
    # A policy of others still calling the old function: the server refuses the deletion.
    caller = 'package acme\n\nk := data.rolegate.lib.fingerprint.key_v0("r", {})\n'
    _request("PUT", f"{server.url}/v1/policies/acme.rego", caller)
    assert _on_server(cli, server.url, INCIDENT) == (
        2,
        "",
        f"rolegate: error: OPA server {server.url}: uploading the policies: deleting the "
        "server's policy 'rolegate/rolegate/lib/fingerprint.rego': error(s) occurred while "
        "compiling module(s)\n",
    )
    _request("DELETE", f"{server.url}/v1/policies/acme.rego")
    assert _on_server(cli, server.url, INCIDENT) == _check(cli, INCIDENT)
    assert _policy_ids(server.url) == set(wanted_modules(POLICIES))


def test_policies_of_others_and_a_restart_between_checks(cli: Cli, server: RealOpaServer) -> None:
    _request("PUT", f"{server.url}/v1/policies/authz.rego", "package authz\n\nallow := true\n")
    _request("PUT", f"{server.url}/v1/policies/acme/m.rego", "package rolegate.main\n\nx := 1\n")
    assert _on_server(cli, server.url, EXAMPLE) == (
        2,
        "",
        f"rolegate: error: OPA server {server.url}: uploading the policies: the server holds "
        "'acme/m.rego' (package rolegate.main), inside data.rolegate but not pushed by "
        "rolegate; if the server serves `rolegate bundle` output, pass --opa-preloaded, "
        "else delete that policy from the server\n",
    )
    _request("DELETE", f"{server.url}/v1/policies/acme/m.rego")
    assert _on_server(cli, server.url, EXAMPLE) == _check(cli, EXAMPLE)
    assert "authz.rego" in _policy_ids(server.url)
    server.stop()
    server.start()  # the same port, nothing loaded
    assert _policy_ids(server.url) == set()
    assert _on_server(cli, server.url, INCIDENT) == _check(cli, INCIDENT)


def test_a_compile_error_is_the_servers_own_with_module_and_line(
    cli: Cli, server: RealOpaServer, tmp_path: Path
) -> None:
    rule = tmp_path / "pack" / "bad.rego"
    rule.parent.mkdir()
    rule.write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: TST-001\n"
        "#   severity: low\n#   subject: role\n#   controls: [X-1]\n"
        "#   remediation: r\npackage rolegate.rules.test.bad\n\nimport rego.v1\n\n"
        "findings contains data.rolegate.lib.model.no_such_function(1) if true\n"
    )
    code, out, err = _on_server(cli, server.url, EXAMPLE, "--policy", str(rule.parent))
    assert (code, out) == (2, "")
    assert err == (
        f"rolegate: error: OPA server {server.url}: uploading the policies: "
        "rolegate/packs/01-bad.rego:14:19: undefined function "
        "data.rolegate.lib.model.no_such_function\n"
    )


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bundle") / "rolegate-bundle.tar.gz"
    write_bundle(POLICIES, path)
    return path


def test_a_served_bundle_decides_with_opa_preloaded(cli: Cli, real_opa: str, bundle: Path) -> None:
    with running_opa(real_opa, "--bundle", str(bundle)) as served:
        for path in (EXAMPLE, INCIDENT):
            assert _on_server(cli, served.url, path, "--opa-preloaded") == _check(cli, path)
        code, out, err = _on_server(cli, served.url, EXAMPLE)
    assert (code, out) == (2, "")
    assert err == (
        f"rolegate: error: OPA server {served.url}: uploading the policies: the server holds "
        f"'{bundle}/rolegate/diff.rego' (package rolegate.diff), '{bundle}/rolegate/lib/"
        f"access.rego' (package rolegate.lib.access), '{bundle}/rolegate/lib/base.rego' "
        f"(package rolegate.lib.base) and {len(POLICIES.files) - 3} more, inside data.rolegate "
        "but not pushed by rolegate; if the server serves `rolegate bundle` output, pass "
        "--opa-preloaded, else delete those policies from the server\n"
    )


def test_a_served_bundle_of_another_revision_is_refused(
    cli: Cli, real_opa: str, tmp_path: Path
) -> None:
    old = older_revision(POLICIES)
    write_bundle(old, tmp_path / "old.tar.gz")
    with running_opa(real_opa, "--bundle", str(tmp_path / "old.tar.gz")) as served:
        assert _on_server(cli, served.url, EXAMPLE, "--opa-preloaded") == (
            2,
            "",
            f"rolegate: error: OPA server {served.url} serves bundle revision "
            f"{revision(old)}, but this rolegate's is {revision(POLICIES)}; load `rolegate "
            "bundle` output there, or drop --opa-preloaded to push the policies\n",
        )
