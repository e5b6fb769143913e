"""`rolegate suggest`: the right-sized role as an edit of its own file, and the edited
role passes the gate (the same check, the same logs: nothing left on its file)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW

Cli = Callable[..., tuple[int, str, str]]

DIFF = """\
--- a/crm/crm-agent.yaml
+++ b/crm/crm-agent.yaml
@@ -16,13 +16,15 @@
   functions: [crm_inbound_support]
   grants:
     - resource: customer
-      actions: [read, search_exact, update]
+      actions: [read, search_exact]
       scope: assigned
       fields:
         name: full
-        phone: full
+        phone: reveal_on_demand
         email: masked
       conditions:
+        max_reveals_per_hour: 30
+        require_reason: true
         expires_after_close_hours: 24
   channels:
     outbound: [phone]
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "usage", tmp_path / "repo")
    monkeypatch.chdir(tmp_path / "repo")
    return tmp_path / "repo"


def _findings_on(cli: Cli, file: str) -> list[str]:
    _, out, _ = cli("check", "--format", "json", "--now", NOW)
    return [f"{f['rule']}:{f['line']}" for f in json.loads(out)["findings"] if f["file"] == file]


@pytest.mark.usefixtures("repo")
def test_suggest_prints_a_diff_for_a_pull_request(cli: Cli) -> None:
    code, out, err = cli("suggest", "crm-agent", "--now", NOW)
    assert (code, out) == (0, DIFF)
    assert err.splitlines() == [
        "crm/crm-agent.yaml: grants[0].actions: removed update",
        "crm/crm-agent.yaml: grants[0].fields.phone: full -> reveal_on_demand",
        "crm/crm-agent.yaml: conditions.require_reason: added (true)",
        "crm/crm-agent.yaml: conditions.max_reveals_per_hour: added (30)",
    ]


@pytest.mark.usefixtures("repo")
@pytest.mark.parametrize(
    "role", ["crm-agent", "tier-1-agent", "senior-agent-legacy", "administrator-built-in", "admin"]
)
def test_the_suggested_role_passes_the_gate(cli: Cli, repo: Path, role: str) -> None:
    before = cli("suggest", role, "--now", NOW)
    file = next(line for line in before[1].splitlines() if line.startswith("--- a/"))[6:]
    use_before = [f for f in _findings_on(cli, file) if f.startswith("USE-")]
    assert use_before, f"{role}: the fixture should make the usage rules fire on it"
    assert cli("suggest", role, "--now", NOW, "--write")[0] == 0
    assert [f for f in _findings_on(cli, file) if f.startswith("USE-")] == []
    if role == "crm-agent":
        assert _findings_on(cli, file) == []


def test_suggest_without_usage_of_the_system_is_exit_2(cli: Cli) -> None:
    case = FIXTURES / "rules" / "USE-001" / "bad"
    code, out, err = cli(
        "suggest", "nobody", "--now", NOW, "--usage", str(case / "events.csv"), "--repo", str(case)
    )
    assert (code, out) == (2, "")
    assert "role 'nobody': no such role" in err
