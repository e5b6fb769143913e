"""The portability guard names, with file:line, Rego the two engines do not share."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.policy.policyset import RegoFile
from checker.policy.portability import problems


def _problems(body: str) -> list[str]:
    text = "package rolegate.rules.x.y\n\nimport rego.v1\n\n" + body
    return list(problems(RegoFile(Path("y.rego"), "y.rego", text)))


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("meta := rego.metadata.rule()\n", "y.rego:5: rego.metadata.rule: "),
        ("ok if json.match_schema(input, {})\n", "y.rego:5: json.match_schema: "),
        ('r := http.send({"method": "get", "url": "x"})\n', "y.rego:5: http.send: "),
        ("now := time.now_ns()\n", "y.rego:5: time.now_ns: not reproducible; "),
        ("a[x][y] := 1 if {\n\tsome x, y in input.m\n}\n", "y.rego:5: a[x][: a multi-level "),
    ],
)
def test_non_portable_construct_is_named_at_its_line(body: str, expected: str) -> None:
    [problem] = _problems(body)
    assert problem.startswith(expected)


def test_comments_and_strings_are_not_code() -> None:
    assert _problems('# time.now_ns() is banned\nmsg := "use time.now_ns() elsewhere"\n') == []


def test_single_level_ref_heads_are_fine() -> None:
    assert (
        _problems("a[x] := {y: 1 | some y in input.m[x]} if {\n\tsome x, _ in input.m\n}\n") == []
    )


def test_a_custom_pack_with_non_portable_rego_cannot_run(tmp_path: Path) -> None:
    from checker.errors import GateError
    from checker.policy.policyset import load_policy_set

    rule = tmp_path / "y.rego"
    rule.write_text("package rolegate.lib.helper\n\nimport rego.v1\n\nt := time.now_ns()\n")
    with pytest.raises(GateError, match=r"y\.rego:5: time\.now_ns: not reproducible"):
        load_policy_set((tmp_path,))
