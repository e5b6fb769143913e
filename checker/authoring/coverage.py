"""Line coverage of policy files by the Rego unit tests, from regorus's coverage report.

regorus counts a line as covered when the tests evaluated it at all (whether or not the
expression held), and as not covered when it holds an expression no test reached.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


def _percent(covered: int, lines: int) -> float:
    return 100.0 if lines == 0 else 100.0 * covered / lines


@dataclass(frozen=True)
class FileCoverage:
    file: str
    covered: int
    lines: int  # lines with an expression: covered or not

    @property
    def percent(self) -> float:
        return _percent(self.covered, self.lines)


@dataclass(frozen=True)
class Coverage:
    files: tuple[FileCoverage, ...]

    @property
    def covered(self) -> int:
        return sum(f.covered for f in self.files)

    @property
    def lines(self) -> int:
        return sum(f.lines for f in self.files)

    @property
    def percent(self) -> float:
        return _percent(self.covered, self.lines)


def line_coverage(report: dict[str, Any], files: Iterable[str]) -> Coverage:
    """Coverage of ``files`` (as the engine names them), in that order; a file missing
    from the report has no line to cover."""
    by_file = {entry["path"]: entry for entry in report.get("files", [])}
    return Coverage(tuple(_file(name, by_file.get(name, {})) for name in files))


def _file(name: str, entry: dict[str, Any]) -> FileCoverage:
    covered = len(set(entry.get("covered", [])))
    missed = len(set(entry.get("not_covered", [])))
    return FileCoverage(name, covered, covered + missed)
