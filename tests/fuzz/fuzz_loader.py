"""Fuzz the YAML loader with atheris (coverage-guided, libFuzzer underneath).

    python tests/fuzz/fuzz_loader.py [--deep] -max_total_time=3600 corpus/

Each input is written as a file and loaded as rolegate loads a config file; with
``--deep`` its documents are also validated (schemas, references). The invariants are
``loader_oracle``'s: only findings or a gate error, every finding inside the file. An empty
corpus directory is first seeded with the fixtures' YAML files. A crash, a hang
(``-timeout=N`` seconds) or a memory blow-up (``-rss_limit_mb=N``) stops the run and leaves
the input as ``crash-*``/``timeout-*``/``oom-*``: copy it into ``tests/fuzz/regressions/``,
fix the cause, and ``test_regressions.py`` replays it from then on.
"""

from __future__ import annotations

import hashlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["checker", "yaml"]):
    import loader_oracle

ROOT = Path(__file__).resolve().parents[2]
SEEDS = (ROOT / "fixtures", ROOT / "tests" / "fuzz" / "regressions")


def seed(corpus: Path) -> int:
    """Copy every fixture YAML file and regression input into an empty corpus directory."""
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return 0
    copied = 0
    for path in _seed_files():
        data = path.read_bytes()
        (corpus / hashlib.sha1(data).hexdigest()).write_bytes(data)
        copied += 1
    return copied


def _seed_files() -> list[Path]:
    fixtures = [p for p in sorted(SEEDS[0].rglob("*")) if p.suffix in (".yaml", ".yml")]
    return fixtures + sorted(p for p in SEEDS[1].iterdir() if p.is_file())


def main(argv: list[str]) -> None:
    deep = "--deep" in argv
    argv = [arg for arg in argv if arg != "--deep"]
    for arg in argv[1:]:
        if not arg.startswith("-"):
            print(f"seeded {seed(Path(arg))} inputs into {arg}", file=sys.stderr)
            break  # libFuzzer writes new inputs into the first corpus directory only
    work = Path(tempfile.mkdtemp(prefix="rolegate-fuzz-"))

    def one_input(data: bytes) -> None:
        loader_oracle.check_bytes(data, work, deep=deep)

    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
