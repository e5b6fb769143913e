"""The embedded engine's rewritten policies, remembered: the same decision, no second
rewrite, and a rewrite again when the entry cannot be trusted. (The built-in policies'
rewrite is shipped, test_prepared.py; here it is turned off, so that they stand for any
policy set the cache must remember.)"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checker.engines import EngineInput, embedded, prepared
from checker.engines.embedded import REWRITE, EmbeddedEvaluator, _cache_salt, _policies_key
from checker.inventory import build_input
from checker.load.cachestore import open_store
from checker.policy.policyset import load_policy_set
from checker.repo import read_repo

from conftest import FIXTURES

POLICIES = load_policy_set(())


@pytest.fixture(autouse=True)
def _nothing_shipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepared, "shipped", lambda texts: None)


def _input() -> EngineInput:
    repo = read_repo((FIXTURES / "incident",), root=FIXTURES)
    return EngineInput.of(
        build_input(repo.validated, now=datetime(2026, 11, 28, tzinfo=timezone.utc))
    )


def _rewrites(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    rewrite = embedded.without_aliases

    def counted(policies: Any) -> Any:
        calls.append(1)
        return rewrite(policies)

    monkeypatch.setattr(embedded, "without_aliases", counted)
    return calls


def test_a_remembered_rewrite_decides_as_a_fresh_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = EmbeddedEvaluator(POLICIES).evaluate(_input())
    EmbeddedEvaluator(POLICIES, cache_dir=tmp_path)
    calls = _rewrites(monkeypatch)
    assert EmbeddedEvaluator(POLICIES, cache_dir=tmp_path).evaluate(_input()) == fresh
    assert calls == []


def test_an_entry_that_does_not_fit_the_policies_is_rewritten_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path, _cache_salt())
    assert store is not None
    store.put(REWRITE, _policies_key(POLICIES), ["package one_file_too_few"])
    calls = _rewrites(monkeypatch)
    EmbeddedEvaluator(POLICIES, cache_dir=tmp_path)
    assert calls == [1]
    assert len(store.get(REWRITE, _policies_key(POLICIES))) == len(POLICIES.files)
