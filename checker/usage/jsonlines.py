"""JSON lines read fail-closed, one object at a time: a line that is not a JSON object
is an error at its file and line (exit 2), never a skipped row."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from checker.errors import GateError


def objects(path: Path, shown: str) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        with path.open("r", encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    yield number, _object(line, shown, number)
    except UnicodeDecodeError as error:
        raise GateError(f"{shown}: not UTF-8 ({error.reason}); export the log as UTF-8") from error
    except OSError as error:
        raise GateError(f"{shown}: cannot read the usage log: {error}") from error


def _object(line: str, shown: str, number: int) -> dict[str, Any]:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise GateError(
            f"{shown}:{number}: not a JSON object ({error.msg}); the log may be truncated"
        ) from None
    if not isinstance(value, dict):
        raise GateError(f"{shown}:{number}: expected one JSON object per line")
    return value


def dig(item: dict[str, Any], *keys: str) -> Any:
    """``item[k1][k2]...``, or None where a level is missing or not an object."""
    value: Any = item
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value
