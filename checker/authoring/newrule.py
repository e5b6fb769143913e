"""What `rolegate new-rule` writes: a rule, its unit tests and a bad and a good golden case.

The skeleton keeps the rule contract from the start (METADATA, the shared finding
constructor, a `fire` and a `pass` test, bad/good cases) but decides nothing: the rule's
condition is ``false`` and its bad examples equal its good ones, so the `fire` test and
the bad case fail until the author writes the condition and a bad example — a new rule
can never pass its tests vacuously. Templates live in ``checker/templates/new_rule/``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

import yaml

_TEMPLATES = ("templates", "new_rule")
_SNAKE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Subject:
    """How a rule about one kind of subject iterates, locates and names it."""

    imports: tuple[str, ...]
    loop: str
    var: str  # the expression handed to the condition
    doc: str
    path: str
    subject_expr: str
    name_expr: str
    hint: str
    files: tuple[str, ...]  # fixture files of a case; the last one holds the finding
    marker: str  # the line of the finding in that file starts with this
    input: str  # the test's input for one document
    example_name: str
    expected_path: str


_RESULT = "import data.rolegate.lib.result"
SUBJECTS = {
    "role": Subject(
        imports=(_RESULT,),
        loop="some role in input.roles",
        var="role",
        doc="role",
        path='["metadata", "name"]',
        subject_expr="result.role_subject(role)",
        name_expr="role.metadata.name",
        hint='spec.tier == "frontline"',
        files=("role.yaml",),
        marker="  name: ",
        input='{"roles": [document]}',
        example_name="tier1-agent",
        expected_path='["metadata", "name"]',
    ),
    "account": Subject(
        imports=("import data.rolegate.lib.model", _RESULT),
        loop="some entry in model.accounts",
        var="entry.account",
        doc="entry.doc",
        path='array.concat(entry.path, ["id"])',
        subject_expr="result.account_subject(entry.account)",
        name_expr="entry.account.id",
        hint='workforce == "contractor"',
        files=("role.yaml", "bindings.yaml"),
        marker="    - id: ",
        input='{"bindings": [document]}',
        example_name="maria.souza",
        expected_path='["spec", "accounts", 0, "id"]',
    ),
    "system": Subject(
        imports=(_RESULT,),
        loop="some system in input.systems",
        var="system",
        doc="system",
        path='["metadata", "name"]',
        subject_expr="result.system_subject(system)",
        name_expr="system.metadata.name",
        hint="spec.audit.retention_days < 365",
        files=("system.yaml",),
        marker="  name: ",
        input='{"systems": [document]}',
        example_name="billing",
        expected_path='["metadata", "name"]',
    ),
}


@dataclass(frozen=True)
class RuleSpec:
    id: str
    title: str
    area: str
    name: str
    severity: str
    subject: str


def default_name(title: str) -> str:
    """A snake_case package name from a title: its first words, at most 40 characters."""
    words = [w for w in _SNAKE.split(title.lower()) if w]
    name = ""
    for word in words:
        if name and len(name) + 1 + len(word) > 40:
            break
        name = f"{name}_{word}" if name else word
    return name if name[:1].isalpha() else f"rule_{name}"


def rule_paths(spec: RuleSpec) -> tuple[str, str]:
    """Where the rule and its test go, relative to the pack."""
    base = f"policies/rolegate/rules/{spec.area}/{spec.name}"
    return f"{base}.rego", f"{base}_test.rego"


def rule_files(spec: RuleSpec, *, today: date, modelines: bool) -> dict[str, str]:
    """Relative POSIX path -> text of every file of the new rule."""
    subject = SUBJECTS[spec.subject]
    rule_path, test_path = rule_paths(spec)
    files = {
        rule_path: _fill(_template("rule.rego.tmpl"), _rule_fills(spec, subject)),
        test_path: _fill(_template("rule_test.rego.tmpl"), _test_fills(spec, subject)),
    }
    for kind in ("bad", "good"):
        files.update(_case_files(spec, subject, kind, today=today, modelines=modelines))
    return files


def _rule_fills(spec: RuleSpec, subject: Subject) -> dict[str, str]:
    return {
        "__TITLE__": _yaml_text(spec.title),
        "__ID__": spec.id,
        "__SEVERITY__": spec.severity,
        "__AREA__": spec.area,
        "__NAME__": spec.name,
        "__IMPORTS__": "".join(f"{line}\n" for line in subject.imports),
        "__DOC__": subject.doc,
        "__PATH__": subject.path,
        "__SUBJECT_EXPR__": subject.subject_expr,
        "__LOOP__": subject.loop,
        "__VAR__": subject.var,
        "__NAME_EXPR__": subject.name_expr,
        "__HINT__": subject.hint,
        "__SUBJECT__": spec.subject,
    }


def _test_fills(spec: RuleSpec, subject: Subject) -> dict[str, str]:
    return {
        "__AREA__": spec.area,
        "__NAME__": spec.name,
        "__EXAMPLES__": _template(f"good_{spec.subject}.rego.tmpl"),
        "__INPUT__": subject.input,
        "__EXAMPLE_NAME__": subject.example_name,
        "__EXPECTED_PATH__": subject.expected_path,
        "__SUBJECT__": spec.subject,
    }


def _case_files(
    spec: RuleSpec, subject: Subject, kind: str, *, today: date, modelines: bool
) -> dict[str, str]:
    header = (
        f"TODO: change this {spec.subject} so that it breaks {spec.id}."
        if kind == "bad"
        else f"A {spec.subject} that meets {spec.id}: keep it a near miss of the bad case."
    )
    case = f"fixtures/rules/{spec.id}/{kind}"
    files = {
        f"{case}/{name}": _fixture(name, header, today=today, modelines=modelines)
        for name in subject.files
    }
    finding_file = subject.files[-1]
    fills = {
        "__ID__": spec.id,
        "__TODAY__": today.isoformat(),
        "__FILE__": finding_file,
        "__LINE__": str(_line_of(files[f"{case}/{finding_file}"], subject.marker)),
    }
    files[f"{case}/expect.yaml"] = _fill(_template(f"expect_{kind}.yaml.tmpl"), fills)
    return files


def _fixture(name: str, header: str, *, today: date, modelines: bool) -> str:
    kind = {"role.yaml": "role", "bindings.yaml": "accountbindings", "system.yaml": "system"}
    modeline = (
        f"# yaml-language-server: $schema=../../../../schemas/{kind[name]}.schema.json\n"
        if modelines
        else ""
    )
    fills = {"__MODELINE__": modeline, "__HEADER__": header, "__TODAY__": today.isoformat()}
    return _fill(_template(f"{name}.tmpl"), fills)


def _line_of(text: str, marker: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(marker))


def _yaml_text(text: str) -> str:
    """``text`` as a YAML scalar: plain where YAML reads it back unchanged, else quoted."""
    try:
        plain = yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def _fill(text: str, fills: dict[str, str]) -> str:
    for placeholder, value in fills.items():
        text = text.replace(placeholder, value)
    return text


def _template(name: str) -> str:
    return resources.files("checker").joinpath(*_TEMPLATES, name).read_text("utf-8")
