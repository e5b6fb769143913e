"""The opa and opa-server engines: wiring, identical decisions, and failing closed.

OPA here is mostly the stand-in of tests/opa_standin.py (OPA's Go evaluator behind a small
HTTP server and an `opa` script), for wiring and the faults a real server cannot easily
produce. Whenever a real OPA binary is found (conftest.real_opa_binary) every fixture is
also decided by it and by a real server (ROLEGATE_OPA_URL, else one started from the
binary); without one those tests skip, and under CI they fail.
"""

from __future__ import annotations

import functools
import json
import stat
import tarfile
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest

from checker.authoring.cases import EXPECT_FILE, load_case
from checker.check import CheckOptions, LoadedPolicies, load_policies, run_check
from checker.engines import EngineSettings
from checker.policy.bundle import revision, write_bundle
from checker.policy.policyset import load_policy_set

from conftest import FIXTURES, CliResult

opa_standin = pytest.importorskip("opa_standin", reason="OPA reference not installed")

Cli = Callable[..., CliResult]
NOW = datetime(2026, 11, 28, tzinfo=timezone.utc)
POLICIES = load_policy_set()
REPOS = [(FIXTURES / "example",), (FIXTURES / "incident",)] + [
    (p.parent, *load_case(p).includes) for p in sorted(FIXTURES.glob(f"rules/*/*/{EXPECT_FILE}"))
]
# Every fixture decides identically on OPA's evaluator in test_opa_reference.py; through
# the stand-ins (which compile per call) the wiring is proven on the two whole repos.
STANDIN_REPOS = REPOS[:2]


@pytest.fixture(scope="module")
def opa_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bin") / "opa"
    path.write_text(opa_standin.OPA_SCRIPT)
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with opa_standin.standin_server() as (url, _):
        yield url


def _options(paths: tuple[Path, ...], engine: str, settings: EngineSettings) -> CheckOptions:
    root = paths[0] if paths else FIXTURES
    return CheckOptions(paths=paths, now=NOW, root=root, engine=engine, engine_settings=settings)


def _decisions(
    paths: tuple[Path, ...],
    engine: str,
    settings: EngineSettings,
    loaded: LoadedPolicies | None = None,
) -> object:
    report = run_check(_options(paths, engine, settings), loaded=loaded)
    return report.findings, report.rules


@pytest.mark.parametrize("paths", STANDIN_REPOS, ids=["example", "incident"])
def test_all_engines_decide_the_same(paths: tuple[Path, ...], opa_bin: Path, server: str) -> None:
    embedded = _decisions(paths, "embedded", EngineSettings())
    assert _decisions(paths, "opa", EngineSettings(opa_bin=str(opa_bin))) == embedded
    assert _decisions(paths, "opa-server", EngineSettings(opa_url=server)) == embedded


def _differing(engine: str, settings: EngineSettings) -> list[str]:
    """The fixtures ``engine`` decides otherwise than the embedded engine, each engine
    loading the policies once (a check per fixture would compile them a hundred times)."""
    real = load_policies(_options((), engine, settings))
    return [
        paths[0].relative_to(FIXTURES).as_posix()
        for paths in REPOS
        if _decisions(paths, engine, settings, real) != _embedded_decisions(paths)
    ]


@functools.cache
def _embedded_decisions(paths: tuple[Path, ...]) -> object:
    settings = EngineSettings()
    return _decisions(paths, "embedded", settings, _embedded_policies())


@functools.cache
def _embedded_policies() -> LoadedPolicies:
    return load_policies(_options((), "embedded", EngineSettings()))


def test_real_opa_binary_decides_every_fixture_the_same(real_opa: str) -> None:
    assert _differing("opa", EngineSettings(opa_bin=real_opa)) == []


def test_real_opa_server_decides_every_fixture_the_same(real_opa_server: str) -> None:
    assert _differing("opa-server", EngineSettings(opa_url=real_opa_server)) == []


def test_bundle_layout_and_reproducibility(tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "rolegate-bundle.tar.gz"
    assert cli("bundle", "-o", str(out)) == (
        0,
        f"wrote {out} (revision {revision(POLICIES)})\n",
        "",
    )
    with tarfile.open(out) as bundle:
        names = bundle.getnames()
        manifest = json.load(bundle.extractfile(".manifest"))  # type: ignore[arg-type]
        data = json.load(bundle.extractfile("data.json"))  # type: ignore[arg-type]
    assert manifest == {"revision": revision(POLICIES), "roots": ["rolegate"], "rego_version": 1}
    assert "rolegate/main.rego" in names
    assert "rolegate/rules/least_privilege/wildcard_grant.rego" in names
    assert not any(name.endswith("_test.rego") for name in names)
    assert set(data["rolegate"]["rule_index"]) == {rule.id for rule in POLICIES.rules}
    assert data["rolegate"]["bundle_revision"] == manifest["revision"]
    again = tmp_path / "again.tar.gz"
    write_bundle(POLICIES, again)
    assert again.read_bytes() == out.read_bytes()


def test_emit_input_writes_the_exact_input(tmp_path: Path, cli: Cli, opa_bin: Path) -> None:
    emitted = tmp_path / "input.json"
    code, _, _ = cli(
        "check", "--now", "2026-11-28", "--emit-input", str(emitted), str(FIXTURES / "incident")
    )
    document = json.loads(emitted.read_text())
    assert code == 1
    assert document["context"]["now"] == "2026-11-28T00:00:00Z"
    assert [r["metadata"]["name"] for r in document["roles"]] == ["tier1-agent"]


def _check(cli: Cli, *options: str) -> CliResult:
    return cli("check", "--now", "2026-11-28", *options, str(FIXTURES / "example"))


def test_refused_connection_is_exit_2_naming_the_url(cli: Cli) -> None:
    code, out, err = _check(
        cli,
        "--engine",
        "opa-server",
        "--opa-url",
        "http://127.0.0.1:1",
        "--opa-timeout",
        "2",
        "--opa-retries",
        "0",
    )
    assert (code, out) == (2, "")
    assert err == (
        "rolegate: error: OPA server http://127.0.0.1:1: uploading the policies: "
        "cannot connect (Connection refused)\n"
    )


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("500", "uploading the policies: 500 Server Error: Internal Server Error for url: "),
        ("empty", "data.rolegate.main.decision is undefined (are the rolegate policies loaded?)"),
        ("malformed", "policy does not compile on the OPA server: answer is not valid JSON"),
        ("reject", "uploading the policies: "),
        ("garbage", "uploading the policies: answer is not valid JSON"),
    ],
)
def test_server_faults_are_exit_2(cli: Cli, fault: str, message: str) -> None:
    with opa_standin.standin_server(fault) as (url, _):
        code, out, err = _check(
            cli, "--engine", "opa-server", "--opa-url", url, "--opa-retries", "0"
        )
    assert (code, out) == (2, "")
    assert err.startswith(f"rolegate: error: OPA server {url}")
    assert message in err
    assert err.count("\n") == 1


