"""What the rules say about themselves: listings, explanations and docs/rules.md."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from checker.authoring.cases import EXPECT_FILE, load_case
from checker.errors import GateError
from checker.findings import BUILTIN_CHECKS, severity_rank
from checker.policy.policyset import RuleMeta

SNIPPET_CONTEXT = 3


def builtin_cases_dir() -> Path | None:
    """The rules' bad/good cases: shipped in the package, or ``fixtures/rules`` of a checkout."""
    package = Path(__file__).resolve().parent.parent  # checker/, above checker/authoring/
    for candidate in (package / "rule_cases", package.parent / "fixtures" / "rules"):
        if candidate.is_dir():
            return candidate
    return None


def _ordered(rules: tuple[RuleMeta, ...]) -> list[RuleMeta]:
    return sorted(rules, key=lambda r: (r.id.split("-")[0], r.id))


def rules_text(rules: tuple[RuleMeta, ...]) -> str:
    width = max(len(r.id) for r in rules)
    lines = [f"{r.id:<{width}}  {r.severity:<8}  {r.title}" for r in _ordered(rules)]
    lines.append(f"{len(rules)} rules; `rolegate explain ID` for one")
    return "\n".join(lines) + "\n"


def rules_json(rules: tuple[RuleMeta, ...]) -> str:
    listing = [
        {
            "id": r.id,
            "severity": r.severity,
            "title": r.title,
            "description": r.description,
            "subject": r.subject,
            "controls": list(r.controls),
            "remediation": r.remediation,
            "escalations": r.escalations,
            "file": r.file,
        }
        for r in _ordered(rules)
    ]
    return json.dumps(listing, indent=2) + "\n"


def rules_markdown(rules: tuple[RuleMeta, ...]) -> str:
    """docs/rules.md: generated from METADATA; a test fails when the file drifts."""
    parts = [
        "# Rules\n",
        "Generated from the rules' METADATA by "
        "`rolegate rules --format markdown > docs/rules.md`; do not edit by hand.\n",
        "| id | severity | title |",
        "|---|---|---|",
    ]
    parts += [f"| [{r.id}](#{r.id.lower()}) | {r.severity} | {r.title} |" for r in _ordered(rules)]
    for rule in _ordered(rules):
        parts += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.title}** — {_severity_text(rule)}",
            "",
            rule.description,
            "",
            f"Controls: {', '.join(rule.controls)}",
            "",
            f"Remediation: {rule.remediation}",
        ]
    parts += [
        "",
        "## Built-in checks",
        "",
        "Done in Python before the rules run; always critical, never disabled.",
        "",
    ]
    parts += [f"- **{c.id}** {c.title}: {c.description}" for c in BUILTIN_CHECKS]
    return "\n".join(parts) + "\n"


def _severity_text(rule: RuleMeta) -> str:
    raised = sorted(rule.escalations.items(), key=lambda kv: -severity_rank(kv[1]))
    extra = "".join(f"; {level} when {condition.replace('_', ' ')}" for condition, level in raised)
    return f"{rule.severity}{extra}"


@dataclass(frozen=True)
class Snippet:
    file: str
    lines: list[str]


def explain(rule_id: str, rules: tuple[RuleMeta, ...]) -> str:
    rule = next((r for r in rules if r.id == rule_id.upper()), None)
    if rule is None:
        return _explain_builtin(rule_id.upper())
    parts = [
        f"{rule.id}  {rule.title}  ({_severity_text(rule)})",
        "",
        rule.description,
        "",
        f"controls: {', '.join(rule.controls)}",
        "",
        "remediation:",
        rule.remediation,
    ]
    for kind in ("bad", "good"):
        for snippet in _case_snippets(rule.id, kind):
            parts += ["", f"{kind} ({snippet.file}):", *snippet.lines]
    return "\n".join(parts) + "\n"


def _explain_builtin(rule_id: str) -> str:
    check = next((c for c in BUILTIN_CHECKS if c.id == rule_id), None)
    if check is None:
        raise GateError(f"no rule {rule_id!r}; `rolegate rules` lists them")
    return f"{check.id}  {check.title}  ({check.severity})\n\n{check.description}\n"


def _case_snippets(rule_id: str, kind: str) -> list[Snippet]:
    """The lines around each expected finding of the bad case, and the same lines of the
    good case's file of the same name."""
    cases = builtin_cases_dir()
    bad = cases / rule_id / "bad" / EXPECT_FILE if cases else None
    if bad is None or not bad.is_file():
        return []
    marked = [(file, line) for rid, file, line in load_case(bad).expected if rid == rule_id]
    directory = bad.parent.parent / kind
    return [s for file, line in marked[:1] if (s := _window(directory / file, line, kind))]


def _window(path: Path, line: int, kind: str) -> Snippet | None:
    if not path.is_file():
        return None
    text = path.read_text("utf-8").splitlines()
    start, end = max(line - 1 - SNIPPET_CONTEXT, 0), min(line + SNIPPET_CONTEXT, len(text))
    marker = ">" if kind == "bad" else " "
    lines = [
        f"{marker if n == line else ' '} {n:>3} | {text[n - 1]}" for n in range(start + 1, end + 1)
    ]
    return Snippet(path.name, lines)
