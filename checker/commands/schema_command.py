"""``rolegate schema``: the JSON Schemas of the document kinds, self-contained for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from checker.commands.options import EXIT_PASS

EXAMPLES = """\
examples:
  rolegate schema                  list the kinds
  rolegate schema Role             print the Role schema
  rolegate schema --out schemas    write every kind's schema to schemas/

Then start a YAML file with a modeline, so that VS Code (the YAML extension) completes
and validates it as you type:
  # yaml-language-server: $schema=../schemas/role.schema.json
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "schema",
        help="print or write the JSON Schemas for editors",
        description="Print one kind's JSON Schema, or write them all to a directory. Each is "
        "self-contained (JSON Schema draft-07), so an editor needs nothing else.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("kind", nargs="?", metavar="KIND", help="document kind, e.g. Role")
    parser.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write <kind>.schema.json files to DIR (all kinds, or KIND only)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from checker.authoring import editorschema
    from checker.files import write_files

    if args.out is not None:
        kinds = (editorschema.find_kind(args.kind),) if args.kind else editorschema.kinds()
        files = {editorschema.file_name(k): editorschema.editor_schema_text(k) for k in kinds}
        for path in write_files(args.out, files, what="editor schema"):
            print(f"wrote {path}")
    elif args.kind:
        sys.stdout.write(editorschema.editor_schema_text(editorschema.find_kind(args.kind)))
    else:
        kinds = editorschema.kinds()
        sys.stdout.write(_listing([(kind, editorschema.file_name(kind)) for kind in kinds]))
    return EXIT_PASS


def _listing(kinds: list[tuple[str, str]]) -> str:
    lines = [f"{kind:<16} {file}" for kind, file in kinds]
    lines.append(
        f"{len(kinds)} kinds; `rolegate schema KIND` prints one, "
        "`rolegate schema --out DIR` writes them all"
    )
    return "\n".join(lines) + "\n"