def test_rejected_policy_names_opa_errors_with_file_and_line(cli: Cli) -> None:
    with opa_standin.standin_server("reject") as (url, _):
        _, _, err = _check(cli, "--engine", "opa-server", "--opa-url", url)
    assert ": rego_parse_error: " not in err  # the code is not repeated; the place is given
    assert ".rego:" in err


def test_slow_server_times_out(cli: Cli) -> None:
    with opa_standin.standin_server("slow", delay=3) as (url, _):
        code, _, err = _check(
            cli,
            "--engine",
            "opa-server",
            "--opa-url",
            url,
            "--opa-timeout",
            "0.5",
            "--opa-retries",
            "0",
        )
    assert code == 2
    assert "timed out" in err


def test_token_is_sent_and_never_printed(cli: Cli) -> None:
    with opa_standin.standin_server(token="s3cret-token") as (url, state):
        code, out, err = _check(
            cli, "--engine", "opa-server", "--opa-url", url, "--opa-token", "s3cret-token"
        )
        assert code == 0
        assert state.requests
    with opa_standin.standin_server(token="other") as (url, _):
        code, out, err = _check(
            cli,
            "--engine",
            "opa-server",
            "--opa-url",
            url,
            "--opa-token",
            "s3cret-token",
            "--opa-retries",
            "0",
        )
    assert code == 2
    assert "401" in err
    assert "s3cret-token" not in out + err


def test_preloaded_server_must_serve_this_revision(cli: Cli, tmp_path: Path) -> None:
    with opa_standin.standin_server() as (url, state):
        assert _check(cli, "--engine", "opa-server", "--opa-url", url)[0] == 0  # pushes
        assert _check(cli, "--engine", "opa-server", "--opa-url", url, "--opa-preloaded")[0] == 2
        state.data["rolegate"]["bundle_revision"] = revision(POLICIES)
        assert _check(cli, "--engine", "opa-server", "--opa-url", url, "--opa-preloaded")[0] == 0
        state.data["rolegate"]["bundle_revision"] = "rolegate-0.0.0-old"
        code, _, err = _check(cli, "--engine", "opa-server", "--opa-url", url, "--opa-preloaded")
    assert code == 2
    assert (
        f"serves bundle revision rolegate-0.0.0-old, but this rolegate's is "
        f"{revision(POLICIES)}" in err
    )


def test_old_opa_binary_is_refused(
    cli: Cli, opa_bin: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STANDIN_OPA_VERSION", "0.70.0")
    assert _check(cli, "--engine", "opa", "--opa-bin", str(opa_bin)) == (
        2,
        "",
        f"rolegate: error: {opa_bin} is OPA 0.70; rolegate needs OPA 1.0 or later\n",
    )


def test_missing_opa_binary(cli: Cli, tmp_path: Path) -> None:
    missing = str(tmp_path / "opa")
    assert _check(cli, "--engine", "opa", "--opa-bin", missing) == (
        2,
        "",
        f"rolegate: error: OPA binary {missing!r} not found; install OPA 1.x, put it on "
        "PATH, or pass --opa-bin / set ROLEGATE_OPA_BIN\n",
    )


def test_opa_binary_compile_error_names_file_and_line(
    cli: Cli, opa_bin: Path, tmp_path: Path
) -> None:
    rule = tmp_path / "rules" / "rolegate" / "rules" / "test" / "bad.rego"
    rule.parent.mkdir(parents=True)
    rule.write_text(
        "# METADATA\n# title: t\n# description: d\n# custom:\n#   id: TST-001\n"
        "#   severity: low\n#   subject: role\n#   controls: [X-1]\n"
        "#   remediation: r\npackage rolegate.rules.test.bad\n\nimport rego.v1\n\n"
        'findings contains {"message": y} if {\n\ttrue\n}\n'
    )
    code, out, err = cli(
        "check",
        "--engine",
        "opa",
        "--opa-bin",
        str(opa_bin),
        "--policy",
        str(tmp_path / "rules"),
        str(FIXTURES / "example"),
    )
    assert (code, out) == (2, "")
    assert err.startswith("rolegate: error: policy does not compile on OPA: packs/")
    assert "bad.rego:14:1: var y is unsafe" in err
