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

    limit = max_file_bytes(args, config)
    usage, usage_base = usage_logs(args, config)
    return CheckOptions(
        paths=tuple(args.paths),
        now=getattr(args, "now", None) or datetime.now(timezone.utc),
        policy_dirs=policy_packs(args, config),
        engine=args.engine,
        engine_settings=engine_settings(args),
        ignore=config.ignore,
        base=git_base(args, ignore=config.ignore, limit=limit),
        new_only=getattr(args, "new_only", False),
        strict=args.strict or config.strict,
        max_file_bytes=limit,
        usage=usage,
        usage_base=usage_base,
    )


def max_file_bytes(args: argparse.Namespace, config: ProjectConfig) -> int:
    """``--max-file-size``, else the config's ``max_file_size``, else the default."""
    from checker.load.limits import DEFAULT_MAX_FILE_BYTES

    chosen: int = args.max_file_size or config.max_file_bytes or DEFAULT_MAX_FILE_BYTES
    return chosen
