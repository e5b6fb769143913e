"""``--format F [--output FILE]`` pairs, ``--no-color``, and writing each report.

One evaluation, many reports: each ``--output FILE`` takes the ``--format`` just before
it; the one ``--format`` without an ``--output`` (else the default) goes to standard
output. ``auto`` is ``github`` under GitHub Actions (GITHUB_ACTIONS=true), else ``text``;
text is in colour on a terminal unless ``--no-color`` or NO_COLOR is set.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from checker.commands.config_options import fail_on
from checker.errors import GateError

if TYPE_CHECKING:
    from checker.config import ProjectConfig
    from checker.result import Report

REPORT_FORMATS = ("text", "json", "sarif", "junit", "github", "markdown", "auto")
DEFAULT_FORMAT = "text"


class _FormatAction(argparse.Action):
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        pairs = [*(getattr(namespace, "outputs", None) or []), (str(values), None)]
        namespace.outputs = pairs
        namespace.format = _to_stdout(pairs)


class _OutputAction(argparse.Action):
    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        pairs = list(getattr(namespace, "outputs", None) or [])
        if not pairs or pairs[-1][1] is not None:
            parser.error("--output FILE must follow the --format it is for")
        pairs[-1] = (pairs[-1][0], Path(values))
        namespace.outputs = pairs
        namespace.format = _to_stdout(pairs)


def _to_stdout(pairs: Sequence[tuple[str, Path | None]]) -> str | None:
    return next((fmt for fmt, path in reversed(pairs) if path is None), None)


def add_report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        action=_FormatAction,
        choices=REPORT_FORMATS,
        default=None,
        help="report format: text, json, sarif, junit, github, markdown or auto (github "
        "annotations in GitHub Actions, else text); repeatable with --output "
        "(default: text, or format in .rolegate.yaml)",
    )
    parser.add_argument(
        "--output",
        action=_OutputAction,
        metavar="FILE",
        help="write the report of the --format just before to FILE instead of standard output",
    )
    parser.add_argument(
        "--no-color", action="store_true", help="no colours in text output (also: NO_COLOR=1)"
    )
    parser.set_defaults(outputs=[])


@dataclass(frozen=True)
class ReportSettings:
    """The reports of one check, from the command line or else the project config."""

    outputs: tuple[tuple[str, Path | None], ...]  # (format, file); file None: standard output
    format: str  # the format for standard output
    fail_on: str
    quiet: bool = False
    no_color: bool = False


def report_settings(args: argparse.Namespace, config: ProjectConfig) -> ReportSettings:
    """The config's ``format``/``formats`` apply unless the command line names any
    ``--format``."""
    outputs, to_stdout = tuple(args.outputs), args.format
    if to_stdout is None and not outputs and config.outputs:
        to_stdout = _config_stdout(config)
        outputs = config.outputs
    return ReportSettings(
        outputs, to_stdout or DEFAULT_FORMAT, fail_on(args, config), args.quiet, args.no_color
    )


def _config_stdout(config: ProjectConfig) -> str | None:
    """The config's standard-output format; GateError for an unknown one or two of them."""
    where = config.where("formats" if "formats" in config.lines else "format")
    unknown = [fmt for fmt, _ in config.outputs if fmt not in REPORT_FORMATS]
    if unknown:
        raise GateError(
            f"{where}: format {unknown[0]!r} is not one of {', '.join(REPORT_FORMATS)}; "
            "fix it in the config file"
        )
    to_stdout = [fmt for fmt, path in config.outputs if path is None]
    if len(to_stdout) > 1:
        raise GateError(
            f"{where}: several formats go to standard output ({', '.join(to_stdout)}); "
            "give all but one an output file"
        )
    return to_stdout[0] if to_stdout else None


@dataclass(frozen=True)
class Target:
    format: str  # a concrete format, never auto
    path: Path | None  # None: standard output
    color: bool = False


def report_targets(
    settings: ReportSettings, *, env: Mapping[str, str], stdout_tty: bool
) -> list[Target]:
    """Where each report goes. Raises GateError when two formats claim standard output."""
    to_stdout = [fmt for fmt, path in settings.outputs if path is None]
    if len(to_stdout) > 1:
        raise GateError(
            f"several --format options go to standard output ({', '.join(to_stdout)}); "
            "give all but one an --output FILE"
        )
    no_color = settings.no_color or bool(env.get("NO_COLOR"))
    targets = [_target(fmt, path, env, tty=False) for fmt, path in settings.outputs if path]
    return [*targets, _target(settings.format, None, env, tty=stdout_tty and not no_color)]


def _target(fmt: str, path: Path | None, env: Mapping[str, str], *, tty: bool) -> Target:
    if fmt == "auto":
        fmt = "github" if env.get("GITHUB_ACTIONS") == "true" else "text"
    return Target(fmt, path, color=tty and fmt == "text")


def file_links(env: Mapping[str, str]) -> str:
    """The prefix of links to files in Markdown: the commit's blob URL in GitHub Actions."""
    parts = [env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")]
    if not all(parts):
        return ""
    server, repository, sha = parts
    return f"{server}/{repository}/blob/{sha}/"


def write_reports(
    report: Report, settings: ReportSettings, *, stdout: TextIO | None = None
) -> None:
    """Render the report once per target and write it; files first, then standard output."""
    from checker.files import write_file
    from checker.report.formats import REPORTERS

    stdout = stdout or sys.stdout
    env = os.environ
    for target in report_targets(settings, env=env, stdout_tty=stdout.isatty()):
        text = REPORTERS[target.format](
            report,
            fail_on=settings.fail_on,
            quiet=settings.quiet,
            color=target.color,
            links=file_links(env),
        )
        if target.path is None:
            stdout.write(text)
        else:
            write_file(target.path, text, what=f"{target.format} report")
