"""``rolegate new-rule ID``: scaffold a rule, its tests and its golden cases."""

from __future__ import annotations

import argparse
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.commands.options import EXIT_PASS, parse_now
from checker.errors import GateError
from checker.findings import SEVERITIES

if TYPE_CHECKING:
    from checker.authoring.newrule import RuleSpec

_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

EPILOG = """\
writes, under DIR (default: .):
  policies/rolegate/rules/AREA/NAME.rego        the rule: METADATA and a TODO condition
  policies/rolegate/rules/AREA/NAME_test.rego   a `fire` and a `pass` test
  fixtures/rules/ID/bad/, fixtures/rules/ID/good/   golden cases (config + expect.yaml)
  fixtures/rules/_base/                         shared config of the cases, if missing

The `fire` test and the bad case fail until you write the condition and a bad example.
example:
  rolegate new-rule ACME-001 --title "Frontline role can delete interaction records" \\
      --area acme --severity high --dir my-rules
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "new-rule",
        help="scaffold a new rule with tests and golden cases",
        description="Write a rule skeleton that follows the rule contract, its unit tests, "
        "and a bad and a good golden case.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("rule_id", type=_rule_id, metavar="ID", help="rule id, e.g. ACME-001")
    parser.add_argument("--title", required=True, type=_title, help="one-line rule title")
    parser.add_argument(
        "--area", required=True, type=_snake, help="rule area, the package's second-last part"
    )
    parser.add_argument(
        "--name", type=_snake, default=None, help="rule name, snake_case (default: from --title)"
    )
    parser.add_argument(
        "--severity", choices=SEVERITIES, default="medium", help="severity (default: medium)"
    )
    parser.add_argument(
        "--subject",
        choices=("role", "account", "system"),
        default="role",
        help="what a finding is about (default: role)",
    )
    parser.add_argument(
        "--dir", type=Path, default=Path("."), help="the rule pack to write into (default: .)"
    )
    parser.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="DATE",
        help="the date the cases are pinned to (default: today)",
    )
    parser.set_defaults(handler=run)


def _rule_id(text: str) -> str:
    from checker.policy.metadata import RULE_ID

    if not RULE_ID.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not a rule id like ACME-001")
    return text


def _snake(text: str) -> str:
    if not _SNAKE.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not snake_case, like data_export")
    return text


def _title(text: str) -> str:
    if not text.strip() or "\n" in text:
        raise argparse.ArgumentTypeError("a title is one non-empty line")
    return text.strip()


def run(args: argparse.Namespace) -> int:
    from checker.authoring.newrule import RuleSpec, default_name, rule_files, rule_paths
    from checker.files import write_files

    name = args.name or default_name(args.title)
    spec = RuleSpec(args.rule_id, args.title, args.area, name, args.severity, args.subject)
    today = (args.now or datetime.now(timezone.utc)).date()
    files = rule_files(spec, today=today, modelines=(args.dir / "schemas").is_dir())
    files.update(_base_files(args.dir))
    _refuse_used_id(spec.id, args.dir)
    _refuse_existing(args.dir, files)
    write_files(args.dir, files, what="new rule")
    print(_summary(args.dir, files, rule_paths(spec), spec))
    return EXIT_PASS


def _base_files(directory: Path) -> dict[str, str]:
    """The cases' shared config (catalog, functions, system, org policy), if the pack has none."""
    from checker.authoring.ruledocs import builtin_cases_dir

    target = "fixtures/rules/_base"
    source = builtin_cases_dir()
    if (directory / target).exists() or source is None:
        return {}
    return {
        f"{target}/{path.name}": path.read_text("utf-8")
        for path in sorted((source / "_base").glob("*.yaml"))
    }


def _refuse_existing(directory: Path, files: dict[str, str]) -> None:
    existing = [path for path in files if (directory / path).exists()]
    if existing:
        raise GateError(
            f"{directory / existing[0]} already exists; new-rule never overwrites: "
            "pick another --name or ID, or remove the old files"
        )


def _refuse_used_id(rule_id: str, directory: Path) -> None:
    from checker.policy.policyset import load_policy_set

    packs = (directory,) if directory.is_dir() else ()
    used = next((r for r in load_policy_set(packs).rules if r.id == rule_id), None)
    if used is not None:
        raise GateError(f"rule id {rule_id} is already used by {used.file}:{used.line}")


def _summary(directory: Path, files: dict[str, str], paths: tuple[str, str], spec: RuleSpec) -> str:
    rule, test = paths
    lines = [f"wrote {len(files)} files under {directory}:"]
    lines += [f"  {path}" for path in files]
    lines += [
        "next:",
        f"  1. write the condition of {spec.id} in {rule} (TODO)",
        f"  2. make the bad examples break it: _bad in {test}, and",
        f"     fixtures/rules/{spec.id}/bad/ (expect.yaml names the line of the finding)",
        f"  3. rolegate test {directory}",
    ]
    return "\n".join(lines)
