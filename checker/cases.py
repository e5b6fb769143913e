"""Golden fixture cases: a directory of config plus ``expect.yaml`` naming its findings.

``expect.yaml``::

    include: [../../_base]        # directories checked together with the case (optional)
    findings:                     # exactly these, no more, no fewer
      - {rule: LP-001, file: role.yaml, line: 18}

Files are named relative to the case directory.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from checker.check import CheckOptions, run_check
from checker.errors import GateError

EXPECT_FILE = "expect.yaml"
Expected = tuple[str, str, int]


@dataclass(frozen=True)
class Case:
    directory: Path
    includes: tuple[Path, ...]
    expected: tuple[Expected, ...]


@dataclass(frozen=True)
class CaseResult:
    case: Case
    missing: tuple[Expected, ...]
    unexpected: tuple[Expected, ...]

    @property
    def passed(self) -> bool:
        return not self.missing and not self.unexpected


def load_case(expect_file: Path) -> Case:
    try:
        spec: Any = yaml.safe_load(expect_file.read_text("utf-8"))
        findings = spec.get("findings") or []
        expected = tuple((str(f["rule"]), str(f["file"]), int(f["line"])) for f in findings)
        includes = tuple(expect_file.parent / inc for inc in spec.get("include") or [])
    except (OSError, yaml.YAMLError, AttributeError, KeyError, TypeError, ValueError) as error:
        raise GateError(
            f"{expect_file}: not a valid expect file ({error}); "
            "see `checker/cases.py` for the format"
        ) from error
    return Case(expect_file.parent, includes, expected)


def run_case(case: Case, *, now: datetime, policy_dirs: tuple[Path, ...] = ()) -> CaseResult:
    """Check the case (files named relative to it) and compare findings as multisets."""
    options = CheckOptions(
        paths=(case.directory, *case.includes),
        now=now,
        policy_dirs=policy_dirs,
        root=case.directory,
    )
    report = run_check(options)
    actual = Counter((f.rule, f.file, f.line) for f in report.findings)
    expected = Counter(case.expected)
    return CaseResult(
        case,
        tuple(sorted((expected - actual).elements())),
        tuple(sorted((actual - expected).elements())),
    )
