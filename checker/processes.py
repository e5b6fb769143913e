"""Worker processes: how many CPUs there are to use, and how a worker is started."""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing.context import SpawnContext
from typing import Generic, TypeVar, cast

T = TypeVar("T")


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


class Parcel(Generic[T]):
    """Values packed into one block of bytes, to be unpacked once the originals are gone:
    the way to move what a process keeps for a long time out of the memory of a large
    load it let go of.

    Python keeps a block of its small-object memory as long as one object in it lives,
    so the few objects that outlive a large load (documents' names and positions, the
    findings so far) pin most of the load's memory: at 10,000 roles about 190 MiB of
    blocks holding 24 MB of live objects. Packed, then let go of, the originals free
    their blocks; unpacked, the copies fill few. (Objects shared between the values stay
    shared in the copy: pickle keeps identity within one dump.)"""

    def __init__(self, values: T) -> None:
        import pickle

        self._packed: bytes | None = pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)

    def unpacked(self) -> T:
        """The values, copied after everything else let go of is collected (cycles
        included) and handed back to the system; a parcel is unpacked once."""
        import gc
        import pickle

        packed, self._packed = self._packed, None
        if packed is None:
            raise ValueError("this parcel was unpacked already")
        gc.collect()
        return_freed_memory()
        return cast(T, pickle.loads(packed))
