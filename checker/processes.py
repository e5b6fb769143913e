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


def return_freed_memory() -> None:
    """Hand the memory freed so far back to the system (glibc keeps freed blocks for
    reuse), so that a long evaluation does not start on a heap the size of the repo's data.
    Where there is no glibc this does nothing."""
    import ctypes

    try:
        trim = getattr(ctypes.CDLL(None), "malloc_trim", None)  # this process's own C library
    except OSError:
        return
    if trim is not None:
        trim(0)
