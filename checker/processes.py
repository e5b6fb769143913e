"""Worker processes: how many CPUs there are to use, and how a worker is started."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import SpawnContext


def cpu_count() -> int:
    """CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def spawn_context() -> SpawnContext:
    """Workers start as fresh interpreters: a fork of a process holding an engine could
    inherit its locks mid-use."""
    return multiprocessing.get_context("spawn")
