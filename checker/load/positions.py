"""Where the nodes of a file's documents are, worked out from its text when first asked.

A large repo keeps no map of every node: loading gives data only, and a document's
positions are read again from its file's text for the few documents with findings, or
answered from regions worked out ahead in worker processes (``Positions.learn``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from checker.errors import GateError
from checker.load.cachestore import content_hash
from checker.load.rawfile import UnreadableFile, read_bytes
from checker.load.yamldata import (
    KeyPath,
    Position,
    YamlDataError,
    compose,
    position,
    region_end,
    to_data_with_ends,
)

# Start line and column, end line and column (exclusive; 0, 0 when not known) of a node.
Region = tuple[int, int, int, int]
# A region asked of a file: the document's index and the path in it.
Request = tuple[int, KeyPath]
Maps = tuple[dict[KeyPath, Position], dict[KeyPath, Position]]  # starts, ends


def region_in(
    spans: Mapping[KeyPath, Position], ends: Mapping[KeyPath, Position], path: KeyPath
) -> Region:
    """The region of the node at ``path``, or of its longest prefix that exists."""
    for end in range(len(path), -1, -1):
        found = spans.get(tuple(path[:end]))
        if found:
            return (*found, *ends.get(tuple(path[:end]), (0, 0)))
    return (1, 1, 0, 0)


def region_at(root: yaml.Node, path: KeyPath) -> Region:
    """Start and end of the node at ``path`` or of its longest prefix that exists, found by
    walking down to it: what ``to_data_with_ends`` records for that path, without building
    the rest. Only for a document with no alias and no merge key (``<<``), whose nodes each
    stand at one path."""
    found = (*position(root), 0, 0)  # the root has a start but no recorded end
    node = root
    for part in path:
        child = _child(node, _as_index(part))
        if child is None:
            break
        start, node = child
        found = (*position(start), *region_end(start, node))
    return found


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """(the node a path part starts at: a key or an item; the value there)."""
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and str(key.value) == part:
                return key, value
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and 0 <= part < len(node.value)
    ):
        return node.value[part], node.value[part]
    return None


def _as_index(part: Any) -> Any:
    """A path part as a map of paths would compare it: 1.0 finds index 1 there too."""
    return int(part) if isinstance(part, float) and part.is_integer() else part


class Positions:
    """Start and end of every node of each document of one file, from its text; regions
    worked out elsewhere (``learn``) are answered without reading the text."""

    def __init__(self, text: str, source: Path | None = None) -> None:
        self._text: str | None = text
        self._source, self._length = source, len(text)
        self._found: list[Maps] | None = None
        self._known: dict[Request, Region] = {}
        self._digest: str | None = None

    @property
    def digest(self) -> str:
        """The hash of the text (what the cache knows the file by)."""
        if self._digest is None:
            self._digest = content_hash(self.text)
        return self._digest

    @property
    def text(self) -> str:
        """The file's text: kept, or read again from its file, which must not have changed
        since it was checked (GateError otherwise)."""
        if self._text is not None:
            return self._text
        assert self._source is not None  # only a file's text is released
        return reread(self._source, self._length, self.digest)

    @property
    def length(self) -> int:
        """How many characters the text has (known without reading it again)."""
        return self._length

    def release(self) -> None:
        """Let go of the text of a file read from disk (the large repos' memory during
        evaluation); it is read again when a position is asked for."""
        if self._source is not None and self._found is None:
            self.digest  # noqa: B018  (worked out while the text is here)
            self._text = None

    def of(self, index: int) -> Maps:
        if self._found is None:
            self._found = list(_node_positions(self.text))
        return self._found[index] if index < len(self._found) else ({}, {})

    def region(self, index: int, path: KeyPath) -> Region:
        known = self._known.get((index, tuple(path)))
        return known if known else region_in(*self.of(index), path)

    def learn(self, regions: dict[Request, Region]) -> None:
        self._known.update(regions)


def reread(source: Path, length: int, digest: str) -> str:
    """The text of ``source`` again, which must hash to ``digest`` (``length`` characters)."""
    changed = GateError(
        f"{source}: the file changed while rolegate was checking it, so its findings cannot "
        "be placed at their lines; run the check again"
    )
    try:
        text = read_bytes(source, limit=4 * length + 3).decode("utf-8-sig")
    except (UnreadableFile, UnicodeDecodeError) as error:
        raise changed from error
    if content_hash(text) != digest:
        raise changed
    return text


class PositionView(Mapping[KeyPath, Position]):
    """The starts (``which`` 0) or ends (1) of one document's nodes, computed when used."""

    def __init__(self, positions: Positions, index: int, which: int) -> None:
        self._positions, self._index, self._which = positions, index, which

    @property
    def positions(self) -> Positions:
        return self._positions

    def region(self, path: KeyPath) -> Region:
        return self._positions.region(self._index, path)

    def _map(self) -> dict[KeyPath, Position]:
        return self._positions.of(self._index)[self._which]

    def __getitem__(self, path: KeyPath) -> Position:
        return self._map()[path]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


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
    empty: Maps = ({}, {})
    return {
        (index, path): region_in(*(found[index] if index < len(found) else empty), path)
        for index, path in requests
    }


def _composed(text: str) -> Iterator[yaml.Node]:
    """The documents up to the first syntax error (reported when the file was parsed)."""
    try:
        yield from compose(text)
    except yaml.MarkedYAMLError:
        return


def _node_positions(text: str) -> Iterator[Maps]:
    for node in _composed(text):
        try:
            _, spans, ends = to_data_with_ends(node)
        except YamlDataError:  # reported when the file was parsed
            spans, ends = {}, {}
        yield spans, ends
