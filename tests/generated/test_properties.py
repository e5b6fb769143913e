"""Properties of the pipeline (issue 20, item 2), each over generated input.

1. loading any YAML text gives documents and findings, never another exception;
2. every finding has a file, a line and a column inside that file;
3. a finding's location is the node its path names (read again with PyYAML alone);
4. reordering files, or documents in a file, does not change the decision;
5. sharded and unsharded evaluation give the same decision;
6. every output format carries the JSON report's findings (ids and locations);
7. waivers only ever remove the findings they match.
ROLEGATE_PROPERTY_EXAMPLES sets how many examples each draws.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import generated_fixtures
import pytest
import yaml
from edge_values import NEWER_THAN_UNICODE_15, ODD_BREAKS
from generated_repos import RULE_IDS, repos, write_repo
from generated_settings import PROPERTY_EXAMPLES, seeded
from hypothesis import given
from hypothesis import strategies as st
from report_locations import LOCATIONS, json_locations
from two_engines import report_of

from checker.check import LoadedPolicies
from checker.engines import shards
from checker.engines.embedded import evaluate_modules, without_aliases
from checker.errors import GateError
from checker.findings import Finding
from checker.load.loader import load_text
from checker.result import Report

from conftest import FIXTURES

# A failing example of a whole repo prints long; the failure, not the warning, matters.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")
embedded, scratch = generated_fixtures.embedded, generated_fixtures.scratch  # fixtures

Files = list[list[dict[str, Any]]]
YAML_PIECES = [
    *": -[]{}#&*!|>'\"%@`,?\n\t ", "a", "1", "key: value\n", "- item\n", "---\n", "&a ", "*a",
    "!!python/object:os.system ", "\x00", "\x1b", "\ufeff", "\u00e9",
    *NEWER_THAN_UNICODE_15, *ODD_BREAKS,
]  # fmt: skip
FIXTURE_TEXTS = sorted(path.read_text() for path in FIXTURES.glob("example/**/*.yaml"))


def _yaml_texts() -> st.SearchStrategy[str]:
    pieces = st.lists(st.sampled_from(YAML_PIECES), max_size=40).map("".join)
    spliced = st.tuples(st.sampled_from(FIXTURE_TEXTS), st.integers(0, 4000), pieces).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :]
    )
    return st.one_of(pieces, spliced, st.text(max_size=200))


@seeded(PROPERTY_EXAMPLES * 4)
@given(text=_yaml_texts())
def test_loading_any_yaml_text_gives_documents_or_findings(text: str) -> None:
    try:
        loaded = load_text(text, "f.yaml")
    except GateError:
        return
    lines = text.split("\n")
    for problem in loaded.problems:
        assert isinstance(problem, Finding) and problem.rule == "YAML-001"
        assert 1 <= problem.line <= len(lines) and problem.column >= 1
    for document in loaded.documents:  # every node, at a line and column of the text
        for path in _paths(document.data):
            line, column = document.locate(path)
            assert 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1, path


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*path, index))


def _inside(finding: Finding, root: Path) -> bool:
    lines = (root / finding.file).read_text().split("\n")
    return (
        1 <= finding.line <= len(lines) and 1 <= finding.column <= len(lines[finding.line - 1]) + 1
    )


@seeded(PROPERTY_EXAMPLES)
@given(files=repos())
def test_every_finding_is_at_a_line_and_column_inside_its_file(
    files: Files, embedded: LoadedPolicies, scratch: Path
) -> None:
    report = report_of(write_repo(scratch, files), embedded)
    assert [f for f in report.findings if not _inside(f, scratch)] == []


def _marks(node: yaml.Node, path: tuple[Any, ...]) -> set[tuple[int, int]]:
    """Where the node at ``path`` (or its longest prefix) starts, and its key if any."""
    found = {(node.start_mark.line + 1, node.start_mark.column + 1)}
    for part in path:
        children = _children(node)
        if part not in children:
            break
        key, node = children[part]
        found = {(node.start_mark.line + 1, node.start_mark.column + 1)}
        if key is not None:
            found.add((key.start_mark.line + 1, key.start_mark.column + 1))
    return found


def _children(node: yaml.Node) -> dict[Any, tuple[yaml.Node | None, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        return {key.value: (key, value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return {index: (None, item) for index, item in enumerate(node.value)}
    return {}


@seeded(PROPERTY_EXAMPLES)
@given(files=repos())
def test_a_finding_is_at_the_node_its_path_names(
    files: Files, embedded: LoadedPolicies, scratch: Path
) -> None:
    report = report_of(write_repo(scratch, files), embedded)
    for finding in report.findings:
        if finding.path:
            documents = list(yaml.compose_all((scratch / finding.file).read_text()))
            places = set().union(*(_marks(doc, tuple(finding.path)) for doc in documents))
            assert (finding.line, finding.column) in places, finding


_FILE = re.compile(r"\b\d{2}\.yaml\b")


def _outcome(report: Report) -> tuple[bool, Counter[tuple[str, str, str, str]]]:
    """Whether the check fails, and what it finds: each finding's rule, severity, subject
    and message. File names in a message say where, which reordering moves (e.g. which of
    two documents of one name comes "first"), so they are masked."""
    kept = Counter(
        (f.rule, f.severity, f.subject, _FILE.sub("FILE", f.message)) for f in report.findings
    )
    return bool(report.failing("high")), kept


@seeded(PROPERTY_EXAMPLES)
@given(files=repos())
def test_reordering_files_or_documents_keeps_the_decision(
    files: Files, embedded: LoadedPolicies, scratch: Path
) -> None:
    before = _outcome(report_of(write_repo(scratch, files), embedded))
    reordered = [list(reversed(docs)) for docs in reversed(files)]
    assert _outcome(report_of(write_repo(scratch, reordered), embedded)) == before


@seeded(max(2, PROPERTY_EXAMPLES // 5))  # each starts a worker process
@given(files=repos())
def test_sharded_and_unsharded_evaluation_decide_the_same(
    files: Files, embedded: LoadedPolicies, scratch: Path
) -> None:
    report = report_of(write_repo(scratch, files), embedded)
    assert report.engine_input is not None
    policies = without_aliases(embedded.policies)
    sharded = json.loads(shards.evaluate(policies, report.engine_input, evaluate_modules))
    assert sharded == embedded.evaluator.evaluate(report.engine_input)


@seeded(PROPERTY_EXAMPLES)
@given(files=repos())
def test_every_format_carries_the_json_reports_findings(
    files: Files, embedded: LoadedPolicies, scratch: Path
) -> None:
    report = report_of(write_repo(scratch, files), embedded)
    for name, (locations, columns) in LOCATIONS.items():
        assert locations(report) == json_locations(report, columns=columns), name


def _without_waivers(files: Files) -> Files:
    kept = [[doc for doc in docs if doc.get("kind") != "Waiver"] for docs in files]
    return [docs for docs in kept if docs]


def _waiver(number: int, rule: str, target: str, expires: str) -> dict[str, Any]:
    return {
        "apiVersion": "rolegate/v1",
        "kind": "Waiver",
        "metadata": {"name": f"w{number}"},
        "spec": {
            "rule": rule,
            "target": target,
            "reason": "accepted risk",
            "ticket": "SEC-1",
            "approved_by": "p-900",
            "expires": expires,
        },
    }


@seeded(PROPERTY_EXAMPLES)
@given(files=repos(), data=st.data())
def test_waivers_only_remove_the_findings_they_match(
    files: Files, data: st.DataObject, embedded: LoadedPolicies, scratch: Path
) -> None:
    plain = _without_waivers(files)
    before = report_of(write_repo(scratch, plain), embedded)
    subjects = sorted({(f.rule, f.subject) for f in before.findings if f.subject})
    chosen = st.sampled_from(subjects) if subjects else st.nothing()
    aimed = st.one_of(chosen, st.tuples(st.sampled_from(RULE_IDS), st.just("role:nobody")))
    drawn = data.draw(st.lists(aimed, max_size=4, unique=True))
    expires = data.draw(st.sampled_from(["2026-12-31", "2026-11-01", "2027-01-15"]))
    waivers = [_waiver(n, rule, target, expires) for n, (rule, target) in enumerate(drawn)]
    after = report_of(write_repo(scratch, [*plain, waivers] if waivers else plain), embedded)
    own = {f for f in after.findings if f.file == f"{len(plain):02d}.yaml"}
    assert set(after.findings) - own <= set(before.findings)
    matched = {(w.finding.rule, w.finding.subject) for w in after.waived}
    assert matched <= set(drawn)
    for finding in set(before.findings) - set(after.findings):
        assert (finding.rule, finding.subject) in set(drawn)
        assert finding in {w.finding for w in after.waived}
