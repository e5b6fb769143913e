"""``rolegate pull VENDOR -o DIR``: fetch a platform's export over its API."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_PASS
from checker.errors import GateError

PULLABLE = ("zendesk", "amazon-connect")

EXAMPLES = """\
examples:
  ZENDESK_EMAIL=admin@acme.example ZENDESK_API_TOKEN=... \\
      rolegate pull zendesk --subdomain acme -o export/
  rolegate pull amazon-connect --instance-id 7f3c1e20-... --region sa-east-1 -o export/
  rolegate import zendesk export/ -o access-repo

Zendesk: every page of custom roles, staff users (agents and admins), groups and
memberships; waits as 429 responses ask (Retry-After). Amazon Connect: boto3 with the
standard AWS credential chain (environment, profile, SSO, instance role). Nothing is
written unless everything was fetched.
exit codes: 0 pulled, 2 could not (credentials, access, network, unexpected responses)
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "pull",
        help="fetch a platform's roles and users over its API",
        description="Fetch the export files `rolegate import` reads from a platform's API.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("vendor", choices=PULLABLE, metavar="VENDOR", help=", ".join(PULLABLE))
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    parser.add_argument(
        "--subdomain", help="zendesk: the account's subdomain (acme in acme.zendesk.com)"
    )
    parser.add_argument("--base-url", help="zendesk: the API's base URL instead (a proxy)")
    parser.add_argument("--instance-id", help="amazon-connect: the instance id")
    parser.add_argument("--region", help="amazon-connect: the AWS region (default: the chain's)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    written = pull_into(args, args.output)
    print(f"pulled {len(written)} file(s) from {args.vendor} into {args.output}", file=sys.stderr)
    return EXIT_PASS


def pull_into(args: argparse.Namespace, directory: Path) -> list[Path]:
    from checker.files import write_files

    documents = _pull(args)
    texts = {
        name: json.dumps(doc, indent=2, sort_keys=True) + "\n" for name, doc in documents.items()
    }
    return write_files(directory, texts, what=f"{args.vendor} export")


def _pull(args: argparse.Namespace) -> dict[str, Any]:
    if args.vendor == "zendesk":
        from checker.pull import zendesk

        base_url = getattr(args, "base_url", None)
        if not args.subdomain and not base_url:
            raise GateError("pull zendesk needs --subdomain (acme for acme.zendesk.com)")
        if args.subdomain and not args.subdomain.replace("-", "").isalnum():
            raise GateError(f"--subdomain {args.subdomain!r}: letters, digits and '-' only")
        return zendesk.pull(zendesk.client(args.subdomain or "", os.environ, base_url=base_url))
    if args.vendor == "amazon-connect":
        from checker.pull import connect

        if not args.instance_id:
            raise GateError("pull amazon-connect needs --instance-id")
        return connect.pull(connect.connect_client(args.region), args.instance_id)
    raise GateError(f"rolegate cannot pull from {args.vendor}; export its files and import them")
