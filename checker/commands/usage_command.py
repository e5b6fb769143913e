"""``rolegate usage summarize LOGS... -o FILE``: usage logs reduced to a usage summary."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_PASS, parse_now

EXAMPLES = """\
examples:
  rolegate usage summarize logs/*.csv -o usage.parquet
  rolegate usage summarize zendesk/usage/access_logs.jsonl connect/ctr/ -o usage.parquet
  rolegate usage summarize 's3a://lake/crm-events/*.parquet' --engine spark -o usage.parquet
  rolegate check . --usage usage.parquet

The summary holds, per account x system x resource x action x field x visibility, the
first and last use, the events and the busiest hour's distinct records; per account and
system the same; never the events themselves. docs/usage.md.
exit codes: 0 written, 2 could not (unreadable log, wrong format, cannot write)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "usage",
        help="summarise usage logs for the USE rules",
        description="Work with usage logs: access and audit logs of the platforms.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="usage_action", metavar="ACTION", required=True)
    summarize = actions.add_parser(
        "summarize",
        help="reduce usage logs to a usage summary file",
        description="Reduce usage logs (neutral CSV, JSON lines or Parquet, Zendesk access "
        "logs, Amazon Connect contact records) to a usage summary that `check --usage` reads.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    summarize.add_argument("logs", nargs="+", metavar="LOG", help="files, folders or globs")
    summarize.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="the summary to write: .parquet, or .json to read it",
    )
    summarize.add_argument(
        "--engine",
        choices=("duckdb", "spark"),
        default="duckdb",
        help="where the aggregation runs: DuckDB in process (default) or Spark (pyspark; "
        "set SPARK_MASTER or run it with spark-submit where the logs are)",
    )
    summarize.add_argument(
        "--now",
        type=parse_now,
        default=None,
        metavar="DATE",
        help="events after this UTC date or time are skipped as in the future (default: now)",
    )
    summarize.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.usage.grantfile import summarize_to_file

    now = args.now or datetime.now(timezone.utc)
    summary = summarize_to_file(args.logs, now=now, engine=args.engine, output=args.output)
    for note in summary.notes():
        print(note, file=sys.stderr)
    rows = len(summary.grants) + summary.grants_written + len(summary.accounts)
    print(f"wrote {args.output}: {rows} rows ({args.engine})", file=sys.stderr)
    return EXIT_PASS
