"""What ``check`` and ``diff`` hand the check pipeline: the command line and the project
config merged into one frozen ``CheckOptions``."""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from checker.commands.base_options import git_base
from checker.commands.config_options import policy_packs
from checker.commands.engine_options import engine_settings
from checker.commands.usage_options import usage_logs

if TYPE_CHECKING:  # the pipeline is imported only when a command runs
    from checker.check import CheckOptions
    from checker.config import ProjectConfig


def check_options(args: argparse.Namespace, config: ProjectConfig) -> CheckOptions:
    """The options of one check; an option the command does not have (``diff`` has no
    ``--now`` or ``--new-only``) keeps its default."""
    from checker.check import CheckOptions

    usage, usage_base = usage_logs(args, config)
    return CheckOptions(
        paths=tuple(args.paths),
        now=getattr(args, "now", None) or datetime.now(timezone.utc),
        policy_dirs=policy_packs(args, config),
        engine=args.engine,
        engine_settings=engine_settings(args),
        ignore=config.ignore,
        base=git_base(args, ignore=config.ignore),
        new_only=getattr(args, "new_only", False),
        usage=usage,
        usage_base=usage_base,
    )
