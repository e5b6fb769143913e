from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from opa_process import running_opa

from checker.cli import main
from checker.policy.policyset import load_policy_set

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
NOW = "2026-11-28"

# A check without usage logs evaluates every rule but the usage ones, and says so first.
_ALL_RULES = load_policy_set().rules
USAGE_RULES = sum(1 for rule in _ALL_RULES if rule.area == "usage")
EVALUATED_RULES = len(_ALL_RULES) - USAGE_RULES
USAGE_NOTE = f"note: {USAGE_RULES} usage rules not evaluated: no usage logs (--usage)\n"

# What the development environment provides beside the checkout (never a user's clone).
SHARED = ROOT.parent / "shared"

CliResult = tuple[int, str, str]


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def unavailable(reason: str) -> None:
    """Skip a test that needs something this machine lacks; in CI (CI=true), fail it:
    what CI provides must be used, never skipped."""
    if in_ci():
        pytest.fail(f"{reason}; CI must provide it (see .ci/run)")
    pytest.skip(reason)


def real_opa_binary() -> str | None:
    """A real OPA: ROLEGATE_OPA_BIN, else ../shared/tools/opa/opa, else `opa` on PATH."""
    shared = SHARED / "tools" / "opa" / "opa"
    for candidate in (os.environ.get("ROLEGATE_OPA_BIN"), shared, shutil.which("opa")):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


@pytest.fixture(scope="session")
def real_opa() -> str:
    """The path of a real OPA binary, for tests that compare with the real thing."""
    found = real_opa_binary()
    if found is None:
        unavailable(
            "no real OPA binary: set ROLEGATE_OPA_BIN to an OPA 1.x binary (or put `opa` "
            "on PATH) to run this test"
        )
    assert found is not None
    return found


@pytest.fixture(scope="session")
def real_opa_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a real OPA server: ROLEGATE_OPA_URL (CI starts one), else one started
    here from the real OPA binary for the session, and stopped after it."""
    url = os.environ.get("ROLEGATE_OPA_URL")
    if url:
        yield url
        return
    with running_opa(request.getfixturevalue("real_opa")) as server:
        yield server.url


@pytest.fixture(params=["embedded", "opa"])
def engine(request: pytest.FixtureRequest) -> tuple[str, ...]:
    """`rolegate check` options for each engine in turn: embedded, then real OPA."""
    if request.param == "embedded":
        return ()
    return ("--engine", "opa", "--opa-bin", request.getfixturevalue("real_opa"))


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``rolegate`` in-process; returns (exit code, stdout, stderr)."""

    def run(*argv: str) -> CliResult:
        code = main(list(argv))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the project root, so reported paths read fixtures/...."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture(autouse=True)
def _no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.pop("GITHUB_ACTIONS", None)


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test's checks remember files in a cache of their own, never the user's: what
    one test left there cannot change what another sees."""
    monkeypatch.setenv("ROLEGATE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
