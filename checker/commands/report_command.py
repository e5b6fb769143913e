"""``rolegate report --html -o FILE``: the access review as one self-contained HTML page."""

from __future__ import annotations

import argparse
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.commands.base_options import add_base_option
from checker.commands.options import EXIT_FINDINGS, EXIT_PASS
from checker.commands.review_options import add_check_arguments, paths_after_options, reviewed
from checker.errors import GateError
from checker.findings import SEVERITIES

if TYPE_CHECKING:
    from checker.result import Report

EXAMPLES = """\
examples:
  rolegate report --html -o access-review.html            the repo in the current directory
  rolegate report --html -o review.html --base origin/main   with the access diff of a change
  rolegate report --html -o review.html --fail --fail-on medium config/

The page: a summary (findings by severity, rules passed and failed, waivers in force and
expiring), charts of who can see which sensitive data, the role x resource.field matrix
with what is more than the job functions need, every person with all their accounts,
and the findings with their remediation, linked to file:line; with --base, the access diff.
exit codes: 0 written (findings or not), 1 with --fail and findings at or above --fail-on,
2 not written (bad config, policy or engine failure, a file that cannot be written)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "report",
        help="write the access review as one HTML page",
        description="Evaluate the config repo and write the access review: who can see "
        "what, and why, as one self-contained HTML file (no network, opens from a file).",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--html", action="store_true", help="write HTML (the one format)")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="the file to write"
    )
    add_report_gate_options(parser)
    add_base_option(parser)
    add_check_arguments(parser, what="of the config repo")
    paths_after_options(parser)
    parser.set_defaults(handler=run)


def add_report_gate_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fail",
        action="store_true",
        help="exit 1 when findings at or above --fail-on remain (default: the report is "
        "not the gate, and exits 0 whatever it found)",
    )
    parser.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default=None,
        help="lowest severity that fails with --fail, and that the summary judges "
        "(default: high, or fail_on in .rolegate.yaml)",
    )


def run(args: argparse.Namespace) -> int:
    from checker.commands.config_options import fail_on, read_project_config
    from checker.files import write_file
    from checker.review.request import FullReview

    if not args.html:
        raise GateError("say which format to write: --html (the one there is)")
    config = read_project_config(args, start=args.paths[0])
    report = reviewed(args, FullReview(), config=config)
    threshold = fail_on(args, config)
    page = html_page(report, output=args.output, now=args.now, threshold=threshold)
    write_file(args.output, page, what="HTML report")
    return EXIT_FINDINGS if args.fail and report.failing(threshold) else EXIT_PASS


def html_page(report: Report, *, output: Path, now: datetime | None, threshold: str) -> str:
    """The page, linking to the files from where it is written (or, in GitHub Actions, to
    the commit's files)."""
    from checker.commands.report_options import file_links
    from checker.report import html_report

    moment = now or datetime.now(timezone.utc)
    return html_report.render(
        report,
        fail_on=threshold,
        links=file_links(os.environ) or links_from(output),
        generated=moment.strftime("%Y-%m-%d %H:%M UTC"),
    )


def links_from(output: Path) -> str:
    """The prefix that turns a path as findings name it (relative to the working
    directory) into a link from the page's own folder."""
    folder = output.resolve().parent
    relative = Path(os.path.relpath(Path.cwd().resolve(), folder)).as_posix()
    return "./" if relative == "." else f"{relative}/"
