"""Write checker/engines/builtin_rego.json: the built-in policies as the embedded engine
reads them (see prepared.py). Run after editing ``policies/`` or changing regorus:

    python -m checker.engines.regenerate          # write it
    python -m checker.engines.regenerate --check  # exit 1 when it is out of date
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from checker.engines.embedded import rewrite_texts
from checker.engines.prepared import SHIPPED, document
from checker.policy.policyset import builtin_policy_dir, load_policy_set


def current() -> tuple[Any, str]:
    """What builtin_rego.json should hold now, and its text."""
    files = load_policy_set(()).files
    base = builtin_policy_dir()
    names = [rego.path.relative_to(base).as_posix() for rego in files]
    texts = [rego.text for rego in files]
    found = document(names, texts, rewrite_texts(files))
    return found, json.dumps(found, indent=1, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments not in ([], ["--check"]):
        print("usage: python -m checker.engines.regenerate [--check]", file=sys.stderr)
        return 2
    _, text = current()
    on_disk = SHIPPED.read_text("utf-8") if SHIPPED.exists() else None
    if arguments == ["--check"]:
        print(f"{SHIPPED}: {'current' if on_disk == text else 'out of date'}")
        return 0 if on_disk == text else 1
    SHIPPED.write_text(text, "utf-8")
    print(f"wrote {SHIPPED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
