"""Policy sets: the built-in rules plus any extra rule directories, with their metadata."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.errors import GateError
from checker.policy.packs import RegoFile as RegoFile
from checker.policy.packs import read_pack
from checker.policy.portability import problems
from checker.policy.rulelint import RuleSource, rule_sources


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

    def rule_index(self) -> dict[str, dict[str, Any]]:
        """Rule metadata by id (an object, so OPA's data API can write it whole)."""
        return {rule.id: rule.as_data() for rule in self.rules}

    def custom_rule_ids(self) -> frozenset[str]:
        """The ids of the rules that come from packs other than the built-in one."""
        builtin = builtin_policy_dir().resolve()
        custom = {r.display for r in self.files if not r.path.resolve().is_relative_to(builtin)}
        return frozenset(rule.id for rule in self.rules if rule.file in custom)

    def data(self) -> dict[str, Any]:
        """The data document every engine is given beside the policies."""
        return {"rolegate": {"rule_index": self.rule_index()}}


def builtin_policy_dir() -> Path:
    """The shipped rules: inside the installed package, or ``policies/`` of a checkout."""
    package = Path(__file__).resolve().parent.parent  # checker/, above checker/policy/
    for candidate in (package / "policies", package.parent / "policies"):
        if (candidate / "rolegate" / "main.rego").is_file():
            return candidate
    raise GateError(f"built-in policies not found next to {package}; reinstall rolegate")


def load_policy_set(extra_dirs: tuple[Path, ...] = (), *, tests: bool = False) -> PolicySet:
    """Read the built-in rules and the extra packs (directories or bundle tarballs), and
    lint every rule's METADATA; with ``tests``, also read ``*_test.rego``."""
    sources = (builtin_policy_dir(), *extra_dirs)
    files = _unique([f for source in sources for f in read_pack(source, tests=tests)])
    _check_portable(files)
    rules = tuple(_to_rule(source) for source in rule_sources(files))
    if not rules:
        raise GateError("no rules found in the policy directories; nothing could be checked")
    return PolicySet(files, rules)


def _check_portable(files: tuple[RegoFile, ...]) -> None:
    found = [problem for rego in files for problem in problems(rego)]
    if found:
        raise GateError(
            "Rego that would decide differently on OPA and the embedded engine:\n  "
            + "\n  ".join(found)
        )


def _unique(files: list[RegoFile]) -> tuple[RegoFile, ...]:
    """Each file once, even when packs overlap (a pack inside another, or named twice)."""
    seen: dict[Path, RegoFile] = {}
    for rego in files:
        seen.setdefault(rego.path.resolve(), rego)
    return tuple(seen.values())


def _to_rule(source: RuleSource) -> RuleMeta:
    content = source.content
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
        area=source.area,
        name=source.name,
        file=source.file,
        line=source.line,
    )
