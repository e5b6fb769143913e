"""How large a config file may be: the default, its ceiling, and sizes as people write them.

The limit protects the gate: a file is read whole into memory, then parsed into nodes that
take many times its size. It is set per run (``--max-file-size``, ``max_file_size`` in
``.rolegate.yaml``), never switched off: the largest limit that can be set is
``MAX_LIMIT``.
"""

from __future__ import annotations

import re

DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_LIMIT = 1024 * 1024 * 1024
RAISE_HINT = "raise the limit with --max-file-size or max_file_size in .rolegate.yaml"

_UNITS = {"": 1, "b": 1, "kib": 1024, "mib": 1024**2, "gib": 1024**3}
_SIZE = re.compile(r"^\s*([0-9]+)\s*([a-z]*)\s*$", re.IGNORECASE)
SIZE_PATTERN = r"^\s*[0-9]+\s*([bB]|[kKmMgG][iI][bB])?\s*$"  # the same, for the config schema


def parse_size(text: str) -> int:
    """A size such as ``20971520``, ``512KiB``, ``32 MiB`` or ``1GiB`` in bytes; ValueError
    saying what is accepted when it is none, or outside 1 byte .. ``MAX_LIMIT``."""
    match = _SIZE.match(text)
    unit = match.group(2).lower() if match else ""
    if match is None or unit not in _UNITS:
        raise ValueError(f"{text!r} is not a size like 20971520, 512KiB, 32MiB or 1GiB")
    return checked_size(int(match.group(1)) * _UNITS[unit], shown=text)


def checked_size(size: int, *, shown: str) -> int:
    """``size`` when it is a limit that can be set; ValueError otherwise."""
    if not 1 <= size <= MAX_LIMIT:
        raise ValueError(f"{shown!r} is outside 1 byte .. {describe_size(MAX_LIMIT)}")
    return size


def describe_size(size: int) -> str:
    """``8 MiB``, ``512 KiB`` or ``1,000 bytes``: a limit as messages name it."""
    for unit, factor in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size % factor == 0:
            return f"{size // factor:,} {unit}"
    return f"{size:,} bytes"


def over_limit(size: int, limit: int, *, at_least: bool = False) -> str:
    """The message for a file of ``size`` bytes (``at_least``: or more) over ``limit``:
    what, and how to raise it."""
    amount = f"{'at least ' if at_least else ''}{size:,} bytes"
    unit = describe_size(limit)
    shown = f"{limit:,}" + ("" if unit.endswith("bytes") else f" ({unit})")
    return (
        f"file is {amount}, over the limit of {shown}; if it is meant to be this large, "
        f"{RAISE_HINT}"
    )
