"""The built-in policies' rewrite, shipped (checker/engines/prepared.py): current, used for
exactly the built-in texts on the regorus it was made with, and deciding as a fresh one."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from checker.engines import EMPTY_INPUT, EngineInput, embedded, prepared, regenerate
from checker.engines.embedded import EmbeddedEvaluator
from checker.inventory import build_input
from checker.policy.policyset import load_policy_set
from checker.repo import read_repo

from conftest import FIXTURES
from rulepack import FRONTLINE_RULE

POLICIES = load_policy_set(())
TEXTS = tuple(rego.text for rego in POLICIES.files)


def _input() -> EngineInput:
    repo = read_repo((FIXTURES / "incident",), root=FIXTURES)
    return EngineInput.of(
        build_input(repo.validated, now=datetime(2026, 11, 28, tzinfo=timezone.utc))
    )


def _rewrites(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    rewrite = embedded.rewrite_texts

    def counted(files: Any) -> Any:
        calls.append(1)
        return rewrite(files)

    monkeypatch.setattr(embedded, "rewrite_texts", counted)
    embedded._expanded.cache_clear()
    return calls


def test_the_shipped_file_is_the_rewrite_of_the_sources_now() -> None:
    """Fails after an edit of policies/ or a new regorus: run the command it names."""
    _, text = regenerate.current()
    assert prepared.SHIPPED.read_text("utf-8") == text, (
        "checker/engines/builtin_rego.json is out of date: python -m checker.engines.regenerate"
    )
    assert regenerate.main(["--check"]) == 0


def test_the_built_in_policies_are_not_rewritten_and_decide_as_a_fresh_rewrite(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _rewrites(monkeypatch)
    shipped = EmbeddedEvaluator(POLICIES).evaluate(_input())
    assert calls == []
    monkeypatch.setattr(prepared, "shipped", lambda texts: None)
    assert EmbeddedEvaluator(POLICIES).evaluate(_input()) == shipped
    assert calls == [1]


def test_the_shipped_texts_compile_and_decide_the_empty_input() -> None:
    """The evaluator skips its compile check for them, so this is that check."""
    texts = prepared.shipped(TEXTS)
    assert texts is not None
    evaluator = EmbeddedEvaluator(POLICIES)
    assert [rego.text for rego in evaluator._policies.files] == list(texts)
    assert evaluator.evaluate(EngineInput.of(EMPTY_INPUT))["findings"] == []


def test_a_custom_pack_beside_the_built_ins_is_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "frontline.rego").write_text(FRONTLINE_RULE)
    policies = load_policy_set((tmp_path,))
    assert prepared.shipped(tuple(rego.text for rego in policies.files)) is None
    calls = _rewrites(monkeypatch)
    EmbeddedEvaluator(policies)
    assert calls == [1]


def test_an_edited_built_in_text_is_not_given_the_shipped_rewrite() -> None:
    assert prepared.shipped((*TEXTS[:-1], TEXTS[-1] + "\n")) is None
    assert prepared.shipped(TEXTS[:-1]) is None


def test_another_regorus_version_is_rewritten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepared, "regorus_version", lambda: "0.99.0")
    assert prepared.shipped(TEXTS) is None


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"sources": 1}'])
def test_an_unreadable_shipped_file_only_loses_the_shortcut(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str
) -> None:
    path = tmp_path / "builtin_rego.json"
    path.write_text(content)
    monkeypatch.setattr(prepared, "SHIPPED", path)
    assert prepared.shipped(TEXTS) is None
    monkeypatch.setattr(prepared, "SHIPPED", tmp_path / "missing.json")
    assert prepared.shipped(TEXTS) is None


def test_a_shipped_file_with_the_wrong_count_of_texts_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = json.loads(prepared.SHIPPED.read_text("utf-8"))
    path = tmp_path / "builtin_rego.json"
    path.write_text(json.dumps({**found, "texts": found["texts"][:-1]}))
    monkeypatch.setattr(prepared, "SHIPPED", path)
    assert prepared.shipped(TEXTS) is None


def test_the_regorus_version_is_the_installed_one() -> None:
    from importlib.metadata import version

    assert prepared.regorus_version() == version("gordon-to-regorus")
