"""The README's "Writing a rule" works as written: its commands, files and outputs.

The section is replayed in an empty directory, in order: each ``<!-- file: PATH -->``
block is written to PATH, each ``<!-- edit: PATH -->`` block replaces the lines after its
first line (found in PATH), and each ``$ rolegate ...`` command is run and must print
exactly the output shown under it.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, CliResult

Cli = Callable[..., CliResult]
_BLOCK = re.compile(r"(?:<!-- (file|edit): (\S+) -->\n)?```(\w+)\n(.*?)```", re.S)


def _section() -> str:
    readme = (ROOT / "README.md").read_text()
    return readme.split("\n## Writing a rule\n", 1)[1].split("\n## ", 1)[0]


def _commands(block: str) -> Iterator[tuple[list[str], str]]:
    """Each ``$`` command of a console block (continuations joined) and its output."""
    lines = block.replace("\\\n", " ").splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("$ "):
            output = []
            for later in lines[i + 1 :]:
                if later.startswith("$ "):
                    break
                output.append(later)
            yield shlex.split(line[2:]), "".join(output)


def _edit(path: Path, block: str) -> None:
    anchor, *replacement = block.splitlines(keepends=True)
    lines = path.read_text().splitlines(keepends=True)
    start = lines.index(anchor) + 1
    lines[start : start + len(replacement)] = replacement
    path.write_text("".join(lines))


def test_writing_a_rule_replays(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ran = []
    for action, path, language, block in _BLOCK.findall(_section()):
        if action == "file":
            Path(path).write_text(block)
        elif action == "edit":
            _edit(Path(path), block)
        elif language == "console":
            for argv, expected in _commands(block):
                assert argv[0] == "rolegate"
                code, out, err = cli(*argv[1:])
                assert (out if expected else "", err) == (expected, ""), argv
                ran.append((argv[1], code))
    assert ran == [("new-rule", 0), ("test", 1), ("test", 0), ("check", 1)]
