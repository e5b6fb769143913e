"""Build small custom rule packs in tmp dirs for the tests."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

# A complete custom rule: a finding at `spec.tier` of every frontline role.
FRONTLINE_RULE = """\
# METADATA
# title: Frontline role present
# description: A custom rule used by the tests; fires on every frontline role.
# custom:
#   id: ACME-001
#   severity: high
#   subject: role
#   controls: [ACME-CTRL-1]
#   remediation: Nothing to do; it is a test.
package rolegate.rules.acme.frontline

import rego.v1

import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "tier"], result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "frontline"
	msg := sprintf("role %q: frontline", [role.metadata.name])
}
"""

FRONTLINE_TEST = """\
package rolegate.rules.acme.frontline_test

import rego.v1

import data.rolegate.rules.acme.frontline

_role(tier) := {"source": {"file": "r.yaml", "document": 0}, "metadata": {"name": "a"}, \
"spec": {"tier": tier}}

test_frontline_fires if {
	count(frontline.findings) == 1 with input as {"roles": [_role("frontline")]}
}

test_backoffice_passes if {
	count(frontline.findings) == 0 with input as {"roles": [_role("backoffice")]}
}
"""

# The line of `tier:` in fixtures/rules/LP-001/good/role.yaml.
TIER_LINE = 13


def write(directory: Path, relative: str, text: str) -> Path:
    path = directory / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def frontline_pack(directory: Path, *, tests: bool = True) -> Path:
    """A pack with the frontline rule (and its tests): ``directory`` itself."""
    write(directory, "rolegate/rules/acme/frontline.rego", FRONTLINE_RULE)
    if tests:
        write(directory, "rolegate/rules/acme/frontline_test.rego", FRONTLINE_TEST)
    return directory


def tarball(path: Path, files: dict[str, str], *, links: dict[str, str] | None = None) -> Path:
    """A .tar.gz holding ``files`` (member name -> text) and symlinks (name -> target)."""
    with tarfile.open(path, "w:gz") as archive:
        for name, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(name)
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return path


# A pack laid out as docs/writing-rules.md says: helpers in `package acme.lib` (a rule, and
# a function that reads another package through an import alias), rules beside them.
TIERS = 'package acme.tiers\n\nimport rego.v1\n\nwatched := {"frontline": true}\n'
LIBRARY = """\
package acme.lib

import rego.v1

import data.acme.tiers

owner := "acme-security"

watched(role) if tiers.watched[role.spec.tier]
"""
RULE = """\
# METADATA
# title: {name}
# description: A rule of the test pack.
# custom:
#   id: {id}
#   severity: high
#   subject: role
#   controls: [ACME-CTRL-1]
#   remediation: Nothing to do; it is a test.
package rolegate.rules.acme.{name}

import rego.v1

import data.acme.lib
import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "tier"], result.role_subject(role), msg) if {{
	some role in input.roles
	{condition}
	msg := "role: {name}"
}}
"""


def helper_pack(directory: Path, *, reader: str) -> Path:
    """The pack, with the rule that reads ``lib.owner`` named ``reader``."""
    write(directory, "acme/tiers.rego", TIERS)
    write(directory, "acme/lib.rego", LIBRARY)
    rules = {
        reader: ("ACME-010", "role.metadata.owner == lib.owner"),
        "m_watched": ("ACME-011", "lib.watched(role)"),
        "n_unwatched": ("ACME-012", "not lib.watched(role)"),
    }
    for name, (rule_id, condition) in rules.items():
        text = RULE.format(name=name, id=rule_id, condition=condition)
        write(directory, f"rolegate/rules/acme/{name}.rego", text)
    return directory
