"""Golden fixture cases: a directory of config plus ``expect.yaml`` naming its findings.

``expect.yaml``::

    include: [../../_base]        # directories checked together with the case (optional)
    now: 2026-11-28               # the date the case is evaluated at (optional)
    base: .base                   # the base version of the case directory (optional; the
                                  # change rules compare with it, as with --base)
    usage: [logs/events.csv]      # usage logs checked with the case, as with --usage
    findings:                     # exactly these, no more, no fewer
      - {rule: LP-001, file: role.yaml, line: 18}

Files are named relative to the case directory. Without ``now`` a case is evaluated at
the time the caller gives (``rolegate test --now``, else the current time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml

from checker.errors import GateError

EXPECT_FILE = "expect.yaml"
Expected = tuple[str, str, int]


@dataclass(frozen=True)
class Case:
    directory: Path
    includes: tuple[Path, ...]
    expected: tuple[Expected, ...]
    now: datetime | None = None
    base: Path | None = None
    usage: tuple[str, ...] = ()  # usage logs, relative to the case directory


def load_case(expect_file: Path) -> Case:
    try:
        spec: Any = yaml.safe_load(expect_file.read_text("utf-8"))
        findings = spec.get("findings") or []
        expected = tuple((str(f["rule"]), str(f["file"]), int(f["line"])) for f in findings)
        includes = tuple(expect_file.parent / inc for inc in spec.get("include") or [])
        now = _date(spec.get("now"))
        base = expect_file.parent / spec["base"] if spec.get("base") else None
        usage = tuple(str(log) for log in spec.get("usage") or [])
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as error:
        raise GateError(
            f"{expect_file}: not a valid expect file ({error}); "
            "see `checker/authoring/cases.py` for the format"
        ) from error
    return Case(expect_file.parent, includes, expected, now, base, usage)


def _date(value: Any) -> datetime | None:
    """``now:`` as YAML gives it (a date, a datetime or text), as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
