"""Config repos for the tests: a fixture repo copied into a tmp dir with a few lines changed."""

from __future__ import annotations

import shutil
from pathlib import Path


def edited_copy(source: Path, target: Path, *edits: tuple[str, str, str]) -> Path:
    """``source`` copied to ``target`` with each (file, old text, new text) replaced once."""
    shutil.copytree(source, target)
    for name, old, new in edits:
        path = target / name
        text = path.read_text("utf-8")
        assert text.count(old) == 1, f"{old!r} is not once in {name}"
        path.write_text(text.replace(old, new), "utf-8")
    return target


def position(path: Path, text: str) -> str:
    """``line:column`` (1-based) where ``text`` first starts in the file."""
    before = path.read_text("utf-8").split(text, 1)[0]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"
