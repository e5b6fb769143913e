from __future__ import annotations

from pathlib import Path

import pytest

from checker.load.limits import DEFAULT_MAX_FILE_BYTES
from checker.load.loader import load_file, load_text
from checker.load.positions import Region, Request, region_in, regions
from checker.load.yamldata import compose as _compose
from checker.load.yamldata import to_data_with_ends

from conftest import FIXTURES


def problems(text: str) -> list[tuple[int, int, str]]:
    return [(p.line, p.column, p.message) for p in load_text(text, "f.yaml").problems]


def only_data(text: str) -> object:
    loaded = load_text(text, "f.yaml")
    assert loaded.problems == ()
    return loaded.documents[0].data


def test_yaml_11_booleans_and_dates_stay_strings() -> None:
    data = only_data("a: yes\nb: no\nc: on\nd: off\ne: y\nf: n\ng: 2026-01-31\nh: true\n")
    assert data == {
        "a": "yes",
        "b": "no",
        "c": "on",
        "d": "off",
        "e": "y",
        "f": "n",
        "g": "2026-01-31",
        "h": True,
    }


def test_core_schema_scalars() -> None:
    data = only_data("a: 12\nb: 1.5\nc: ~\nd: 0x1f\ne: '12'\nf: !!str 12\ng: .inf\nh: null\n")
    assert data == {
        "a": 12,
        "b": 1.5,
        "c": None,
        "d": 31,
        "e": "12",
        "f": "12",
        "g": ".inf",
        "h": None,
    }


def test_duplicate_key_is_reported_at_the_duplicate() -> None:
    assert problems("spec:\n  a: 1\n  b: 2\n  a: 3\n") == [(4, 3, "duplicate key 'a'")]


def test_object_building_tag_is_refused() -> None:
    assert problems("x: !!python/object/apply:os.system ['true']\n") == [
        (1, 4, "unsupported tag !!python/object/apply:os.system (rolegate reads plain data only)")
    ]


def test_local_tag_is_refused() -> None:
    assert problems("x: !secret abc\n") == [
        (1, 4, "unsupported tag !secret (rolegate reads plain data only)")
    ]


def test_alias_bomb_is_bounded() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    found = problems("\n".join(lines) + "\n")
    assert len(found) == 1
    assert "aliases expand to more than 100000 nodes" in found[0][2]


def test_recursive_alias_is_bounded() -> None:
    assert problems("a: &x [*x]\n") == [(1, 4, "nesting deeper than 200 levels")]


def test_small_aliases_and_merge_keys_work() -> None:
    data = only_data("base: &b {scope: self, actions: [read]}\ng:\n  <<: *b\n  scope: team\n")
    assert data == {
        "base": {"scope": "self", "actions": ["read"]},
        "g": {"scope": "team", "actions": ["read"]},
    }


def test_tab_indented_junk_is_a_syntax_finding() -> None:
    found = problems("roles:\n\t- name: x\n")
    assert len(found) == 1
    line, column, message = found[0]
    assert (line, column) == (2, 1)
    assert message.startswith("invalid YAML: ")


def test_multiple_documents_keep_their_index() -> None:
    loaded = load_text("a: 1\n---\nb: 2\n", "f.yaml")
    assert [(d.index, d.data) for d in loaded.documents] == [(0, {"a": 1}), (1, {"b": 2})]


def test_a_bad_document_does_not_hide_the_others() -> None:
    loaded = load_text("a: 1\n---\nb: 1\nb: 2\n---\nc: 3\n", "f.yaml")
    assert [d.index for d in loaded.documents] == [0, 2]
    assert [(p.line, p.message) for p in loaded.problems] == [(4, "duplicate key 'b'")]


def test_spans_point_at_keys_and_items() -> None:
    doc = load_text("spec:\n  grants:\n    - resource: x\n      scope: all\n", "f").documents[0]
    assert doc.locate(("spec", "grants", 0, "scope")) == (4, 7)
    assert doc.locate(("spec", "grants", 0)) == (3, 7)
    # a path that does not exist falls back to its longest existing prefix
    assert doc.locate(("spec", "grants", 0, "fields", "phone")) == (3, 7)


def test_invalid_utf8_is_a_finding_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    loaded = load_file(path, "bad.yaml")
    assert [(p.rule, p.line, p.column, p.message) for p in loaded.problems] == [
        ("YAML-001", 2, 7, "not valid UTF-8 (byte 0xe9); save the file as UTF-8")
    ]


def test_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    loaded = load_file(path, "huge.yaml")
    assert [p.message for p in loaded.problems] == [
        f"file is 52,428,800 bytes, over the limit of {DEFAULT_MAX_FILE_BYTES:,} (8 MiB); if "
        "it is meant to be this large, raise the limit with --max-file-size or "
        "max_file_size in .rolegate.yaml"
    ]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_files_have_no_problems(text: str) -> None:
    assert load_text(text, "f.yaml").problems == ()


def _every_path_and_beyond(text: str) -> tuple[list[Request], dict[Request, Region]]:
    """Every node's path in each document, and each with a key and an index that do not
    exist; with the region a full map of positions gives for each."""
    requests: list[Request] = []
    expected: dict[Request, Region] = {}
    for index, node in enumerate(_compose(text)):
        _, spans, ends = to_data_with_ends(node)
        for path in spans:
            for asked in (path, (*path, "no-such-key"), (*path, 999), (*path, 1.0)):
                requests.append((index, asked))
                expected[(index, asked)] = region_in(spans, ends, asked)
    return requests, expected


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FIXTURES.rglob("*.yaml") if b"*" not in p.read_bytes()),
    ids=lambda p: p.relative_to(FIXTURES).as_posix(),
)
def test_walking_to_a_node_finds_what_the_full_map_of_positions_holds(path: Path) -> None:
    text = path.read_text()
    requests, expected = _every_path_and_beyond(text)
    assert regions(text, requests) == expected


def test_a_document_with_aliases_or_merge_keys_is_read_whole_for_regions() -> None:
    text = "base: &b {scope: team}\nroles:\n  - <<: *b\n    name: a\n  - *b\n"
    requests, expected = _every_path_and_beyond(text)
    assert ("roles", 1, "scope") in {path for _, path in requests}
    assert regions(text, requests) == expected


@pytest.mark.parametrize(
    ("text", "line", "column", "character"),
    [
        ("a: 1\nb: x\0y\n", 2, 5, "U+0000"),
        ("a: 1\n---\nb: \x01\n", 3, 4, "U+0001"),
        ("é: ok\nnote: café\x7f\n", 2, 11, "U+007F"),
    ],
)
def test_a_control_character_is_a_finding_at_its_line(
    text: str, line: int, column: int, character: str
) -> None:
    assert problems(text) == [
        (
            line,
            column,
            f"invalid YAML: control character {character} is not allowed; remove it "
            "(is this a text file?)",
        )
    ]


def test_a_file_over_a_given_limit_is_a_finding(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\nb: 2\n")
    assert load_file(path, "f.yaml", limit=10).problems == ()
    [problem] = load_file(path, "f.yaml", limit=9).problems
    assert (problem.rule, problem.line, problem.message) == (
        "YAML-001",
        1,
        "file is 10 bytes, over the limit of 9; if it is meant to be this large, raise the "
        "limit with --max-file-size or max_file_size in .rolegate.yaml",
    )
