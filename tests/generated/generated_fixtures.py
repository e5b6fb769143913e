"""Fixtures of the generated tests, imported by name where used (a conftest.py here
would shadow tests/conftest.py as the module ``conftest``): both engines loaded once per
session, a real OPA server started with the bundle preloaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from opa_process import running_opa
from two_engines import Engines, embedded_policies, engines

from checker.check import LoadedPolicies
from checker.policy.bundle import write_bundle
from checker.policy.policyset import load_policy_set


@pytest.fixture(scope="session")
def pair(real_opa: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engines]:
    """Both engines; OPA is a real `opa run --server` serving rolegate's bundle, started
    once for the session."""
    bundle = tmp_path_factory.mktemp("bundle") / "rolegate.tar.gz"
    write_bundle(load_policy_set(), bundle)
    with running_opa(real_opa, "--bundle", str(bundle)) as server:
        yield engines(server.url)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return tmp_path / "repo"


@pytest.fixture(scope="session")
def embedded() -> LoadedPolicies:
    """The built-in policies compiled once on the embedded engine."""
    return embedded_policies()
