"""``rolegate rules``: list the rules from their METADATA."""

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
from checker.commands.options import EXIT_PASS, add_format_option, add_policy_option


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "rules", help="list the rules", description="List every rule: id, severity, title."
    )
    add_format_option(parser, ("text", "json", "markdown"), "; markdown is docs/rules.md")
    add_policy_option(parser)
    add_config_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.authoring import ruledocs
    from checker.policy.policyset import load_policy_set

    packs = policy_packs(args, read_project_config(args, start=Path(".")))
    render = {
        "text": ruledocs.rules_text,
        "json": ruledocs.rules_json,
        "markdown": ruledocs.rules_markdown,
    }[args.format]
    sys.stdout.write(render(load_policy_set(packs).rules))
    return EXIT_PASS
