"""sprintf formats as the embedded engine reads them: bare %d as %v, the rest refused."""

from __future__ import annotations

import pytest

from checker.engines.verbs import rewritten
from checker.errors import GateError
from checker.policy.policyset import load_policy_set


def test_a_bare_d_becomes_v_and_nothing_else_moves() -> None:
    module = 'x := sprintf("%d of %v, 100%% %s %%d", [a, b, c])\n'
    assert rewritten("m.rego", module) == 'x := sprintf("%v of %v, 100%% %s %%d", [a, b, c])\n'


def test_a_raw_string_format_and_one_on_the_next_line_are_rewritten() -> None:
    module = "x := sprintf(\n\t`%d days`, [n])\n"
    assert rewritten("m.rego", module) == "x := sprintf(\n\t`%v days`, [n])\n"


def test_comments_and_strings_that_mention_sprintf_are_left_alone() -> None:
    module = '# sprintf(form, [1]) and "%d"\ns := "sprintf(form)"\nt := "%d"\n'
    assert rewritten("m.rego", module) == module


@pytest.mark.parametrize(
    ("call", "why"),
    [
        ("sprintf(form, [n])", "the format is not a literal string"),
        ('sprintf("%05d", [n])', 'the format "%05d" has %05d'),
        ('sprintf("%-3d|", [n])', 'the format "%-3d|" has %-3d'),
    ],
)
def test_a_format_that_cannot_be_rewritten_is_refused_at_its_line(call: str, why: str) -> None:
    with pytest.raises(GateError) as refused:
        rewritten("pack/r.rego", f"package p\n\nx := {call}\n")
    assert str(refused.value) == (
        f"pack/r.rego:3: sprintf: {why}; the embedded engine (regorus 0.13) prints %d of a "
        "negative number otherwise than OPA; write %v, or run with --engine opa"
    )


def test_every_built_in_format_is_rewritable() -> None:
    for rego in load_policy_set().files:
        assert len(rewritten(rego.display, rego.text)) == len(rego.text)
