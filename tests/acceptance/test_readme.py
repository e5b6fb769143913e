"""The README's set-up commands stay true: CI runs both verbatim (the test command in
the checkout, and both on a clone with no ../shared beside it)."""

from __future__ import annotations

import re

from conftest import ROOT


def _setup_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```sh\n(.*?)```", readme, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if not line.startswith("#")]


def test_readme_gives_exactly_two_setup_commands() -> None:
    commands = _setup_commands()
    assert len(commands) == 2
    assert commands[0].endswith("pip install . && rolegate check fixtures/example")


def test_ci_runs_both_readme_setup_commands() -> None:
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert [command in ci for command in _setup_commands()] == [True, True]
