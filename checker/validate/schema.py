"""JSON Schemas of the document kinds, and validation errors in check-jsonschema's style."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from checker.validate.dates import FIRST_DATE, LAST_DATE
from checker.validate.fastschema import FastGate
from checker.validate.patterns import joined_problems
from checker.validate.regexclass import RegexError
from checker.validate.regexes import portable

if TYPE_CHECKING:  # jsonschema is imported only when a document is invalid
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

API_VERSION = "rolegate/v1"
KIND_FILES = {
    "DataCatalog": "datacatalog",
    "JobFunctions": "jobfunctions",
    "Role": "role",
    "System": "system",
    "AccountBindings": "accountbindings",
    "OrgPolicy": "orgpolicy",
    "Waiver": "waiver",
}
_COMMON = "common"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class SchemaError:
    """One validation problem: where in the document, and what."""

    path: tuple[str | int, ...]
    message: str


@cache
def schema_text(name: str) -> str:
    """The shipped schema file ``<name>.schema.json`` as text."""
    return resources.files("checker").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(name))
    return loaded


class Validators:
    """One validator per kind, built once per run.

    ``extra_actions`` are the action names the DataCatalog declares; they extend the
    built-in action vocabulary so that any other name is a typo the schema catches.
    A compiled gate passes valid documents (fastschema); jsonschema, which words the
    problems, is built only when a document fails the gate.
    """

    def __init__(self, extra_actions: Iterable[str] = (), *, fast: bool = True) -> None:
        common = schema(_COMMON)
        extra = sorted(set(extra_actions))
        if extra:
            common = _with_actions(common, extra)
        self._common = common
        self._schemas = {kind: schema(name) for kind, name in KIND_FILES.items()}
        self._gate = FastGate(self._schemas, [common]) if fast else None
        self._exact: dict[str, Draft202012Validator] | None = None

    def errors(self, kind: str, document: Any) -> list[SchemaError]:
        """Every problem of a document of a known kind, in document order."""
        if self._gate is not None and self._gate.valid(kind, document):
            return []
        found = [_describe(error) for error in self._exact_validator(kind).iter_errors(document)]
        if kind == "OrgPolicy" and not found:
            found = [SchemaError(path, message) for path, message in joined_problems(document)]
        return sorted(found, key=lambda e: [str(part) for part in e.path])

    def _exact_validator(self, kind: str) -> Draft202012Validator:
        if self._exact is None:
            self._exact = _exact_validators(self._common, self._schemas)
        return self._exact[kind]


def _exact_validators(
    common: dict[str, Any], schemas: dict[str, dict[str, Any]]
) -> dict[str, Draft202012Validator]:
    from jsonschema import Draft202012Validator, FormatChecker
    from referencing import Registry, Resource

    registry: Registry[Any] = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in [common, *schemas.values()]
    )
    formats = FormatChecker()  # every format jsonschema knows, and regex as both engines read it
    formats.checks("regex", raises=RegexError)(_portable_regex)
    return {
        kind: Draft202012Validator(kind_schema, registry=registry, format_checker=formats)
        for kind, kind_schema in schemas.items()
    }


def _portable_regex(instance: object) -> bool:
    """``format: regex``: a pattern OPA (RE2) and the embedded engine read alike."""
    if isinstance(instance, str):
        portable(instance)
    return True


def _with_actions(common: dict[str, Any], extra: list[str]) -> dict[str, Any]:
    extended = copy.deepcopy(common)
    action = extended["$defs"]["action"]
    action["enum"] = [*action["enum"], *(a for a in extra if a not in action["enum"])]
    return extended


def _describe(error: ValidationError) -> SchemaError:
    from jsonschema.exceptions import best_match, by_relevance

    if error.context:
        # For "a name or '*'" style alternatives, the failed pattern says more than the const.
        relevance = by_relevance(weak=frozenset({"anyOf", "oneOf", "const"}))
        error = best_match(error.context, key=relevance)
    path = tuple(error.absolute_path)
    if (
        error.validator == "additionalProperties"
        and isinstance(error.instance, dict)
        and isinstance(error.schema, dict)
    ):
        unexpected = sorted(_unexpected_keys(error.instance, error.schema))
        if unexpected:
            path = (*path, unexpected[0])
            listed = ", ".join(repr(k) for k in unexpected)
            return SchemaError(
                path,
                f"{json_path(path[:-1])}: unknown key {listed} "
                "(misspelt? see `rolegate schema` for the fields)",
            )
    return SchemaError(path, f"{json_path(path)}: {_message(error)}")


def _message(error: ValidationError) -> str:
    """jsonschema's words, except where they would not say what is wrong: a date outside
    the range the engines count, and the reason a format check gave."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "pattern" and schema.get("format") == "date":
        return f"{error.instance!r} is not a date from {FIRST_DATE} to {LAST_DATE} (YYYY-MM-DD)"
    if error.validator == "format" and error.cause is not None:
        return f"{error.message}: {error.cause}"
    return error.message


def _unexpected_keys(instance: dict[str, Any], schema: dict[str, Any]) -> Iterator[str]:
    known = set(schema.get("properties", {}))
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    for key in instance:
        if key not in known and not any(p.search(key) for p in patterns):
            yield key


def json_path(path: Iterable[str | int]) -> str:
    """``$.spec.grants[2].scope``, as check-jsonschema writes it."""
    parts = ["$"]
    for part in path:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            parts.append(f".{part}")
        else:
            parts.append(f"[{json.dumps(part)}]")
    return "".join(parts)
