"""Policy sets: the built-in rules plus any extra rule directories, with their metadata."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker import metadata
from checker.errors import GateError


@dataclass(frozen=True)
class RegoFile:
    path: Path
    display: str
    text: str


@dataclass(frozen=True)
class RuleMeta:
    """A rule's METADATA, as every engine receives it in ``data.rolegate.rule_index``."""

    id: str
    title: str
    description: str
    severity: str
    subject: str
    controls: tuple[str, ...]
    remediation: str
    escalations: dict[str, str]  # condition a finding names -> its severity
    area: str
    name: str
    file: str
    line: int

    def as_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "severity": self.severity,
            "subject": self.subject,
            "controls": list(self.controls),
            "escalations": dict(self.escalations),
            "area": self.area,
            "name": self.name,
        }


@dataclass(frozen=True)
class PolicySet:
    files: tuple[RegoFile, ...]
    rules: tuple[RuleMeta, ...]

    def rule_index(self) -> list[dict[str, Any]]:
        return [rule.as_data() for rule in self.rules]

    def data(self) -> dict[str, Any]:
        """The data document every engine is given beside the policies."""
        return {"rolegate": {"rule_index": self.rule_index()}}


def builtin_policy_dir() -> Path:
    """The shipped rules: inside the installed package, or ``policies/`` of a checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "policies", package.parent / "policies"):
        if (candidate / "rolegate" / "main.rego").is_file():
            return candidate
    raise GateError(f"built-in policies not found next to {package}; reinstall rolegate")


def load_policy_set(extra_dirs: tuple[Path, ...] = (), *, tests: bool = False) -> PolicySet:
    """Read the built-in rules and ``extra_dirs``; with ``tests``, also ``*_test.rego``."""
    files = [f for d in (builtin_policy_dir(), *extra_dirs) for f in _rego_files(d, tests=tests)]
    rules = tuple(rule for f in files if (rule := _rule_meta(f)) is not None)
    _check_unique_ids(rules)
    if not rules:
        raise GateError("no rules found in the policy directories; nothing could be checked")
    return PolicySet(tuple(files), rules)


def _rego_files(directory: Path, *, tests: bool) -> list[RegoFile]:
    if not directory.is_dir():
        raise GateError(f"{directory}: policy directory not found")
    found = []
    for root, dirs, names in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.endswith(".rego") and (tests or not name.endswith("_test.rego")):
                found.append(_read(Path(root, name)))
    return found


def _read(path: Path) -> RegoFile:
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise GateError(f"{path}: cannot read policy file: {error}") from error
    return RegoFile(path, _display(path), text)


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _rule_meta(rego: RegoFile) -> RuleMeta | None:
    """The metadata of a rule file; None for libraries and tests."""
    package = metadata.package_of(rego.text)
    if package is None:
        raise GateError(f"{rego.display}:1: no package statement")
    match = metadata.RULE_PACKAGE.match(package[0])
    if match is None or package[0].endswith("_test"):
        return None
    try:
        annotation = metadata.package_annotation(rego.text)
    except ValueError as error:
        raise GateError(f"{rego.display}: {error}") from error
    if annotation is None:
        raise GateError(
            f"{rego.display}:{package[1]}: rule package {package[0]} has no "
            "METADATA block; add one above the package line"
        )
    problems = metadata.rule_problems(annotation.content)
    if problems:
        raise GateError(f"{rego.display}:{annotation.line}: METADATA: {'; '.join(problems)}")
    return _to_rule(annotation, match.group(1), match.group(2), rego.display)


def _to_rule(annotation: metadata.Annotation, area: str, name: str, file: str) -> RuleMeta:
    content = annotation.content
    custom = content["custom"]
    return RuleMeta(
        id=custom["id"],
        title=content["title"].strip(),
        description=content["description"].strip(),
        severity=custom["severity"],
        subject=custom["subject"],
        controls=tuple(custom["controls"]),
        remediation=custom["remediation"].strip(),
        escalations=dict(custom.get("escalations") or {}),
        area=area,
        name=name,
        file=file,
        line=annotation.line,
    )


def _check_unique_ids(rules: tuple[RuleMeta, ...]) -> None:
    seen: dict[str, RuleMeta] = {}
    for rule in rules:
        if rule.id in seen:
            first = seen[rule.id]
            raise GateError(
                f"rule id {rule.id} is used twice: {first.file}:{first.line} "
                f"and {rule.file}:{rule.line}"
            )
        seen[rule.id] = rule
