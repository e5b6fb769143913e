"""``rolegate init``: scaffold a new config repo that checks clean."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_PASS

EPILOG = """\
The new repo holds a DataCatalog, JobFunctions, an OrgPolicy with the default thresholds,
a System, a compliant Role and its AccountBindings, the JSON Schemas for editors, a
.pre-commit-config.yaml that runs rolegate, and a GitHub Actions workflow that checks
pull requests and uploads SARIF.
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "init",
        help="scaffold a new config repo",
        description="Write a small config repo that passes `rolegate check`, to start from.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "directory",
        nargs="?",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="where to write it (default: .); created if missing",
    )
    parser.add_argument("--force", action="store_true", help="overwrite files that already exist")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from checker.authoring.scaffold import scaffold
    from checker.files import write_files

    files = scaffold(today=datetime.now(timezone.utc).date())
    replaced = _existing(args.directory, files, force=args.force)
    write_files(args.directory, files, what="new config repo")
    print(_summary(args.directory, files, replaced))
    return EXIT_PASS


def _existing(directory: Path, files: dict[str, str], *, force: bool) -> list[str]:
    """Files that would be replaced; GateError unless ``force``."""
    from checker.errors import GateError

    if directory.exists() and not directory.is_dir():
        raise GateError(f"{directory} is not a directory; name a directory for the new repo")
    existing = [path for path in files if (directory / path).exists()]
    if existing and not force:
        others = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        raise GateError(
            f"{directory / existing[0]} already exists{others}; "
            "rerun with --force to overwrite, or pick an empty directory"
        )
    return existing


def _summary(directory: Path, files: dict[str, str], replaced: list[str]) -> str:
    overwritten = f", {len(replaced)} of them overwritten" if replaced else ""
    lines = [f"wrote {len(files)} files to {directory}{overwritten}:"]
    lines += [f"  {path}" for path in files]
    lines.append("next:")
    if directory != Path("."):
        lines.append(f"  cd {shlex.quote(str(directory))}")
    lines += [
        "  rolegate check       # passes; edit the files to describe your systems",
        "  git init && pre-commit install   # check before every commit",
    ]
    return "\n".join(lines)
