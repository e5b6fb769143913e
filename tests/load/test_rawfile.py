"""Reading a file's bytes: regular files only, never past the limit, never blocking."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.load.limits import DEFAULT_MAX_FILE_BYTES, describe_size, over_limit, parse_size
from checker.load.rawfile import UnreadableFile, read_bytes


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe with a writer waiting on it: a reader that opened it would read an
    empty file at once (and fail the test) instead of blocking the run forever."""
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    writer = threading.Thread(target=lambda: open(path, "wb").close(), daemon=True)
    writer.start()
    yield path
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets the waiting writer go
    writer.join()
    os.close(reader)


def test_a_named_pipe_is_refused_not_read(fifo: Path) -> None:
    with pytest.raises(UnreadableFile) as refused:
        read_bytes(fifo, limit=DEFAULT_MAX_FILE_BYTES)
    assert (
        str(refused.value) == "not a regular file (a named pipe); rolegate reads regular files only"
    )


def test_a_device_is_refused_not_read() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")
    with pytest.raises(UnreadableFile, match=r"^not a regular file \(a character device\)"):
        read_bytes(Path("/dev/zero"), limit=DEFAULT_MAX_FILE_BYTES)


def test_a_file_at_the_limit_is_read_and_one_byte_more_is_not(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: 1\n")
    assert read_bytes(path, limit=5) == b"a: 1\n"
    with pytest.raises(UnreadableFile) as refused:
        read_bytes(path, limit=4)
    assert str(refused.value) == over_limit(5, 4)


def test_a_file_that_holds_more_than_its_size_says_is_read_only_up_to_the_limit() -> None:
    status = Path("/proc/self/status")  # a regular file whose size reads as 0
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("no /proc files that under-report their size here")
    with pytest.raises(UnreadableFile, match=r"^file is at least 101 bytes, over the limit"):
        read_bytes(status, limit=100)


def test_a_missing_file_says_why(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match=r"^cannot read file: No such file or directory$"):
        read_bytes(tmp_path / "gone.yaml", limit=10)


def test_the_limit_message_says_how_to_raise_it() -> None:
    assert over_limit(52_428_800, 8 * 1024 * 1024) == (
        "file is 52,428,800 bytes, over the limit of 8,388,608 (8 MiB); if it is meant to "
        "be this large, raise the limit with --max-file-size or max_file_size in .rolegate.yaml"
    )


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("20971520", 20_971_520),
        ("512KiB", 512 * 1024),
        ("32 MiB", 32 * 1024**2),
        ("1gib", 1024**3),
        ("100b", 100),
    ],
)
def test_sizes_as_people_write_them(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("32MB", "'32MB' is not a size like 20971520, 512KiB, 32MiB or 1GiB"),
        ("big", "'big' is not a size like 20971520, 512KiB, 32MiB or 1GiB"),
        ("0", "'0' is outside 1 byte .. 1 GiB"),
        ("2GiB", "'2GiB' is outside 1 byte .. 1 GiB"),
    ],
)
def test_sizes_that_cannot_be_a_limit(text: str, message: str) -> None:
    with pytest.raises(ValueError) as refused:
        parse_size(text)
    assert str(refused.value) == message


def test_limits_are_named_in_their_largest_whole_unit() -> None:
    assert [describe_size(n) for n in (8 * 1024**2, 1536, 1000, 1024**3)] == [
        "8 MiB",
        "1,536 bytes",
        "1,000 bytes",
        "1 GiB",
    ]
