"""Small mutations of the fixture repos: the issue's list, each a strategy.

Change a scope, a visibility, an action, an audit flag, a date, a pattern or a number;
add a second binding for a person; drop a field. One to three of them on the example or
the incident repo, where their values are drawn from the same pools as generated repos,
edges included.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from edge_values import PATTERNS, dates, integers
from hypothesis import strategies as st

from checker.load.loader import load_file

from conftest import FIXTURES

Files = list[tuple[str, list[Any]]]  # (path inside the repo, its documents)
Where = tuple[int, int, tuple[Any, ...]]  # file, document, path inside it

SCOPES = ["self", "assigned", "team", "division", "all", "everyone"]
VISIBILITIES = ["none", "compare", "masked", "reveal_on_demand", "full", "shown"]
ACTIONS = ["read", "export", "bulk_read", "approve", "refund", "impersonate", "*", "reed"]
FLAGS = {"read_events", "change_events", "mfa", "require_reason", "step_up_verification"}
DATE_KEYS = {"last_review", "valid_from", "valid_until", "expires"}


@cache
def fixture_files(name: str) -> tuple[tuple[str, tuple[Any, ...]], ...]:
    root = FIXTURES / name
    found = []
    for path in sorted(root.rglob("*.yaml")):
        relative = path.relative_to(root).as_posix()
        if relative != "expect.yaml":
            loaded = load_file(path, relative)
            found.append((relative, tuple(doc.data for doc in loaded.documents)))
    return tuple(found)


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    yield path, node
    if isinstance(node, (dict, list)):
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            yield from _leaves(value, (*path, key))


def _places(files: Files, wanted: Callable[[tuple[Any, ...], Any], bool]) -> list[Where]:
    return [
        (f, d, path)
        for f, (_, docs) in enumerate(files)
        for d, doc in enumerate(docs)
        for path, value in _leaves(doc)
        if path and wanted(path, value)
    ]


def _set(files: Files, where: Where, value: Any) -> None:
    f, d, path = where
    node = files[f][1][d]
    for key in path[:-1]:
        node = node[key]
    if value is _DROP:
        del node[path[-1]]
    else:
        node[path[-1]] = value


_DROP = object()
_KEY = {  # what to change, by the key it sits under, and what to draw for it
    "scope": (lambda p, v: p[-1] == "scope", st.sampled_from(SCOPES)),
    "visibility": (
        lambda p, v: len(p) > 1 and p[-2] == "fields" and v in VISIBILITIES,
        st.sampled_from(VISIBILITIES),
    ),
    "action": (lambda p, v: len(p) > 1 and p[-2] == "actions", st.sampled_from(ACTIONS)),
    "flag": (lambda p, v: p[-1] in FLAGS, st.sampled_from([True, False, "yes", None])),
    "date": (lambda p, v: p[-1] in DATE_KEYS, dates()),
    "pattern": (
        lambda p, v: len(p) > 1 and p[-2] == "generic_account_patterns",
        st.sampled_from(PATTERNS),
    ),
    "number": (lambda p, v: isinstance(v, int) and not isinstance(v, bool), integers(0, 400)),
    "drop": (lambda p, v: isinstance(p[-1], str), st.just(_DROP)),
}


@st.composite
def _change(draw: st.DrawFn, files: Files) -> None:
    kind = draw(st.sampled_from([*_KEY, "second_binding"]))
    if kind == "second_binding":
        return _second_binding(draw, files)
    wanted, values = _KEY[kind]
    places = _places(files, wanted)
    if places:
        _set(files, draw(st.sampled_from(places)), draw(values))
    return None


def _second_binding(draw: st.DrawFn, files: Files) -> None:
    """A person's second account, holding another role of the repo."""
    accounts = _places(files, lambda p, v: len(p) == 3 and p[1] == "accounts")
    roles = sorted(
        {doc["metadata"]["name"] for _, docs in files for doc in docs if doc.get("kind") == "Role"}
    )
    if not accounts or not roles:
        return
    f, d, path = draw(st.sampled_from(accounts))
    account = copy.deepcopy(files[f][1][d]["spec"]["accounts"][path[2]])
    account["id"] = f"{account['id']}.second"
    account["roles"] = [draw(st.sampled_from(roles))]
    files[f][1][d]["spec"]["accounts"].append(account)


@st.composite
def mutants(draw: st.DrawFn) -> Files:
    """A fixture repo with one to three small changes."""
    name = draw(st.sampled_from(["example", "incident"]))
    files: Files = [(path, copy.deepcopy(list(docs))) for path, docs in fixture_files(name)]
    for _ in range(draw(st.integers(1, 3))):
        draw(_change(files))
    return files


def write_mutant(root: Path, files: Files) -> tuple[Path, ...]:
    for relative, docs in files:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump_all(docs, allow_unicode=True, sort_keys=False))
    return (root,)
