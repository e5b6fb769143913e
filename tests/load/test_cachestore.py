"""The cache store: a value read back only when it can be trusted; a miss otherwise."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from checker.load import cachestore
from checker.load.cachestore import CacheStore, default_folder, open_store


def _store(tmp_path: Path, salt: str = "v1") -> CacheStore:
    store = open_store(tmp_path / "cache", salt)
    assert store is not None
    return store


def _entry(store: CacheStore) -> Path:
    (found,) = [p for p in store.folder.rglob("*.json")]
    return found


def test_a_value_put_is_read_back(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.put("parsed", "abc", [[0, {"kind": "Role", "n": 1.5}]])
    assert store.get("parsed", "abc") == [[0, {"kind": "Role", "n": 1.5}]]
    assert store.get("parsed", "other") is None
    assert store.get("valid", "abc") is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # truncated
        lambda raw: raw.replace(b"Role", b"Rule"),  # edited after it was written
        lambda raw: b"",  # empty
        lambda raw: b"\xff\xfe not json at all",
    ],
)
def test_a_damaged_entry_is_a_miss(tmp_path: Path, damage: object) -> None:
    store = _store(tmp_path)
    store.put("parsed", "abc", [[0, {"kind": "Role"}]])
    entry = _entry(store)
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    assert store.get("parsed", "abc") is None


def test_an_entry_whose_body_matches_its_hash_but_is_not_json_is_a_miss(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.put("parsed", "abc", 1)
    body = b"{not json"
    import hashlib

    _entry(store).write_bytes(hashlib.sha256(body).hexdigest().encode() + b"\n" + body)
    assert store.get("parsed", "abc") is None


def test_the_key_changes_with_the_versions(tmp_path: Path) -> None:
    _store(tmp_path, salt="rolegate 0.1.0 schemas aaa").put("parsed", "abc", [1])
    assert _store(tmp_path, salt="rolegate 0.1.0 schemas aaa").get("parsed", "abc") == [1]
    assert _store(tmp_path, salt="rolegate 0.1.0 schemas bbb").get("parsed", "abc") is None
    assert _store(tmp_path, salt="rolegate 0.2.0 schemas aaa").get("parsed", "abc") is None


def test_the_key_changes_with_the_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _store(tmp_path).put("parsed", "abc", [1])
    monkeypatch.setattr(cachestore, "FORMAT", cachestore.FORMAT + 1)
    assert _store(tmp_path).get("parsed", "abc") is None


def test_the_key_changes_with_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _store(tmp_path).put("parsed", "abc", [1])
    monkeypatch.setattr(cachestore, "code_stamp", lambda: "edited in place")
    assert _store(tmp_path).get("parsed", "abc") is None


def test_the_code_stamp_follows_an_edit_of_a_module(tmp_path: Path) -> None:
    package = tmp_path / "checker"
    (package / "load").mkdir(parents=True)
    module = package / "load" / "loader.py"
    module.write_text("A = 1\n")
    (package / "notes.txt").write_text("not code\n")
    before = cachestore.code_stamp.__wrapped__(package)
    (package / "notes.txt").write_text("still not code\n")
    assert cachestore.code_stamp.__wrapped__(package) == before
    module.write_text("A = 22\n")
    assert cachestore.code_stamp.__wrapped__(package) != before


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
@pytest.mark.parametrize("mode", [0o777, 0o775, 0o757])
def test_a_folder_others_can_write_is_not_used(tmp_path: Path, mode: int) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(mode)
    assert open_store(folder, "v1") is None


def test_a_new_folder_is_made_private(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.put("parsed", "abc", [1])
    assert store.folder.stat().st_mode & 0o777 == 0o700
    assert not list(store.folder.rglob(".tmp-*"))  # written through a rename, nothing left


def test_a_path_that_is_a_file_is_not_used(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    assert open_store(tmp_path / "file", "v1") is None


def test_a_failed_write_is_only_a_lost_shortcut(tmp_path: Path) -> None:
    store = _store(tmp_path)
    blocked = store._path("parsed", "abc").parent
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("a file where the entry's folder would go")
    store.put("parsed", "abc", [1])
    assert store.get("parsed", "abc") is None


def test_the_folder_is_safe_to_delete(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.put("parsed", "abc", [1])
    for path in sorted(store.folder.rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    store.folder.rmdir()
    assert store.get("parsed", "abc") is None
    store.put("parsed", "abc", [2])
    assert store.get("parsed", "abc") == [2]


def test_the_default_folder() -> None:
    assert default_folder({"ROLEGATE_CACHE_DIR": "/x/rg"}) == Path("/x/rg")
    assert default_folder({"XDG_CACHE_HOME": "/x/cache"}) == Path("/x/cache/rolegate")
    assert default_folder({}) == Path.home() / ".cache" / "rolegate"
