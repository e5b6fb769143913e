"""``--config`` and how ``.rolegate.yaml`` fills the options a command line leaves unset."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from checker.errors import GateError

if TYPE_CHECKING:
    from checker.config import ProjectConfig

DEFAULT_FAIL_ON = "high"
DEFAULT_FORMAT = "text"


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="project config (default: the nearest .rolegate.yaml above the first path, "
        "up to the repository root)",
    )


def apply_project_config(
    args: argparse.Namespace, *, start: Path, formats: Sequence[str] = ()
) -> ProjectConfig:
    """Read the project config; options given on the command line win over it.

    ``--policy`` packs are added after the config's; ``--fail-on`` (where the command has
    it) falls back to the config's, then to the default. For a command with report
    ``formats``, the config's ``format``/``formats`` apply unless the command line gives
    any ``--format``.
    """
    from checker.config import project_config

    config = project_config(args.config, start=start)
    args.policy = [*config.policies, *args.policy]
    if hasattr(args, "fail_on"):
        args.fail_on = args.fail_on or config.fail_on or DEFAULT_FAIL_ON
    if formats:  # the command's report formats; a command without them keeps its own
        _apply_formats(args, config, formats)
    return config


def _apply_formats(args: argparse.Namespace, config: ProjectConfig, formats: Sequence[str]) -> None:
    """The config's reports, unless the command line names any ``--format``."""
    if args.format is None and not getattr(args, "outputs", None) and config.outputs:
        to_stdout = _checked_stdout(config, formats)
        args.outputs = list(config.outputs)
        args.format = to_stdout
    args.format = args.format or DEFAULT_FORMAT


def _checked_stdout(config: ProjectConfig, formats: Sequence[str]) -> str | None:
    """The config's standard-output format; GateError for an unknown one or two of them."""
    where = config.where("formats" if "formats" in config.lines else "format")
    unknown = [fmt for fmt, _ in config.outputs if fmt not in formats]
    if unknown:
        raise GateError(
            f"{where}: format {unknown[0]!r} is not one of {', '.join(formats)}; "
            "fix it in the config file"
        )
    to_stdout = [fmt for fmt, path in config.outputs if path is None]
    if len(to_stdout) > 1:
        raise GateError(
            f"{where}: several formats go to standard output ({', '.join(to_stdout)}); "
            "give all but one an output file"
        )
    return to_stdout[0] if to_stdout else None
