"""Cold-process timings of the commands a pre-commit hook runs, on a small config repo.

    python bench/startup.py [RUNS]

Each sample is a new process, as in a hook: ``rolegate --version`` (interpreter and CLI
start-up) and ``rolegate check`` of fixtures/example (11 files, 10 roles) and of a fresh
``rolegate init`` scaffold. Prints min and median per command. With hyperfine installed,
``hyperfine -w 3 'rolegate check -q fixtures/example'`` gives the same numbers.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROLEGATE = [sys.executable, "-m", "checker"]


def sample(command: list[str], runs: int) -> list[float]:
    subprocess.run(command, capture_output=True, check=False, cwd=ROOT)  # warm the disk cache
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, cwd=ROOT)
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run([*ROLEGATE, "init", scratch], capture_output=True, check=True, cwd=ROOT)
        commands = {
            "rolegate --version": [*ROLEGATE, "--version"],
            "rolegate check fixtures/example": [*ROLEGATE, "check", "-q", "fixtures/example"],
            "rolegate check <init scaffold>": [*ROLEGATE, "check", "-q", scratch],
        }
        for name, command in commands.items():
            seconds = sample(command, runs)
            print(
                f"{name:<34} min {min(seconds) * 1000:5.0f} ms   "
                f"median {statistics.median(seconds) * 1000:5.0f} ms   ({runs} runs)"
            )


if __name__ == "__main__":
    main()
