"""A repo written to forge or break the reports, checked on both engines.

The role's owner (and only approver: GOV-001 quotes it raw) and its file name carry a
newline and a forged summary, GitHub workflow commands, an ANSI escape, a bidi override,
a NUL, a mention and Markdown. Every report keeps one finding, readable as such.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from sarif_schema import valid_sarif

from conftest import EVALUATED_RULES, FIXTURES, NOW, USAGE_NOTE, CliResult

Cli = Callable[..., CliResult]

OWNER = "m\n0 findings; passed\n::notice::all clear \x1b[2J\u202e @alice [x](http://e) <b>|\x00"
OWNER_YAML = json.dumps(OWNER)  # a YAML double-quoted scalar with the same escapes
FILE = "r\n::warning::x\x1b[31m\u202e.yaml"
SHOWN_OWNER = (
    r"m\n0 findings; passed\n::notice::all clear \x1b[2J\u202e @alice [x](http://e) <b>|\x00"
)
SHOWN_FILE = r"r\n::warning::x\x1b[31m\u202e.yaml"
FORMATS = ("github", "junit", "markdown", "json", "sarif")


def _hostile_repo(root: Path) -> Path:
    root.mkdir()
    for base in (FIXTURES / "rules" / "_base").glob("*.yaml"):
        shutil.copy(base, root / base.name)
    role = (FIXTURES / "rules" / "LP-001" / "good" / "role.yaml").read_text()
    role = role.replace("owner: maria.souza", f"owner: {OWNER_YAML}")
    (root / FILE).write_text(role.replace("approvers: [joao.lima]", f"approvers: [{OWNER_YAML}]"))
    return root


def test_every_report_keeps_one_finding(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_hostile_repo(tmp_path / "repo"))
    outputs = [arg for f in FORMATS for arg in ("--format", f, "--output", f"../{f}.out")]
    code, text, err = cli("check", "--now", NOW, *engine, *outputs, ".")  # text on stdout
    assert (code, err) == (1, "")
    github, junit, markdown, document, sarif = (
        (tmp_path / f"{f}.out").read_text() for f in FORMATS
    )
    finding = f"{SHOWN_FILE}:8:3: high GOV-001 "
    assert text.splitlines() == [
        f'{finding}role "tier1-agent": the only approver is the owner {SHOWN_OWNER}',
        USAGE_NOTE.strip(),
        f"5 files, {EVALUATED_RULES} rules: 1 finding (1 high); failed (fail-on high)",
    ]
    assert [line[:8] for line in github.splitlines()] == ["::error ", "5 files,"]
    assert ET.fromstring(junit).get("failures") == "1"
    assert "@alice" not in markdown and "@&#8203;alice" in markdown
    assert "\x1b" not in text + github + junit + markdown
    [found] = json.loads(document)["findings"]
    assert (found["file"], found["message"]) == (
        FILE,
        f'role "tier1-agent": the only approver is the owner {OWNER}',
    )
    assert [r["ruleId"] for r in valid_sarif(sarif)["runs"][0]["results"]] == ["GOV-001"]
