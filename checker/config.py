"""The project config, ``.rolegate.yaml``: custom rule packs, paths to ignore, defaults.

Found by walking up from the first checked path to the repository root (the directory
holding ``.git``) or the filesystem root, or named with ``--config``. It is read by the
same safe loader as the config repo and checked against ``checker/schemas/
config.schema.json``; any problem is an error at its ``file:line`` (exit 2), never a
silently ignored setting. Options given on the command line win over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.errors import GateError
from checker.files import display_path
from checker.load.limits import checked_size, parse_size
from checker.load.loader import Document, load_file
from checker.load.patterns import PathPatterns
from checker.validate import schema

if TYPE_CHECKING:  # jsonschema is imported only when there is a config file to check
    from jsonschema.exceptions import ValidationError

CONFIG_NAME = ".rolegate.yaml"


@dataclass(frozen=True)
class ProjectConfig:
    file: str | None = None  # as messages name it; None when there is no config
    policies: tuple[Path, ...] = ()
    ignore: PathPatterns | None = None
    fail_on: str | None = None
    format: str | None = None
    # Report (format, file) pairs; file None is standard output. From `formats`, or
    # `format` alone.
    outputs: tuple[tuple[str, Path | None], ...] = ()
    # Where a YAML document that is not rolegate's is a finding: True everywhere, or the
    # paths the patterns match.
    strict: PathPatterns | bool = False
    max_file_bytes: int | None = None  # the largest file read; None: the default
    lines: dict[str, int] = field(default_factory=dict)  # top-level key -> its line
    usage: tuple[str, ...] = ()  # usage logs (files, folders, globs), relative to base
    base: Path | None = None  # the folder holding the config file

    def where(self, key: str) -> str:
        """``file:line`` of a key, for messages about its value."""
        return f"{self.file}:{self.lines.get(key, 1)}"


def project_config(explicit: Path | None, *, start: Path) -> ProjectConfig:
    """``--config FILE`` if given, else the nearest ``.rolegate.yaml`` above ``start``."""
    if explicit is not None:
        if not explicit.is_file():
            raise GateError(f"{explicit}: config file not found; check the --config path")
        return load_config(explicit)
    found = find_config(start)
    return load_config(found) if found else ProjectConfig()


def find_config(start: Path) -> Path | None:
    """The nearest config at or above ``start``, stopping at a repository's root."""
    directory = start.resolve()
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        if (candidate / CONFIG_NAME).is_file():
            return candidate / CONFIG_NAME
        if (candidate / ".git").exists():
            return None
    return None


def load_config(path: Path) -> ProjectConfig:
    shown = display_path(path)
    document = _document(path, shown)
    problems = (
        _schema_problems(document)
        or _missing_packs(document, path.parent)
        or _format_conflict(document)
        or _size_problems(document)
    )
    if problems:
        raise GateError("\n".join(f"{shown}:{problem}" for problem in problems))
    data: dict[str, Any] = document.data or {}
    base = path.parent
    return ProjectConfig(
        file=shown,
        policies=tuple(base / p for p in data.get("policies", [])),
        ignore=PathPatterns(base, tuple(data["ignore"])) if data.get("ignore") else None,
        fail_on=data.get("fail_on"),
        format=data.get("format"),
        outputs=_outputs(data, base),
        strict=_strict(data.get("strict", False), base),
        max_file_bytes=_size(data["max_file_size"]) if "max_file_size" in data else None,
        lines={key: document.locate((key,))[0] for key in data},
        usage=tuple(data.get("usage", [])),
        base=base,
    )


def _outputs(data: dict[str, Any], base: Path) -> tuple[tuple[str, Path | None], ...]:
    if "format" in data:
        return ((data["format"], None),)
    return tuple(
        (item, None) if isinstance(item, str) else (item["format"], base / item["output"])
        for item in data.get("formats", [])
    )


def _strict(value: bool | list[str], base: Path) -> PathPatterns | bool:
    return PathPatterns(base, tuple(value)) if isinstance(value, list) else value


def _size(value: int | str) -> int:
    """``max_file_size`` in bytes: a number of bytes, or a size such as ``32MiB``."""
    if isinstance(value, int):
        return checked_size(value, shown=str(value))
    return parse_size(value)


def _size_problems(document: Document) -> list[str]:
    data = document.data or {}
    try:
        if "max_file_size" in data:
            _size(data["max_file_size"])
    except ValueError as error:
        return _texts([_at(document, ("max_file_size",), f"$.max_file_size: {error}")])
    return []


def _document(path: Path, shown: str) -> Document:
    loaded = load_file(path, shown)
    if loaded.problems:
        problems = [f"{p.file}:{p.line}:{p.column}: {p.message}" for p in loaded.problems]
        raise GateError("\n".join(problems))
    if len(loaded.documents) > 1:
        line = loaded.documents[1].locate(())[0]
        raise GateError(f"{shown}:{line}: a config file holds one YAML document; remove the ---")
    if not loaded.documents:
        return Document(shown, 0, None, {})
    return loaded.documents[0]


Problem = tuple[int, int, str]  # line, column, message


def _schema_problems(document: Document) -> list[str]:
    if document.data is None:  # an empty file: every default applies
        return []
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema.schema("config"))
    errors = validator.iter_errors(document.data)
    return _texts([problem for error in errors for problem in _describe(document, error)])


def _describe(document: Document, error: ValidationError) -> list[Problem]:
    from jsonschema.exceptions import best_match

    if error.context:  # anyOf: the alternative of the value's own type says most
        typed = [e for e in error.context if e.validator != "type"]
        error = best_match(typed or error.context)
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = schema.schema("config")["properties"]
        return [
            _at(document, (*path, key), f"unknown key {key!r}; the keys are {', '.join(known)}")
            for key in error.instance
            if key not in known
        ]
    return [_at(document, path, f"{schema.json_path(path)}: {error.message}")]


def _missing_packs(document: Document, base: Path) -> list[str]:
    packs = (document.data or {}).get("policies", [])
    message = "policy pack {!r} not found; paths are relative to the config file"
    return _texts(
        [
            _at(document, ("policies", i), message.format(pack))
            for i, pack in enumerate(packs)
            if not (base / pack).exists()
        ]
    )


def _format_conflict(document: Document) -> list[str]:
    data = document.data or {}
    if "format" in data and "formats" in data:
        return _texts([_at(document, ("formats",), "give either format or formats, not both")])
    return []


def _at(document: Document, path: tuple[str | int, ...], message: str) -> Problem:
    line, column = document.locate(path)
    return line, column, message


def _texts(problems: list[Problem]) -> list[str]:
    return [f"{line}:{column}: {message}" for line, column, message in sorted(problems)]
