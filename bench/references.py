"""The two references rolegate is measured against, on the same files.

- floor: PyYAML's C loader (CSafeLoader) parsing every file, in a fresh process; its own
  parse time, without interpreter start-up, is what load + validate is compared to. And
  the event floor: libyaml's event parse alone (no Python objects built), what any YAML
  gate must pay; rolegate's end-to-end time is compared to it.
- opa eval: real OPA evaluating the bundle users deploy (`rolegate bundle`) on the input
  rolegate builds (`--emit-input`, written once, untimed), as a cold process; the end to
  end time is compared to it (issue 21: at most half of it).
- check-jsonschema: validating every file against rolegate's editor schemas (what
  `rolegate schema --out` writes), through one dispatch schema that picks the kind's
  schema, so that one cold process checks the whole repo, as a pre-commit hook would.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import measure

FLOOR_SCRIPT = """
import sys, time, yaml
files = sys.argv[1:]
start = time.perf_counter()
for name in files:
    with open(name, encoding="utf-8") as handle:
        list(yaml.load_all(handle.read(), Loader=yaml.CSafeLoader))
middle = time.perf_counter()
for name in files:
    with open(name, encoding="utf-8") as handle:
        for _ in yaml.parse(handle.read(), Loader=yaml.CSafeLoader):
            pass
print(middle - start, time.perf_counter() - middle)
"""
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


class MissingTool(Exception):
    """A reference the run was asked for cannot be run."""


def yaml_files(repo: Path) -> list[str]:
    """The repo's YAML files, relative to it, sorted."""
    return sorted(p.relative_to(repo).as_posix() for p in repo.rglob("*.y*ml"))


def floor(repo: Path) -> dict[str, float]:
    """Seconds the C loader takes to load the files into Python objects (``parse``), to
    parse them into events alone (``events``), and the process's wall time."""
    try:
        import yaml

        yaml.CSafeLoader  # noqa: B018
    except (ImportError, AttributeError) as error:
        raise MissingTool("PyYAML with libyaml (yaml.CSafeLoader) is not installed") from error
    command = [sys.executable, "-c", FLOOR_SCRIPT, *yaml_files(repo)]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=repo, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise MissingTool(f"the C-loader floor failed: {done.stderr.strip()[-500:]}")
    parse, events = (float(part) for part in done.stdout.split())
    return {"wall": wall, "parse": parse, "events": events}


def schema_dir(out: Path) -> Path:
    """Write the editor schemas and a dispatch schema over them to ``out``."""
    from checker.authoring import editorschema

    out.mkdir(parents=True, exist_ok=True)
    for name, text in editorschema.editor_schema_files().items():
        (out / name).write_text(text, "utf-8")
    branches = [
        {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": {"$ref": editorschema.file_name(kind)},
        }
        for kind in editorschema.kinds()
    ]
    dispatch = {"$schema": DRAFT_07, "title": "any rolegate document", "allOf": branches}
    (out / "dispatch.schema.json").write_text(json.dumps(dispatch, indent=2), "utf-8")
    return out / "dispatch.schema.json"


def check_jsonschema_command(program: str) -> str:
    found = shutil.which(program)
    if found is None:
        raise MissingTool(
            f"{program!r} not found; pip install check-jsonschema, or run with "
            "--references floor (or none)"
        )
    return found


def check_jsonschema(program: str, repo: Path, schema: Path) -> measure.Run:
    command = [check_jsonschema_command(program), "--schemafile", str(schema), *yaml_files(repo)]
    result = measure.run(command, cwd=repo, sample=False)
    if result.code not in (0, 1):
        raise MissingTool(f"check-jsonschema failed to run: {result.stderr.strip()[-500:]}")
    return result


def opa_inputs(rolegate: list[str], opa: str, repo: Path, work: Path, now: str) -> list[str]:
    """The `opa eval` command for ``repo``: the bundle and the input file are made here,
    once, outside the timed runs."""
    if shutil.which(opa) is None and not Path(opa).exists():
        raise MissingTool(f"OPA binary {opa!r} not found (pass --opa PATH)")
    bundle, input_file = work / "rolegate-bundle.tar.gz", work / f"input-{repo.name}.json"
    if not bundle.exists():
        subprocess.run([*rolegate, "bundle", "-o", str(bundle)], check=True, capture_output=True)
    if not input_file.exists():
        emit = [*rolegate, "check", "--no-cache", "--now", now, "--quiet"]
        done = subprocess.run(
            [*emit, "--emit-input", str(input_file), str(repo)], capture_output=True
        )
        if done.returncode not in (0, 1):
            raise MissingTool(f"rolegate could not write the input: {done.stderr[-500:]!r}")
    evaluate = [opa, "eval", "--strict-builtin-errors", "--bundle", str(bundle)]
    return [
        *evaluate,
        "--input",
        str(input_file),
        "--format",
        "json",
        "data.rolegate.main.decision",
    ]


def opa_eval(command: list[str]) -> measure.Run:
    result = measure.run(command)
    if result.code != 0:
        raise MissingTool(f"opa eval failed: {result.stderr.strip()[-500:]}")
    return result
