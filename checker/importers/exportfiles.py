"""Reading export files fail-closed: JSON, JSON with positions, and XML without entities.

Every problem is a GateError naming the file, the position (line and column, or the
object's id) and what was expected; nothing here guesses or skips.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from xml.parsers import expat

from checker.errors import GateError
from checker.files import display_path

MAX_BYTES = 512 * 1024 * 1024


def read_text(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise GateError(f"{display_path(path)}: larger than 512 MiB; split the export")
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GateError(
            f"{display_path(path)}: byte {error.start}: not UTF-8; export the file as UTF-8"
        ) from error
    except OSError as error:
        raise GateError(f"{display_path(path)}: cannot read: {error.strerror or error}") from error


def read_json(path: Path, text: str | None = None) -> Any:
    """The file's JSON; GateError at the line and column where it stops being JSON."""
    text = read_text(path) if text is None else text
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise GateError(
            f"{display_path(path)}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); "
            "the export may be truncated: export it again"
        ) from error


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1 if offset >= 0 else 0


class IdLines:
    """The line of each object id in a JSON text, found in one pass: ids appear in the
    text in the order the objects do, so each search starts where the last ended."""

    def __init__(self, text: str, key: str) -> None:
        self._text, self._pattern = text, re.compile(rf'"{re.escape(key)}"\s*:\s*"?([^",}}\s]+)')
        self._lines: dict[str, int] = {}
        self._line, self._offset = 1, 0
        self._matches = self._pattern.finditer(text)

    def line(self, value: str) -> int:
        if value in self._lines:
            return self._lines[value]
        for match in self._matches:
            self._line += self._text.count("\n", self._offset, match.start())
            self._offset = match.start()
            self._lines.setdefault(match.group(1), self._line)
            if match.group(1) == value:
                return self._line
        return 0


def expect(condition: bool, where: str, what: str) -> None:
    """Fail closed on a shape the importer does not know."""
    if not condition:
        raise GateError(f"{where}: {what}")


def field(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    """A required field of the expected JSON type."""
    value = obj.get(key)
    names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
    expect(
        isinstance(value, kind) and not (isinstance(value, bool) and bool not in _tuple(kind)),
        where,
        f"expected {key!r} to be {_json_name(names)}, found {json.dumps(value)[:60]}",
    )
    return value


def optional(obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    return None if obj.get(key) is None else field(obj, key, kind, where)


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _json_name(names: str) -> str:
    words = {"str": "a string", "int": "a number", "bool": "true or false", "dict": "an object"}
    return " or ".join(words.get(n, "a list" if n == "list" else n) for n in names.split(" or "))


def object_list(value: Any, where: str, what: str) -> list[dict[str, Any]]:
    expect(isinstance(value, list), where, f"expected a list of {what}")
    for index, item in enumerate(value):
        expect(isinstance(item, dict), where, f"item {index} of the {what}: expected an object")
    return list(value)


def unique(ids: Iterable[tuple[str, str]], what: str) -> None:
    """GateError on the first id seen twice; ids come as (id, where)."""
    seen: dict[str, str] = {}
    for ident, where in ids:
        if ident in seen:
            raise GateError(
                f"{where}: duplicate {what} id {ident!r} (also at {seen[ident]}); "
                "each object must appear once: export again"
            )
        seen[ident] = where


# -- XML: element trees without DTDs or entities (expat from the standard library) ------


class XmlElement:
    __slots__ = ("children", "line", "tag", "text")

    def __init__(self, tag: str, line: int) -> None:
        self.tag, self.line, self.text = tag, line, ""
        self.children: list[XmlElement] = []

    def find_all(self, tag: str) -> Iterator[XmlElement]:
        return (child for child in self.children if child.tag == tag)

    def child_text(self, tag: str) -> str | None:
        return next((child.text.strip() for child in self.find_all(tag)), None)


def read_xml(path: Path) -> XmlElement:
    """The root element (namespaces stripped from tags). A DOCTYPE or entity declaration
    is refused: vendor metadata never needs one, and it is how XML bombs and external
    entity reads arrive."""
    shown = display_path(path)
    data = read_text(path)
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[XmlElement] = []
    roots: list[XmlElement] = []

    def start(tag: str, _attrs: dict[str, str]) -> None:
        element = XmlElement(tag.rpartition("}")[2], parser.CurrentLineNumber)
        (stack[-1].children if stack else roots).append(element)
        stack.append(element)

    def end(_tag: str) -> None:
        stack.pop()

    def text(chunk: str) -> None:
        if stack:
            stack[-1].text += chunk

    def refuse(*_args: object) -> None:
        raise GateError(
            f"{shown}:{parser.CurrentLineNumber}: a DOCTYPE or entity declaration; "
            "metadata files have none: export the file again"
        )

    parser.StartElementHandler, parser.EndElementHandler = start, end
    parser.CharacterDataHandler = text
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise GateError(
            f"{shown}:{error.lineno}:{error.offset + 1}: not well-formed XML "
            f"({expat.errors.messages[error.code]}); the file may be truncated: retrieve it again"
        ) from error
    return roots[0]
