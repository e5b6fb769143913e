"""How long an OPA call may take: --opa-timeout, else a default that grows with the input,
and a call that runs out says how long it had and how to raise it."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

from checker.engines import (
    BASE_TIMEOUT,
    TIMEOUT_PER_MIB,
    EngineSettings,
    call_timeout,
    timeout_hint,
)

from conftest import FIXTURES, CliResult

MIB = 2**20


def test_default_timeout_grows_with_the_input() -> None:
    settings = EngineSettings()
    assert call_timeout(settings) == BASE_TIMEOUT
    assert call_timeout(settings, 66 * MIB) == BASE_TIMEOUT + 66 * TIMEOUT_PER_MIB
    assert call_timeout(settings, 66 * MIB) > call_timeout(settings, 6 * MIB)


def test_given_timeout_is_kept_whatever_the_input() -> None:
    assert call_timeout(EngineSettings(timeout=5.0), 500 * MIB) == 5.0


def test_hint_names_the_default_and_the_option() -> None:
    assert timeout_hint(EngineSettings()) == (
        f"the default, {BASE_TIMEOUT:g} s plus {TIMEOUT_PER_MIB:g} s per MiB of input; "
        "raise it with --opa-timeout SECONDS"
    )
    assert timeout_hint(EngineSettings(timeout=1.0)) == "raise --opa-timeout"


def test_opa_eval_past_its_timeout_is_exit_2_naming_it(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    binary = tmp_path / "opa"
    binary.write_text(
        '#!/bin/sh\n[ "$1" = version ] && echo "Version: 1.9.0" && exit 0\nexec sleep 60\n'
    )
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    code, out, err = cli(
        "check",
        "--engine",
        "opa",
        "--opa-bin",
        str(binary),
        "--opa-timeout",
        "2",
        str(FIXTURES / "example"),
    )
    assert (code, out) == (2, "")
    assert err == (
        f"rolegate: error: {binary} eval did not finish within 2 s (raise --opa-timeout)\n"
    )
