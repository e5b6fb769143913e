"""``rolegate drift VENDOR EXPORT... [--repo PATH]``: the repo against what a platform grants."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checker.commands.config_options import add_config_option, read_project_config
from checker.commands.import_command import VENDORS, add_mapping_option
from checker.commands.options import EXIT_FINDINGS, EXIT_PASS
from checker.commands.report_options import add_report_options, report_settings, write_reports
from checker.findings import SEVERITIES

EXAMPLES = """\
examples:
  rolegate drift zendesk export/ --repo access-repo
  rolegate drift amazon-connect export/ --format sarif --output drift.sarif --format github
  rolegate drift zendesk --pull --subdomain acme     pull the export first (rolegate pull)

Each role, grant (action, scope, field visibility), unmapped permission and account
binding added, removed or changed on either side is a finding: at the repo's YAML line,
or at the vendor object in the export when the repo has nothing for it. docs/drift.md.
exit codes: 0 no drift, 1 drift at or above --fail-on, 2 could not compare
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "drift",
        help="compare the repo with what a platform really grants",
        description="Compare the declared repo with a platform's export and report every "
        "difference.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("vendor", choices=VENDORS, metavar="VENDOR", help=", ".join(VENDORS))
    parser.add_argument(
        "exports", nargs="*", type=Path, metavar="EXPORT", help="export files, or their folder"
    )
    parser.add_argument(
        "--repo", type=Path, default=Path("."), metavar="PATH", help="the repo (default: .)"
    )
    add_mapping_option(parser)
    parser.add_argument(
        "--pull",
        action="store_true",
        help="pull the export from the platform first (options as for `rolegate pull`)",
    )
    parser.add_argument("--subdomain", help="with --pull zendesk: the account's subdomain")
    parser.add_argument("--base-url", help="with --pull zendesk: the API's base URL instead")
    parser.add_argument("--instance-id", help="with --pull amazon-connect: the instance id")
    parser.add_argument("--region", help="with --pull amazon-connect: the AWS region")
    add_report_options(parser)
    parser.add_argument(
        "--fail-on", choices=SEVERITIES, default=None, help="lowest severity that fails"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="only failing findings")
    add_config_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import tempfile

    from checker.drift.run import run_drift
    from checker.errors import GateError

    if bool(args.exports) == bool(args.pull):
        raise GateError("give the export files or folder, or --pull (one of them)")
    config = read_project_config(args, start=args.repo)
    reports = report_settings(args, config)
    with tempfile.TemporaryDirectory(prefix="rolegate-pull-") as pulled:
        exports = args.exports
        if args.pull:
            from checker.commands.pull_command import pull_into

            pull_into(args, Path(pulled))
            exports = [Path(pulled)]
        report = run_drift(args.vendor, exports, args.repo, mapping=args.mapping)
    write_reports(report, reports)
    return EXIT_FINDINGS if report.failing(reports.fail_on) else EXIT_PASS
