"""Read config files into documents with positions; a file that cannot be read is a finding."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from checker.findings import YAML_ERROR, Finding
from checker.load.limits import DEFAULT_MAX_FILE_BYTES
from checker.load.positions import Positions, PositionView, Region, region_in
from checker.load.rawfile import UnreadableFile, read_bytes
from checker.load.yamldata import KeyPath, Position, YamlDataError, compose, to_data


@dataclass(frozen=True)
class Document:
    file: str
    index: int
    data: Any
    spans: Mapping[KeyPath, Position]
    ends: Mapping[KeyPath, Position] = field(default_factory=dict)

    def locate(self, path: KeyPath) -> Position:
        """Position of the node at ``path``, or of its longest prefix that exists."""
        line, column, _, _ = self.region(path)
        return line, column

    def region(self, path: KeyPath) -> Region:
        """Start line and column, and end line and column (exclusive; 0, 0 when not
        known), of the node at ``path`` or of its longest prefix that exists."""
        if isinstance(self.spans, PositionView):
            return self.spans.region(path)
        return region_in(self.spans, self.ends, path)


@dataclass(frozen=True)
class LoadedFile:
    file: str
    documents: tuple[Document, ...]
    problems: tuple[Finding, ...]


# What parsing one file gives: (index, data) of each document, and the problems.
Parsed = tuple[tuple[tuple[int, Any], ...], tuple[Finding, ...]]


def load_file(path: Path, display: str, *, limit: int = DEFAULT_MAX_FILE_BYTES) -> LoadedFile:
    """Load every document of one file (at most ``limit`` bytes); problems are findings,
    never exceptions."""
    text = read_text(path, display, limit=limit)
    if isinstance(text, LoadedFile):
        return text
    return load_text(text, display)


def read_text(path: Path, display: str, *, limit: int) -> str | LoadedFile:
    """The file's text, or a LoadedFile holding why it cannot be read (not a regular file,
    over ``limit`` bytes, not UTF-8)."""
    try:
        return _read_text(path, display, limit)
    except _Unreadable as problem:
        return LoadedFile(display, (), (problem.finding,))


def load_text(text: str, display: str) -> LoadedFile:
    """Load YAML given as text (a file from git, a test); same rules as ``load_file``."""
    return loaded_file(text, display, parse(text, display))


def parse(text: str, display: str) -> Parsed:
    """The data of every document, without positions: what a worker process sends back."""
    aliases = "*" in text  # no alias without a star: nothing can expand
    documents: list[tuple[int, Any]] = []
    problems: list[Finding] = []
    odd_break = _ODD_BREAK.search(text)
    if odd_break:
        return (), (_line_break_finding(display, text, odd_break.start()),)
    try:
        for index, node in enumerate(compose(text)):
            try:
                documents.append((index, to_data(node, aliases=aliases)))
            except YamlDataError as error:
                problems.append(YAML_ERROR.finding(display, error.line, error.column, str(error)))
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_finding(display, error, text))
    except yaml.reader.ReaderError:
        problems.append(_character_finding(display, text))
    except yaml.YAMLError as error:  # no position: at the file
        problems.append(YAML_ERROR.finding(display, 1, 1, f"invalid YAML: {error}"))
    return tuple(documents), tuple(problems)


def loaded_file(text: str, display: str, parsed: Parsed, source: Path | None = None) -> LoadedFile:
    """The documents of a parsed file; their positions are read from ``text`` when first
    asked for (only documents with findings ever are), so a large repo keeps no span map.
    With ``source``, the file the text came from, the text may be let go of and read again
    (``release_texts``)."""
    positions = Positions(text, source)
    documents = tuple(
        Document(display, i, data, PositionView(positions, i, 0), PositionView(positions, i, 1))
        for i, data in parsed[0]
    )
    return LoadedFile(display, documents, parsed[1])


def positions_of(document: Document) -> Positions | None:
    """Where a loaded document's positions come from (None for one built in memory)."""
    return document.spans.positions if isinstance(document.spans, PositionView) else None


def release_texts(documents: Iterable[Document]) -> None:
    """Let go of the text of the files the documents were read from; a position asked for
    later reads the file again, and stops the check if it changed meanwhile."""
    for document in documents:
        positions = positions_of(document)
        if positions is not None:
            positions.release()


class _Unreadable(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _read_text(path: Path, display: str, limit: int) -> str:
    try:
        raw = read_bytes(path, limit=limit)
    except UnreadableFile as problem:
        raise _Unreadable(YAML_ERROR.finding(display, 1, 1, str(problem))) from problem
    return _decode(raw, display)


def _decode(raw: bytes, display: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise _Unreadable(
            YAML_ERROR.finding(
                display,
                line,
                column,
                f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8",
            )
        ) from error


def _syntax_finding(display: str, error: yaml.MarkedYAMLError, text: str) -> Finding:
    mark = error.problem_mark or error.context_mark
    line, column = _inside(text, mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = " ".join(part for part in (error.context, error.problem) if part)
    return YAML_ERROR.finding(display, line, column, f"invalid YAML: {problem or error}")


def _inside(text: str, line: int, column: int) -> tuple[int, int]:
    """``line`` and ``column``, or the end of the text where they fall past it (libyaml
    places an error at the end of a file without a final newline on the line after)."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, min(column, len(lines[line - 1]) + 1)


# What YAML allows in a stream (YAML 1.2, 5.1): anything else stops the reader.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# Line breaks YAML reads but editors, diffs and rolegate's line numbers do not all show as
# such: a lone CR, NEL, LINE and PARAGRAPH SEPARATOR. Text after one in a comment would be
# read as YAML a reviewer never saw; refused, the file is a finding at the character.
_ODD_BREAK = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


def _line_break_finding(display: str, text: str, at: int) -> Finding:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return YAML_ERROR.finding(
        display,
        line,
        column,
        f"invalid YAML: line break U+{ord(text[at]):04X} is not allowed (only LF or CRLF); "
        "replace it with a newline or remove it",
    )


def _character_finding(display: str, text: str) -> Finding:
    """The first character YAML does not allow (a NUL, another control character), at
    its line and column."""
    found = _NOT_PRINTABLE.search(text)
    at = found.start() if found else 0
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    what = f"U+{ord(text[at]):04X}" if found else "a character"
    return YAML_ERROR.finding(
        display,
        line,
        column,
        f"invalid YAML: control character {what} is not allowed; remove it (is this a text file?)",
    )
