"""``rolegate bundle``: an OPA bundle of the active policies, for `opa run --server`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_PASS, add_policy_option


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "bundle",
        help="write an OPA bundle of the rules",
        description="Write the active policies, rule metadata and defaults as an OPA bundle "
        "(tar.gz) that `opa run --server --bundle FILE` loads; query it at "
        "/v1/data/rolegate/main/decision with the input of `rolegate check --emit-input`. "
        "The policies are compiled first: nothing is written if they do not compile.",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("rolegate-bundle.tar.gz"),
        metavar="FILE",
        help="where to write (default: rolegate-bundle.tar.gz)",
    )
    add_policy_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.engines import load_engine
    from checker.policy.bundle import revision, write_bundle
    from checker.policy.policyset import load_policy_set

    policies = load_policy_set(tuple(args.policy))
    load_engine("embedded", policies)  # a bundle that does not compile is never written
    write_bundle(policies, args.output)
    print(f"wrote {args.output} (revision {revision(policies)})")
    return EXIT_PASS
