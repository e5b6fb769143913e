"""Golden fixture cases: a directory of config plus ``expect.yaml`` naming its findings.

``expect.yaml``::

    include: [../../_base]        # directories checked together with the case (optional)
    now: 2026-11-28               # the date the case is evaluated at (optional)
    base: .base                   # the base version of the case directory (optional; the
                                  # change rules compare with it, as with --base)
    findings:                     # exactly these, no more, no fewer
      - {rule: LP-001, file: role.yaml, line: 18}

Files are named relative to the case directory. Without ``now`` a case is evaluated at
the time the caller gives (``rolegate test --now``, else the current time).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml

from checker.check import CheckOptions, LoadedPolicies, run_check
from checker.errors import GateError
from checker.load.base import DirBase

EXPECT_FILE = "expect.yaml"
Expected = tuple[str, str, int]


@dataclass(frozen=True)
class Case:
    directory: Path
    includes: tuple[Path, ...]
    expected: tuple[Expected, ...]
    now: datetime | None = None
    base: Path | None = None


@dataclass(frozen=True)
class CaseResult:
    case: Case
    missing: tuple[Expected, ...]
    unexpected: tuple[Expected, ...]
    error: str = ""  # the case could not be checked (e.g. an engine error on its input)

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected and not self.error


def load_case(expect_file: Path) -> Case:
    try:
        spec: Any = yaml.safe_load(expect_file.read_text("utf-8"))
        findings = spec.get("findings") or []
        expected = tuple((str(f["rule"]), str(f["file"]), int(f["line"])) for f in findings)
        includes = tuple(expect_file.parent / inc for inc in spec.get("include") or [])
        now = _date(spec.get("now"))
        base = expect_file.parent / spec["base"] if spec.get("base") else None
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as error:
        raise GateError(
            f"{expect_file}: not a valid expect file ({error}); "
            "see `checker/authoring/cases.py` for the format"
        ) from error
    return Case(expect_file.parent, includes, expected, now, base)


def _date(value: Any) -> datetime | None:
    """``now:`` as YAML gives it (a date, a datetime or text), as an aware UTC datetime."""
    if value is None:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def run_case(
    case: Case,
    *,
    now: datetime,
    policy_dirs: tuple[Path, ...] = (),
    loaded: LoadedPolicies | None = None,
) -> CaseResult:
    """Check the case (files named relative to it) and compare findings as multisets.

    The case's own ``now`` wins over ``now``; ``loaded`` reuses compiled policies, which
    must be those of ``policy_dirs``.
    """
    options = CheckOptions(
        paths=(case.directory, *case.includes),
        now=case.now or now,
        policy_dirs=policy_dirs,
        root=case.directory,
        base=DirBase(case.base, case.directory, case.includes) if case.base else None,
    )
    report = run_check(options, loaded=loaded)
    actual = Counter((f.rule, f.file, f.line) for f in report.findings)
    expected = Counter(case.expected)
    return CaseResult(
        case,
        tuple(sorted((expected - actual).elements())),
        tuple(sorted((actual - expected).elements())),
    )
