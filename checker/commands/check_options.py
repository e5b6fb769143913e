"""What ``check`` and ``diff`` hand the check pipeline: the command line and the project
config merged into one frozen ``CheckOptions``."""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
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
        engine_settings=replace(engine_settings(args), cache_dir=cache_dir(args)),
        ignore=config.ignore,
        base=git_base(args, ignore=config.ignore, limit=limit),
        new_only=getattr(args, "new_only", False),
        strict=args.strict or config.strict,
        max_file_bytes=limit,
        usage=usage,
        usage_base=usage_base,
        cache_dir=cache_dir(args),
    )


def add_cache_options(parser: argparse.ArgumentParser) -> None:
    """Where parsed and validated files are remembered between runs: ``--cache-dir``,
    ``--no-cache``."""
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="remember parsed and validated files here, by the hash of their content, so "
        "an unchanged file is not read again; safe to delete (default: $ROLEGATE_CACHE_DIR, "
        "else $XDG_CACHE_HOME/rolegate, else ~/.cache/rolegate)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read and validate every file, and remember nothing",
    )


def cache_dir(args: argparse.Namespace) -> Path | None:
    """The cache folder of this run; None with --no-cache, or for a command without the
    cache options."""
    from checker.load.cachestore import default_folder

    if getattr(args, "no_cache", True):
        return None
    chosen: Path | None = getattr(args, "cache_dir", None)
    return chosen or default_folder(os.environ)


def max_file_bytes(args: argparse.Namespace, config: ProjectConfig) -> int:
    """``--max-file-size``, else the config's ``max_file_size``, else the default."""
    from checker.load.limits import DEFAULT_MAX_FILE_BYTES

    chosen: int = args.max_file_size or config.max_file_bytes or DEFAULT_MAX_FILE_BYTES
    return chosen
