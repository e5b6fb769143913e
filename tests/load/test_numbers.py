"""Numbers as every Rego engine reads them alike (checker/load/numbers.py).

Before: `idle_timeout_minutes: 99999999999999999999999` printed as 1e23 on the embedded
engine and in full on OPA, `20.0` as 20 and as `%!d(float64=20)`, and an integer of 5000
digits crashed the gate ("unexpected error"). Now a number past 64 bits is a YAML-001 at
its line, and a decimal without a fraction is the integer it equals (issue 15).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from configrepo import edited_copy, position

from checker.load.numbers import INT64_MAX, NumberRangeError, decimal, integer

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
ROLE = "roles/privileged.yaml"
OLD = "idle_timeout_minutes: 5"


def test_integers_up_to_64_bits_are_read() -> None:
    assert integer(str(INT64_MAX)) == INT64_MAX
    assert integer(str(-INT64_MAX)) == -INT64_MAX
    assert integer("7fffffffffffffff", 16) == INT64_MAX
    assert integer("000000000000000000000000042") == 42


@pytest.mark.parametrize(
    ("digits", "base"), [(str(INT64_MAX + 1), 10), ("9" * 5000, 10), ("8" + "0" * 15, 16)]
)
def test_integers_past_64_bits_are_refused(digits: str, base: int) -> None:
    with pytest.raises(NumberRangeError, match="rolegate reads integers of up to 64 bits"):
        integer(digits, base)


def test_a_decimal_without_a_fraction_is_an_integer() -> None:
    assert [decimal(text) for text in ("20.0", "1e3", "-0.0", "1.5")] == [20, 1000, 0, 1.5]
    assert isinstance(decimal("1e30"), float)  # past 2**53 it stays what it is


@pytest.mark.parametrize("text", ["1e400", "-1e400"])
def test_a_decimal_too_large_for_a_float_is_refused(text: str) -> None:
    with pytest.raises(NumberRangeError):
        decimal(text)


LARGE = {
    "past-64-bits": "99999999999999999999999",
    "5000-digits": "9" * 5000,
    "infinite": "1e400",
    "hex": "0x" + "f" * 40,
}


@pytest.mark.parametrize("case", sorted(LARGE))
def test_a_number_too_large_is_a_yaml_finding_at_its_line(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, case: str
) -> None:
    new = f"idle_timeout_minutes: {LARGE[case]}"
    repo = edited_copy(FIXTURES / "example", tmp_path / "repo", (ROLE, OLD, new))
    code, out, err = cli("check", "-q", "--now", NOW, *engine, str(repo))
    line, column = position(repo / ROLE, new).split(":")
    value_at = f"{line}:{int(column) + len('idle_timeout_minutes: ')}"
    assert (code, err) == (1, "")
    [finding] = [f for f in out.splitlines() if "YAML-001" in f]
    assert finding.startswith(f"{repo / ROLE}:{value_at}: critical YAML-001 number ")
    assert finding.endswith(" is too large: rolegate reads integers of up to 64 bits "
                            f"(at most {INT64_MAX}) and finite decimals, which every Rego "
                            "engine reads alike")  # fmt: skip


def test_a_decimal_without_a_fraction_decides_as_its_integer(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path
) -> None:
    new = "idle_timeout_minutes: 20.0"
    repo = edited_copy(FIXTURES / "example", tmp_path / "repo", (ROLE, OLD, new))
    code, out, err = cli("check", "-q", "--fail-on", "medium", "--now", NOW, *engine, str(repo))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{repo / ROLE}:{position(repo / ROLE, 'idle_timeout_minutes: 20.0')}: medium AUTH-002 "
        'role "crm-break-glass": idle timeout of 20 minutes on a role that reads personal '
        "data, over the maximum of 15"
    ]
