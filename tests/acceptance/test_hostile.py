"""The hostile corpus: inputs built to crash, hang, blind or fool the gate, on both engines.

Each case builds its input in an empty directory (files from bytes, or what git cannot
store: named pipes, links to devices, link loops, file names that are not UTF-8) and
names the exact findings ``rolegate check -q`` must report for it, checked together with
the shared rule-case config (``fixtures/rules/_base``), on the embedded engine and on real
OPA. File names in ``expected`` are relative to the case's directory; a line ending in
``...`` is a prefix (the YAML parser's own words follow). A new case is a new entry.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
Make = Callable[[Path], Path]  # builds the input under a directory; returns what to check

BAD_ROLE = (FIXTURES / "rules" / "LP-001" / "bad" / "role.yaml").read_bytes()
HEADER = b"apiVersion: rolegate/v1\nkind: Role\n"
LP001 = 'critical LP-001 role "tier1-agent": grant on customer names every action ("*")'
OUTSIDE_HINT = (
    "not followed; copy what it holds into the repository, or list the link under ignore "
    "in .rolegate.yaml"
)
KINDS = "DataCatalog, JobFunctions, Role, System, AccountBindings, OrgPolicy, Waiver"


@dataclass(frozen=True)
class Hostile:
    make: Make
    expected: tuple[str, ...]
    args: tuple[str, ...] = ()  # more options for the check
    code: int = 1


def files(**contents: bytes) -> Make:
    """Files by name (``__`` stands for ``/``) with their bytes; check the directory."""

    def make(directory: Path) -> Path:
        for name, content in contents.items():
            path = directory / name.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        return directory

    return make


def alias_bomb() -> bytes:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def sparse_file(directory: Path) -> Path:
    with (directory / "huge.yaml").open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    return directory


def named_pipe(directory: Path) -> Path:
    os.mkfifo(directory / "pipe.yaml")
    return directory


def device_named_explicitly(directory: Path) -> Path:
    (directory / "zero.yaml").symlink_to("/dev/zero")
    return directory / "zero.yaml"


def device_in_the_tree(directory: Path) -> Path:
    (directory / "zero.yaml").symlink_to("/dev/zero")
    return directory


def file_link_loop(directory: Path) -> Path:
    (directory / "loop-a.yaml").symlink_to("loop-b.yaml")
    (directory / "loop-b.yaml").symlink_to("loop-a.yaml")
    return directory


def directory_link_loop(directory: Path) -> Path:
    (directory / "roles").mkdir()
    (directory / "roles" / "role.yaml").write_bytes(BAD_ROLE)
    (directory / "roles" / "again").symlink_to("..")
    return directory


def linked_directory(directory: Path) -> Path:
    """A repository (``.git``) whose config/ links to a folder beside it."""
    (directory / ".git").mkdir()
    (directory / "shared").mkdir()
    (directory / "shared" / "role.yaml").write_bytes(BAD_ROLE)
    (directory / "config").mkdir()
    (directory / "config" / "roles").symlink_to("../shared")
    return directory / "config"


def link_out_of_the_repository(directory: Path) -> Path:
    (directory / "outside").mkdir()
    (directory / "outside" / "role.yaml").write_bytes(BAD_ROLE)
    (directory / "repo").mkdir()
    (directory / "repo" / "roles").symlink_to("../outside")
    (directory / "repo" / "role.yaml").symlink_to("../outside/role.yaml")
    return directory / "repo"


def name_not_utf8(directory: Path) -> Path:
    (directory / os.fsdecode(b"r\xff.yaml")).write_bytes(BAD_ROLE)
    return directory


CORPUS = {
    # YAML that would run code, explode or mislead a parser.
    "duplicate-key": Hostile(
        files(**{"dup.yaml": b"a: 1\na: 2\n"}),
        ("dup.yaml:2:1: critical YAML-001 duplicate key 'a'",),
    ),
    "python-tag": Hostile(
        files(**{"tag.yaml": b"x: !!python/object/apply:os.system ['id']\n"}),
        (
            "tag.yaml:1:4: critical YAML-001 unsupported tag "
            "!!python/object/apply:os.system (rolegate reads plain data only)",
        ),
    ),
    "alias-bomb": Hostile(
        files(**{"bomb.yaml": alias_bomb()}),
        (
            "bomb.yaml:1:36: critical YAML-001 aliases expand to more than 100000 nodes "
            "(an alias bomb?)",
        ),
    ),
    "tabs": Hostile(
        files(**{"tabs.yaml": b"roles:\n\t- junk\n"}),
        ("tabs.yaml:2:1: critical YAML-001 invalid YAML: ...",),
    ),
    # Bytes that are not text.
    "nul-byte": Hostile(
        files(**{"nul.yaml": HEADER + b"metadata: {name: x\x00y}\n"}),
        (
            "nul.yaml:3:19: critical YAML-001 invalid YAML: control character U+0000 is not "
            "allowed; remove it (is this a text file?)",
        ),
    ),
    "terminal-escape": Hostile(
        files(**{"esc.yaml": b"owner: \x1b[2J\x1b[32mpassed\n"}),
        (
            "esc.yaml:1:8: critical YAML-001 invalid YAML: control character U+001B is not "
            "allowed; remove it (is this a text file?)",
        ),
    ),
    "not-utf8": Hostile(
        files(**{"latin1.yaml": b"a: 1\nb: caf\xe9\n"}),
        ("latin1.yaml:2:7: critical YAML-001 not valid UTF-8 (byte 0xe9); save the file as UTF-8",),
    ),
    # What is not a regular file, or never ends.
    "huge-file": Hostile(
        sparse_file,
        (
            "huge.yaml:1:1: critical YAML-001 file is 52,428,800 bytes, over the limit of "
            "8,388,608 (8 MiB); if it is meant to be this large, raise the limit with "
            "--max-file-size or max_file_size in .rolegate.yaml",
        ),
    ),
    "named-pipe": Hostile(
        named_pipe,
        (
            "pipe.yaml:1:1: critical YAML-001 not a regular file (a named pipe); rolegate "
            "reads regular files only",
        ),
    ),
    "device-named-explicitly": Hostile(
        device_named_explicitly,
        (
            "zero.yaml:1:1: critical YAML-001 not a regular file (a character device); "
            "rolegate reads regular files only",
        ),
    ),
    "device-in-the-tree": Hostile(
        device_in_the_tree,
        (
            "zero.yaml:1:1: critical YAML-001 symbolic link to a file outside the repository "
            f"(-> /dev/zero), {OUTSIDE_HINT}",
        ),
    ),
    # Links and names that discovery must neither trip over nor be blinded by.
    "file-link-loop": Hostile(
        file_link_loop,
        (
            "loop-a.yaml:1:1: critical YAML-001 cannot read file: Too many levels of symbolic "
            "links",
            "loop-b.yaml:1:1: critical YAML-001 cannot read file: Too many levels of symbolic "
            "links",
        ),
    ),
    "directory-link-loop": Hostile(directory_link_loop, (f"roles/role.yaml:18:37: {LP001}",)),
    "linked-directory": Hostile(linked_directory, (f"config/roles/role.yaml:18:37: {LP001}",)),
    "link-out-of-the-repository": Hostile(
        link_out_of_the_repository,
        (
            "repo/role.yaml:1:1: critical YAML-001 symbolic link to a file outside the "
            f"repository (-> ../outside/role.yaml), {OUTSIDE_HINT}",
            "repo/roles:1:1: critical YAML-001 symbolic link to a directory outside the "
            f"repository (-> ../outside), {OUTSIDE_HINT}",
        ),
    ),
    "upper-case-suffix": Hostile(
        files(**{"ROLE.YAML": BAD_ROLE, "other.Yml": BAD_ROLE.replace(b"tier1-", b"tier2-")}),
        (
            f"ROLE.YAML:18:37: {LP001}",
            f"other.Yml:18:37: {LP001.replace('tier1-', 'tier2-')}",
        ),
    ),
    "file-name-not-utf8": Hostile(name_not_utf8, (f"r\\xff.yaml:18:37: {LP001}",)),
    # Documents that were meant to be rolegate's.
    "kind-lower-case": Hostile(
        files(
            **{"role.yaml": BAD_ROLE.replace(b"apiVersion: rolegate/v1\nkind: Role", b"kind: role")}
        ),
        (
            "role.yaml:2:1: critical SCHEMA-001 $.apiVersion: missing; add apiVersion: rolegate/v1",
            "role.yaml:2:1: critical SCHEMA-001 $.kind: unknown kind 'role' (did you mean "
            f"'Role'?); expected one of {KINDS}",
        ),
    ),
    "kind-plural": Hostile(
        files(**{"role.yaml": BAD_ROLE.replace(b"kind: Role", b"kind: Roles")}),
        (
            "role.yaml:3:1: critical SCHEMA-001 $.kind: unknown kind 'Roles' (did you mean "
            f"'Role'?); expected one of {KINDS}",
        ),
    ),
    "kind-key-capitalised": Hostile(
        files(**{"role.yaml": BAD_ROLE.replace(b"apiVersion: rolegate/v1\nkind:", b"Kind:")}),
        (
            "role.yaml:2:1: critical SCHEMA-001 $.Kind: write this key as kind; keys are "
            "case-sensitive",
            "role.yaml:2:1: critical SCHEMA-001 $.apiVersion: missing; add apiVersion: rolegate/v1",
        ),
    ),
    "role-in-a-list": Hostile(
        files(
            **{
                "roles.yaml": b"-\n"
                + b"".join(b"  " + line for line in BAD_ROLE.splitlines(True)[1:])
            }
        ),
        (
            "roles.yaml:2:3: critical SCHEMA-001 $[0]: a rolegate document inside a list, "
            "which rolegate does not read; write it at the top level of the file, after its "
            "own --- line",
        ),
    ),
    "foreign-under-strict": Hostile(
        files(**{"compose.yaml": b"services:\n  web: {}\n"}),
        (
            "compose.yaml:1:1: critical SCHEMA-001 $: not a rolegate document (keys "
            "'services'); strict mode (--strict, or strict in .rolegate.yaml) wants every "
            "YAML document to be rolegate's: remove it, or list its file under ignore in "
            ".rolegate.yaml",
        ),
        args=("--strict",),
    ),
}


@pytest.mark.usefixtures("in_root")
@pytest.mark.parametrize("case", sorted(CORPUS))
def test_hostile_input_is_a_finding_at_its_line(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, case: str
) -> None:
    hostile = CORPUS[case]
    target = hostile.make(tmp_path)
    code, out, err = cli(
        "check", "-q", "--now", NOW, *engine, *hostile.args, "fixtures/rules/_base", str(target)
    )
    assert (code, err) == (hostile.code, "")
    prefix = f"{tmp_path}/"
    lines = [line.removeprefix(prefix) for line in out.splitlines() if line.startswith(prefix)]
    assert len(lines) == len(out.splitlines()) == len(hostile.expected)
    for line, expected in zip(lines, hostile.expected, strict=True):
        if expected.endswith("..."):
            assert line.startswith(expected.removesuffix("..."))
        else:
            assert line == expected
