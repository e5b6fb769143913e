"""What the loader must do with any bytes: the invariants the fuzzer and its regressions check.

Loading a file (and, deep, validating its documents and their references) may only ever
give findings or a ``GateError``; every finding names the file and a line and column inside
it. Anything else raises ``InvariantBroken`` (or lets the unexpected exception through),
which the fuzzer reports as a crash and the regression tests as a failure.
"""

from __future__ import annotations

import re
from pathlib import Path

from checker.errors import GateError
from checker.findings import Finding
from checker.load.loader import LoadedFile, load_file
from checker.validate.documents import validate
from checker.validate.references import check_references

DISPLAY = "fuzzed.yaml"
# Two ways to count lines: an editor's (LF, CRLF) and YAML's (also a lone CR, NEL, LS, PS;
# YAML 1.2, 5.4), which PyYAML's marks follow. They agree unless the file holds one of
# those four; such a file is issue 20's other helper's (a YAML-001 finding there), so here a
# position is inside if it is inside by either count.
_EDITOR_BREAKS = re.compile("\r\n|\n")
_YAML_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


class InvariantBroken(AssertionError):
    """The loader broke a promise on this input."""


def check_bytes(data: bytes, work: Path, *, deep: bool) -> list[Finding]:
    """Load ``data`` as a file (and validate it, when ``deep``); the findings, each checked."""
    path = work / DISPLAY
    path.write_bytes(data)
    try:
        loaded = load_file(path, DISPLAY)
        findings = list(loaded.problems) + (_validated(loaded) if deep else [])
    except GateError:
        return []  # a gate error is a refusal with a message: allowed
    lines = _lines(data)
    for finding in findings:
        check_inside(finding, lines)
    return findings


def _validated(loaded: LoadedFile) -> list[Finding]:
    validated = validate(loaded.documents)
    return [*validated.findings, *check_references(validated)]


Lines = tuple[list[str], ...]  # the file's lines, by each way of counting them


def _lines(data: bytes) -> Lines:
    """The file's lines by both counts; by bytes and LF when it is not UTF-8 (the finding
    then points at the first bad byte, counted so)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return (data.decode("latin-1").split("\n"),)
    return (_EDITOR_BREAKS.split(text), _YAML_BREAKS.split(text))


def check_inside(finding: Finding, lines: Lines) -> None:
    """The finding names the file, and its start (and end, when known) is inside it."""
    if finding.file != DISPLAY:
        raise InvariantBroken(f"finding names {finding.file!r}, not the file: {finding}")
    _check_position(finding, finding.line, finding.column, lines, what="start")
    if finding.end_line:
        _check_position(finding, finding.end_line, finding.end_column, lines, what="end")


def _check_position(finding: Finding, line: int, column: int, lines: Lines, *, what: str) -> None:
    if line < 1 or column < 1:
        raise InvariantBroken(f"{what} {line}:{column} is before the file: {finding}")
    if not any(_inside(line, column, counted) for counted in lines):
        shown = " or ".join(f"{len(counted)} lines" for counted in lines)
        raise InvariantBroken(f"{what} {line}:{column} is outside the file ({shown}): {finding}")


def _inside(line: int, column: int, lines: list[str]) -> bool:
    """At a character of the line, or just after its last one (where an end points)."""
    return line <= len(lines) and column <= len(lines[line - 1]) + 1
