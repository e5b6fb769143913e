"""``rolegate explain ID``: one rule's description, controls, remediation and examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.commands.config_options import (
    add_config_option,
    policy_packs,
    read_project_config,
)
from checker.commands.options import EXIT_PASS, add_policy_option


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "explain",
        help="explain one rule",
        description="Print a rule's description, controls, remediation and a bad and a good "
        "example.",
    )
    parser.add_argument("rule_id", metavar="ID", help="rule id, e.g. LP-002")
    add_policy_option(parser)
    add_config_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.authoring import ruledocs
    from checker.policy.policyset import load_policy_set

    packs = policy_packs(args, read_project_config(args, start=Path(".")))
    sys.stdout.write(ruledocs.explain(args.rule_id, load_policy_set(packs).rules))
    return EXIT_PASS
