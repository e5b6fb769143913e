"""Run a command as a cold process and measure it: wall time, peak RSS, exit code.

Peak RSS is measured two ways: the largest single process (the kernel's ru_maxrss, as
/usr/bin/time reports it) and the process tree (the child and its workers, summed),
sampled every ``SAMPLE_SECONDS`` from /proc. The tree figure is the one the 1 GiB
target is checked against, since a process pool's workers use memory at the same time.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.02
_PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    max_rss: int  # bytes, largest single process
    tree_rss: int  # bytes, process tree, sampled (0 where /proc is missing)
    code: int
    stderr: str
    cpu: float = 0.0  # seconds, user + system, of the process and the children it waited for


def _rss(pid: int) -> int:
    try:
        pages = Path(f"/proc/{pid}/statm").read_text().split()[1]
    except (OSError, IndexError):
        return 0
    return int(pages) * _PAGE


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        return []
    return found


def _tree_rss(pid: int) -> int:
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _rss(current)
        stack += _children(current)
    return total


class _Sampler(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, _tree_rss(self.pid))


def run(
    command: list[str], *, cwd: Path | None = None, sample: bool = True, stdout: Path | None = None
) -> Run:
    """Run ``command`` with its output discarded or written to ``stdout`` (stderr kept);
    measure it."""
    with open(stdout or os.devnull, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.PIPE, text=True)
        return _measured(process, start, sample)


def _measured(process: subprocess.Popen[str], start: float, sample: bool) -> Run:
    sampler = _Sampler(process.pid)
    if sample:
        sampler.start()
    stderr = process.stderr.read() if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    sampler.done.set()
    process.returncode = os.waitstatus_to_exitcode(status)
    max_rss = usage.ru_maxrss * 1024  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, max_rss, max(sampler.peak, 0), process.returncode, stderr, cpu)
