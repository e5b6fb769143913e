"""Read config files into documents with positions; a file that cannot be read is a finding."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from checker.findings import YAML_ERROR, Finding
from checker.load.yamldata import (
    PLAIN,
    Path,
    Position,
    YamlDataError,
    region_at,
    to_data,
    to_data_with_ends,
)

MAX_FILE_BYTES = 8 * 1024 * 1024

_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Composes nodes only; every plain scalar is left for ``yamldata`` to resolve."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is yaml.ScalarNode and implicit[0]:
            return PLAIN
        return str(super().resolve(kind, value, implicit))


@dataclass(frozen=True)
class Document:
    file: str
    index: int
    data: Any
    spans: Mapping[Path, Position]
    ends: Mapping[Path, Position] = field(default_factory=dict)

    def locate(self, path: tuple[str | int, ...]) -> Position:
        """Position of the node at ``path``, or of its longest prefix that exists."""
        line, column, _, _ = self.region(path)
        return line, column

    def region(self, path: tuple[str | int, ...]) -> Region:
        """Start line and column, and end line and column (exclusive; 0, 0 when not
        known), of the node at ``path`` or of its longest prefix that exists."""
        if isinstance(self.spans, _View):
            return self.spans.region(path)
        return region_in(self.spans, self.ends, path)


# Start line and column, end line and column of a node.
Region = tuple[int, int, int, int]


def region_in(spans: Mapping[Path, Position], ends: Mapping[Path, Position], path: Path) -> Region:
    """The region of the node at ``path``, or of its longest prefix that exists."""
    for end in range(len(path), -1, -1):
        found = spans.get(tuple(path[:end]))
        if found:
            return (*found, *ends.get(tuple(path[:end]), (0, 0)))
    return (1, 1, 0, 0)


@dataclass(frozen=True)
class LoadedFile:
    file: str
    documents: tuple[Document, ...]
    problems: tuple[Finding, ...]


# What parsing one file gives: (index, data) of each document, and the problems.
Parsed = tuple[tuple[tuple[int, Any], ...], tuple[Finding, ...]]


def load_file(path: FsPath, display: str) -> LoadedFile:
    """Load every document of one file; problems are findings, never exceptions."""
    text = read_text(path, display)
    if isinstance(text, LoadedFile):
        return text
    return load_text(text, display)


def read_text(path: FsPath, display: str) -> str | LoadedFile:
    """The file's text, or a LoadedFile holding why it cannot be read."""
    try:
        return _read_text(path, display)
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
    try:
        for index, node in enumerate(_compose(text)):
            try:
                documents.append((index, to_data(node, aliases=aliases)))
            except YamlDataError as error:
                problems.append(YAML_ERROR.finding(display, error.line, error.column, str(error)))
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_finding(display, error))
    return tuple(documents), tuple(problems)


def loaded_file(text: str, display: str, parsed: Parsed) -> LoadedFile:
    """The documents of a parsed file; their positions are read from ``text`` when first
    asked for (only documents with findings ever are), so a large repo keeps no span map."""
    positions = Positions(text)
    documents = tuple(
        Document(display, i, data, _View(positions, i, 0), _View(positions, i, 1))
        for i, data in parsed[0]
    )
    return LoadedFile(display, documents, parsed[1])


# A region asked of a file: the document's index and the path in it.
Request = tuple[int, Path]


class Positions:
    """Start and end of every node of each document of one file, from its text; regions
    worked out elsewhere (``learn``) are answered without reading the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: list[tuple[dict[Path, Position], dict[Path, Position]]] | None = None
        self._known: dict[Request, Region] = {}

    def of(self, index: int) -> tuple[dict[Path, Position], dict[Path, Position]]:
        if self._found is None:
            self._found = list(_node_positions(self.text))
        return self._found[index] if index < len(self._found) else ({}, {})

    def region(self, index: int, path: Path) -> Region:
        known = self._known.get((index, tuple(path)))
        return known if known else region_in(*self.of(index), path)

    def learn(self, regions: dict[Request, Region]) -> None:
        self._known.update(regions)


def positions_of(document: Document) -> Positions | None:
    """Where a loaded document's positions come from (None for one built in memory)."""
    return document.spans.positions if isinstance(document.spans, _View) else None


def _composed(text: str) -> Iterator[yaml.Node]:
    """The documents up to the first syntax error (reported when the file was parsed)."""
    try:
        yield from _compose(text)
    except yaml.MarkedYAMLError:
        return


def _node_positions(text: str) -> Iterator[tuple[dict[Path, Position], dict[Path, Position]]]:
    for node in _composed(text):
        try:
            _, spans, ends = to_data_with_ends(node)
        except YamlDataError:  # reported when the file was parsed
            spans, ends = {}, {}
        yield spans, ends


def regions(text: str, requests: list[Request]) -> dict[Request, Region]:
    """The region of each requested node of a file's text (what a worker process sends
    back instead of every node's position)."""
    if "*" not in text and "<<" not in text:  # no node stands at two paths: walk to each
        roots = list(_composed(text))
        return {
            (index, path): region_at(roots[index], path) if index < len(roots) else (1, 1, 0, 0)
            for index, path in requests
        }
    found = list(_node_positions(text))
    empty: tuple[dict[Path, Position], dict[Path, Position]] = ({}, {})
    return {
        (index, path): region_in(*(found[index] if index < len(found) else empty), path)
        for index, path in requests
    }


class _View(Mapping[Path, Position]):
    """The starts (``which`` 0) or ends (1) of one document's nodes, computed when used."""

    def __init__(self, positions: Positions, index: int, which: int) -> None:
        self._positions, self._index, self._which = positions, index, which

    @property
    def positions(self) -> Positions:
        return self._positions

    def region(self, path: Path) -> Region:
        return self._positions.region(self._index, path)

    def _map(self) -> dict[Path, Position]:
        return self._positions.of(self._index)[self._which]

    def __getitem__(self, path: Path) -> Position:
        return self._map()[path]

    def __iter__(self) -> Iterator[Path]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


def _compose(text: str) -> Iterator[yaml.Node]:
    for node in yaml.compose_all(text, Loader=_Loader):
        if node is not None:
            yield node


class _Unreadable(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def _read_text(path: FsPath, display: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Unreadable(
                YAML_ERROR.finding(
                    display, 1, 1, f"file is {size:,} bytes, over the limit of {MAX_FILE_BYTES:,}"
                )
            )
        raw = path.read_bytes()
    except OSError as error:
        raise _Unreadable(
            YAML_ERROR.finding(display, 1, 1, f"cannot read file: {error.strerror or error}")
        ) from error
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


def _syntax_finding(display: str, error: yaml.MarkedYAMLError) -> Finding:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = " ".join(part for part in (error.context, error.problem) if part)
    return YAML_ERROR.finding(display, line, column, f"invalid YAML: {problem or error}")
