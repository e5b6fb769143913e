"""`rolegate schema` and the editor schemas that the fixtures' modelines name."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from checker.authoring.editorschema import (
    editor_schema,
    editor_schema_files,
    editor_schema_text,
    kinds,
)
from checker.load.loader import load_file
from checker.validate.documents import validate

from conftest import FIXTURES, ROOT, CliResult

Cli = Callable[..., CliResult]
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<target>\S+)\n")
# Model documents only: not the golden cases' expect.yaml, nor a project's .rolegate.yaml.
FIXTURE_FILES = sorted(
    path for path in FIXTURES.rglob("*.y*ml") if path.name not in ("expect.yaml", ".rolegate.yaml")
)


def schema_refs(node: Any) -> Iterator[str]:
    """Every ``$ref`` value in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from schema_refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from schema_refs(item)


def resolves_inside(schema: dict[str, Any], ref: str) -> bool:
    """Whether ``ref`` is a JSON pointer into ``schema`` itself that names a node."""
    if not ref.startswith("#/"):
        return False
    node: Any = schema
    for part in ref[2:].split("/"):
        key = part.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return isinstance(node, dict)


def assert_self_contained(schema: dict[str, Any]) -> None:
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    refs = list(schema_refs(schema))
    assert refs, "a kind schema with no $ref did not get its shared definitions"
    assert [ref for ref in refs if not resolves_inside(schema, ref)] == []


def modeline_schema(path: Path) -> Path:
    found = MODELINE.match(path.read_text(encoding="utf-8"))
    assert found, f"{path}: first line is not a yaml-language-server modeline"
    return (path.parent / found["target"]).resolve()


@pytest.mark.parametrize("kind", kinds())
def test_editor_schema_is_self_contained_draft_07(kind: str) -> None:
    assert_self_contained(editor_schema(kind))


def test_project_schemas_dir_is_generated() -> None:
    written = {path.name: path.read_text() for path in (ROOT / "schemas").iterdir()}
    assert written == editor_schema_files(), (
        "schemas/ drifted from checker/schemas: run `rolegate schema --out schemas`"
    )


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_fixture_modeline_names_a_self_contained_schema_of_its_kind(path: Path) -> None:
    target = modeline_schema(path)
    assert target.parent == ROOT / "schemas"
    assert target.is_file()
    schema = json.loads(target.read_text())
    assert_self_contained(schema)
    kinds_in_file = {doc.data.get("kind") for doc in load_file(path, path.name).documents}
    assert kinds_in_file == {schema["properties"]["kind"]["const"]}


def test_editor_schemas_accept_every_document_rolegate_accepts() -> None:
    documents = [doc for path in FIXTURE_FILES for doc in load_file(path, str(path)).documents]
    accepted = validate(documents).documents
    assert len(accepted) == len(documents)  # every fixture document is schema-valid
    rejected = {
        (doc.file, doc.index): [error.message for error in _editor_errors(doc.file, doc.data)]
        for _, doc in accepted
    }
    assert {where: errors for where, errors in rejected.items() if errors} == {}


def _editor_errors(file: str, data: Any) -> list[Any]:
    schema = json.loads(modeline_schema(Path(file)).read_text())
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(data))


def test_editor_schema_still_catches_misspelt_keys_and_bad_values() -> None:
    role = FIXTURES / "example" / "roles" / "frontline.yaml"
    data = load_file(role, "frontline.yaml").documents[0].data
    data["spec"]["grants"][0]["scpoe"] = data["spec"]["grants"][0].pop("scope")
    data["spec"]["tier"] = "frontlne"
    messages = sorted(error.message for error in _editor_errors(str(role), data))
    assert messages == [
        "'frontlne' is not one of ['frontline', 'backoffice', 'supervisor', 'qa', 'admin', "
        "'access_admin', 'break_glass']",
        "'scope' is a required property",
        "Additional properties are not allowed ('scpoe' was unexpected)",
    ]


def test_editor_schema_accepts_a_custom_action_but_offers_the_built_in_ones() -> None:
    definitions = editor_schema("Role")["definitions"]
    action = definitions["action"]
    validator = Draft7Validator({**action, "definitions": definitions})
    assert validator.is_valid("schedule_callback")
    assert not validator.is_valid("Not An Action")
    assert "read" in action["anyOf"][0]["enum"]


def test_schema_lists_the_kinds(cli: Cli) -> None:
    assert cli("schema") == (
        0,
        "DataCatalog      datacatalog.schema.json\n"
        "JobFunctions     jobfunctions.schema.json\n"
        "Role             role.schema.json\n"
        "System           system.schema.json\n"
        "AccountBindings  accountbindings.schema.json\n"
        "OrgPolicy        orgpolicy.schema.json\n"
        "Waiver           waiver.schema.json\n"
        "7 kinds; `rolegate schema KIND` prints one, `rolegate schema --out DIR` writes them all\n",
        "",
    )


def test_schema_prints_one_kind_in_any_case(cli: Cli) -> None:
    code, out, err = cli("schema", "role")
    assert (code, out, err) == (0, editor_schema_text("Role"), "")
    assert json.loads(out)["title"] == "rolegate Role"


def test_schema_unknown_kind(cli: Cli) -> None:
    assert cli("schema", "Rol") == (
        2,
        "",
        "rolegate: error: unknown kind 'Rol'; choose one of DataCatalog, JobFunctions, Role, "
        "System, AccountBindings, OrgPolicy, Waiver\n",
    )


def test_schema_out_writes_every_kind(cli: Cli, tmp_path: Path) -> None:
    out_dir = tmp_path / "new" / "schemas"
    code, out, err = cli("schema", "--out", str(out_dir))
    files = editor_schema_files()
    assert (code, err) == (0, "")
    assert out == "".join(f"wrote {out_dir / name}\n" for name in files)
    assert {p.name: p.read_text() for p in out_dir.iterdir()} == files


def test_schema_out_one_kind_replaces_a_stale_file(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "system.schema.json").write_text("{}")
    assert cli("schema", "System", "--out", str(tmp_path)) == (
        0,
        f"wrote {tmp_path / 'system.schema.json'}\n",
        "",
    )
    assert [p.name for p in tmp_path.iterdir()] == ["system.schema.json"]
    assert (tmp_path / "system.schema.json").read_text() == editor_schema_text("System")


def test_schema_out_onto_a_file_is_an_error(cli: Cli, tmp_path: Path) -> None:
    blocker = tmp_path / "schemas"
    blocker.write_text("not a directory")
    code, out, err = cli("schema", "Role", "--out", str(blocker))
    assert (code, out) == (2, "")
    where = blocker / "role.schema.json"
    assert err.startswith(f"rolegate: error: {where}: cannot write the editor schema: ")
    assert err.endswith("; check that the directory exists and is writable\n")
