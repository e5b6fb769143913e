"""``--engine`` and the options that say how to reach an external OPA."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from checker.engines import ENGINES, EngineSettings


def add_engine_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("engine")
    group.add_argument(
        "--engine",
        choices=tuple(ENGINES),
        default="embedded",
        help="Rego engine (default: embedded)",
    )
    group.add_argument(
        "--opa-bin",
        metavar="PATH",
        help="OPA binary for --engine opa (default: $ROLEGATE_OPA_BIN or opa)",
    )
    group.add_argument(
        "--opa-url",
        metavar="URL",
        help="OPA server for --engine opa-server (default: $ROLEGATE_OPA_URL)",
    )
    group.add_argument(
        "--opa-token",
        metavar="TOKEN",
        help="bearer token for the OPA server (default: $ROLEGATE_OPA_TOKEN; "
        "prefer the variable, it stays out of the process list)",
    )
    group.add_argument(
        "--opa-ca-file", type=Path, metavar="FILE", help="CA bundle to verify an https OPA server"
    )
    group.add_argument(
        "--opa-preloaded",
        action="store_true",
        help="query a server that already serves `rolegate bundle` output "
        "instead of pushing the policies",
    )
    group.add_argument(
        "--opa-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="timeout of each OPA call (default: 30, and for `opa eval` 3 more per MiB of input)",
    )
    group.add_argument(
        "--opa-retries",
        type=int,
        default=2,
        metavar="N",
        help="retries of a failed OPA server request (default: 2)",
    )


def engine_settings(args: argparse.Namespace) -> EngineSettings:
    return EngineSettings(
        opa_bin=args.opa_bin,
        opa_url=args.opa_url or os.environ.get("ROLEGATE_OPA_URL"),
        opa_token=args.opa_token or os.environ.get("ROLEGATE_OPA_TOKEN"),
        opa_ca_file=args.opa_ca_file,
        opa_preloaded=args.opa_preloaded,
        timeout=args.opa_timeout,
        retries=args.opa_retries,
    )
