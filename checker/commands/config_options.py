"""``--config``, and what ``.rolegate.yaml`` gives where the command line says nothing.

Options given on the command line win over the config: ``--policy`` packs come after the
config's, ``--fail-on`` before its ``fail_on``. The merged values are new frozen values
(``policy_packs``, ``fail_on``, ``check_options.check_options``,
``report_options.report_settings``); the parsed arguments are never written to.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.config import ProjectConfig

DEFAULT_FAIL_ON = "high"


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="project config (default: the nearest .rolegate.yaml above the first path, "
        "up to the repository root)",
    )


def read_project_config(args: argparse.Namespace, *, start: Path) -> ProjectConfig:
    """``--config FILE``, else the nearest ``.rolegate.yaml`` above ``start``."""
    from checker.config import project_config

    config: ProjectConfig = project_config(args.config, start=start)
    return config


def policy_packs(args: argparse.Namespace, config: ProjectConfig) -> tuple[Path, ...]:
    """The config's rule packs, then those of ``--policy``."""
    return (*config.policies, *args.policy)


def fail_on(args: argparse.Namespace, config: ProjectConfig) -> str:
    """``--fail-on``, else the config's ``fail_on``, else high."""
    chosen: str = args.fail_on or config.fail_on or DEFAULT_FAIL_ON
    return chosen
