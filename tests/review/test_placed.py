"""The review's answer read back fail-closed, sorted the same whatever the engine."""

from __future__ import annotations

from typing import Any

import pytest

from checker.errors import GateError
from checker.review.placed import read_review


@pytest.mark.parametrize(
    ("raw", "view", "message"),
    [
        (None, "all", "'access_review' is not the all view asked for"),
        ({}, "who_can", "'access_review' is not the who_can view asked for"),
        (
            {"view": "all", "roles": [], "people": "x"},
            "all",
            "access_review 'people' is not a list",
        ),
        ({"view": "access", "roles": [1], "accounts": []}, "access", "'roles' is not a list"),
    ],
)
def test_a_missing_or_malformed_answer_cannot_decide(raw: Any, view: str, message: str) -> None:
    with pytest.raises(GateError, match=message):
        read_review(raw, view, {})


def test_sets_are_sorted_by_what_names_their_items() -> None:
    raw = {
        "view": "all",
        "roles": [{"role": "b", "resources": {}}, {"role": "a", "resources": {}}],
        "people": [
            {"holder": "p2", "accounts": [{"id": "y"}, {"id": "x"}]},
            {"holder": "p1", "accounts": []},
        ],
        "exposure": [
            {"category": "c", "by": "tier", "group": "qa", "visibility": 2},
            {"category": "c", "by": "all", "group": "", "visibility": 4},
        ],
    }
    read = read_review(raw, "all", {})
    assert [r["role"] for r in read["roles"]] == ["a", "b"]
    assert [p["holder"] for p in read["people"]] == ["p1", "p2"]
    assert [a["id"] for a in read["people"][1]["accounts"]] == ["x", "y"]
    assert [e["by"] for e in read["exposure"]] == ["all", "tier"]
