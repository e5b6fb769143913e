"""OPA bundles of the active policies: what `rolegate bundle` writes and the opa engines load.

Layout: ``.manifest`` (revision, roots, rego_version 1), the built-in policies under their
own paths (``rolegate/...``), extra rule packs under ``packs/NN-<name>/``, and
``data.json`` with the rule metadata (``data.rolegate.rule_index``) and the revision
(``data.rolegate.bundle_revision``), so a server's loaded bundle can be checked against
this rolegate.

OPA loads a bundle only if its roots cover every package in it, so the roots are the first
name of every package (``rolegate``, and ``acme`` for a pack's ``package acme.lib``): a
bundle can hold no package outside them.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import tarfile
from pathlib import Path

from checker import __version__
from checker.errors import GateError
from checker.files import write_file
from checker.policy.policyset import PolicySet, RegoFile, builtin_policy_dir

ROOT = "rolegate"
_PACKAGE_HEAD = re.compile(r"^[ \t]*package[ \t]+([A-Za-z_][A-Za-z0-9_]*)", re.M)


def policy_paths(policies: PolicySet) -> dict[str, RegoFile]:
    """Each policy file under its path inside the bundle."""
    builtin = builtin_policy_dir().resolve()
    paths: dict[str, RegoFile] = {}
    packs = 0
    for rego in policies.files:
        try:
            inside = rego.path.resolve().relative_to(builtin).as_posix()
        except ValueError:
            packs += 1
            inside = f"packs/{packs:02d}-{rego.path.name}"
        paths[inside] = rego
    return paths


def revision(policies: PolicySet) -> str:
    """Changes whenever a policy, the rule metadata or rolegate's version changes."""
    digest = hashlib.sha256(__version__.encode())
    for inside, rego in sorted(policy_paths(policies).items()):
        digest.update(inside.encode() + b"\0" + rego.text.encode() + b"\0")
    digest.update(json.dumps(policies.rule_index(), sort_keys=True).encode())
    return f"rolegate-{__version__}-{digest.hexdigest()[:16]}"


def bundle_data(policies: PolicySet) -> dict[str, object]:
    data = policies.data()
    data[ROOT]["bundle_revision"] = revision(policies)
    return data


def roots(policies: PolicySet) -> list[str]:
    """The manifest's roots: the first name of each package, and of the data."""
    return sorted({ROOT, *(_package_head(rego) for rego in policies.files)})


def _package_head(rego: RegoFile) -> str:
    match = _PACKAGE_HEAD.search(rego.text)
    if match is None:
        raise GateError(
            f"{rego.display}: no package statement; every policy file needs one "
            "(`package acme.lib`) to go into a bundle"
        )
    return match.group(1)


def bundle_files(policies: PolicySet) -> dict[str, bytes]:
    """Every file of the bundle, by path."""
    manifest = {"revision": revision(policies), "roots": roots(policies), "rego_version": 1}
    files = {".manifest": json.dumps(manifest, indent=2).encode()}
    files.update({inside: rego.text.encode() for inside, rego in policy_paths(policies).items()})
    files["data.json"] = json.dumps(bundle_data(policies), indent=2, sort_keys=True).encode()
    return files


def bundle_bytes(policies: PolicySet) -> bytes:
    """A gzipped tarball, byte-for-byte reproducible for the same policies."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as archive:
        for inside, content in sorted(bundle_files(policies).items()):
            info = tarfile.TarInfo(inside)
            info.size, info.mtime, info.mode = len(content), 0, 0o644
            archive.addfile(info, io.BytesIO(content))
    return gzip.compress(buffer.getvalue(), mtime=0)


def write_bundle(policies: PolicySet, target: Path) -> None:
    write_file(target, bundle_bytes(policies), what="bundle")
