"""The PR gate: ``--base REF`` against real git repos built in tmp dirs.

A compliant base commit (the example repo), then a change that gives the frontline role
export and full phone numbers: exact findings, exit codes and access diff; the base is
read with git and the working tree is never touched.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sarif_schema import official_sarif_validator, schema_errors

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]

GRANT = """\
      actions: [read, search_exact, update, dial]
      scope: assigned
      fields:
        customer_id: full
        name: full
        birth_date: masked
        plan: full
        phone: masked"""
SENSITIVE_GRANT = GRANT.replace("dial]", "dial, export]").replace("phone: masked", "phone: full")
FRONTLINE = "roles/frontline.yaml"

CHANGE_FINDINGS = """\
roles/frontline.yaml:12:3: high CHG-001 role "tier1-agent": gains customer.phone masked -> full, \
customer:export under the base's change_ticket CHG-2026-10412
roles/frontline.yaml:20:51: high EXP-001 role "tier1-agent": frontline role can export customer \
with personal fields visible (address, birth_date, cpf, email, name, phone, plan)
roles/frontline.yaml:20:51: high LP-003 role "tier1-agent": grant on customer allows export, \
which none of its functions (inbound_support) needs
roles/frontline.yaml:27:9: medium CH-002 role "tier1-agent": grant on customer can dial with \
phone shown full but its functions (inbound_support) dial by reference
roles/frontline.yaml:27:9: medium CHG-002 role "tier1-agent": customer.phone widened from masked \
to full
roles/frontline.yaml:27:9: high DATA-001 role "tier1-agent": grant on customer.phone is full but \
its functions (inbound_support) need masked
roles/privileged.yaml:19:21: high ESC-002 role "access-admin": may grant role "tier1-agent", \
which has access it lacks: customer:export
"""

DIFF_TEXT = """\
access changes against main: 1 role and 2 people changed; 4 sensitive gains for people

role tier1-agent (changed, held by 2 people)
  + customer:export                 sensitivity 4, sensitive, 2 people
  + customer.phone: masked -> full  sensitivity 3, sensitive, 2 people

person E10231 (ana.souza)
  + customer:export                 sensitivity 4, sensitive
  + customer.phone: masked -> full  sensitivity 3, sensitive

person E10477 (marcos.oliveira)
  + customer:export                 sensitivity 4, sensitive
  + customer.phone: masked -> full  sensitivity 3, sensitive
"""


# Without usage logs the usage rules are not evaluated, and the report says so first.
NOTE = "note: 5 usage rules not evaluated: no usage logs (--usage)\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True
    )
    return done.stdout


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{path}: {old!r} not found"
    path.write_text(text.replace(old, new, 1))


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A config repo whose main branch holds the (compliant) example; cwd is the repo."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "config"
    shutil.copytree(FIXTURES / "example", root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.name", "Test Author")
    git(root, "config", "user.email", "author@example.com")
    commit(root, "compliant base")
    monkeypatch.chdir(root)
    return root


def test_sensitive_grant_fails_with_the_change_rules(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    assert cli("check", "--now", NOW, "--base", "main", ".") == (
        1,
        CHANGE_FINDINGS
        + NOTE
        + "11 files, 47 rules: 7 findings (5 high, 2 medium); failed (fail-on high)\n",
        "",
    )


def test_working_tree_is_not_touched(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    before = (repo / FRONTLINE).read_text()
    cli("check", "--now", NOW, "--base", "main", ".")
    assert (repo / FRONTLINE).read_text() == before
    assert git(repo, "status", "--porcelain") == f" M {FRONTLINE}\n"


def test_compliant_change_passes_and_without_base_no_change_rule_runs(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, "last_review: 2026-10-14", "last_review: 2026-11-20")
    code, out, err = cli("check", "--now", NOW, "--base", "main", ".")
    assert (code, out, err) == (
        0,
        NOTE + "11 files, 47 rules: 0 findings; passed (fail-on high)\n",
        "",
    )
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    code, out, _ = cli("check", "-q", "--now", NOW, ".")
    assert code == 1
    assert "CHG-" not in out


def test_a_new_change_ticket_clears_chg001_only(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    edit(repo / FRONTLINE, "change_ticket: CHG-2026-10412", "change_ticket: CHG-2026-11001")
    code, out, _ = cli("check", "--now", NOW, "--base", "main", ".")
    rules = [line.split()[2] for line in out.splitlines()[:-1] if not line.startswith("note: ")]
    assert (code, rules) == (1, ["EXP-001", "LP-003", "CH-002", "CHG-002", "DATA-001", "ESC-002"])


def test_diff_text(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    assert cli("diff", "--base", "main") == (0, DIFF_TEXT, "")


def test_diff_json(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    code, out, err = cli("diff", "--base", "main", "--format", "json")
    diff = json.loads(out)
    assert (code, err, diff["base"]) == (0, "", "main")
    export = {"kind": "action", "resource": "customer", "name": "export", "from": "", "to": ""}
    phone = {"kind": "field", "resource": "customer", "name": "phone", "from": "masked"}
    phone |= {"to": "full"}
    gained = [
        {**export, "sensitivity": 4, "sensitive": True, "people": 2},
        {**phone, "sensitivity": 3, "sensitive": True, "people": 2},
    ]
    assert diff["roles"] == [
        {"role": "tier1-agent", "status": "changed", "people": 2, "gained": gained, "lost": []}
    ]
    assert [(p["person"], p["accounts"], len(p["gained"])) for p in diff["people"]] == [
        ("E10231", ["ana.souza"], 2),
        ("E10477", ["marcos.oliveira"], 2),
    ]


def test_diff_markdown(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    assert cli("diff", "--base", "main", "--format", "markdown") == (
        0,
        "### Access changes since `main`\n\n"
        "Access changes against main: 1 role and 2 people changed; 4 sensitive gains for "
        "people.\n\n"
        "| Role | Change | Access | Sensitivity | People |\n|---|---|---|---|---|\n"
        "| `tier1-agent` (changed) | gained | `customer:export` | **4 (sensitive)** | 2 |\n"
        "| `tier1-agent` (changed) | gained | `customer.phone: masked -> full` | "
        "**3 (sensitive)** | 2 |\n"
        "\n| Person | Accounts | Change | Access | Sensitivity |\n|---|---|---|---|---|\n"
        "| `E10231` | `ana.souza` | gained | `customer:export` | **4 (sensitive)** |\n"
        "| `E10231` | `ana.souza` | gained | `customer.phone: masked -> full` | "
        "**3 (sensitive)** |\n"
        "| `E10477` | `marcos.oliveira` | gained | `customer:export` | **4 (sensitive)** |\n"
        "| `E10477` | `marcos.oliveira` | gained | `customer.phone: masked -> full` | "
        "**3 (sensitive)** |\n",
        "",
    )


def test_markdown_report_ends_with_the_access_diff(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, SENSITIVE_GRANT)
    _, diff, _ = cli("diff", "--base", "main", "--format", "markdown")
    code, out, _ = cli("check", "--now", NOW, "--base", "main", "--format", "markdown", ".")
    assert (code, out.startswith("## rolegate: failed\n")) == (1, True)
    assert out.endswith("\n\n" + diff)


def test_role_bound_to_more_people_and_access_lost(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, "actions: [read, search_exact, update, dial]", "actions: [read, dial]")
    edit(repo / "bindings/employees.yaml", "roles: [retention-agent]", "roles: [tier1-agent]")
    code, out, _ = cli("diff", "--base", "main")
    assert code == 0
    assert "role tier1-agent (changed, held by 3 people)\n" in out
    assert "  - customer:search_exact" in out
    assert "person E10512 (juliana.castro)\n" in out


def test_new_only_reports_pre_existing_findings_without_failing(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, GRANT.replace("phone: masked", "phone: full"))
    commit(repo, "phone numbers in full (already merged)")
    edit(repo / FRONTLINE, "last_review: 2026-10-14", "last_review: 2026-11-20")
    code, out, err = cli("check", "--now", NOW, "--base", "main", "--new-only", ".")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == (
        "11 files, 47 rules: 3 findings (2 high, 1 medium), 3 pre-existing; passed "
        "(fail-on high, new since main)"
    )
    assert out.splitlines()[1] == (
        'roles/frontline.yaml:27:9: high DATA-001 role "tier1-agent": grant on customer.phone '
        "is full but its functions (inbound_support) need masked (pre-existing)"
    )
    assert cli("check", "-q", "--now", NOW, "--base", "main", ".")[0] == 1


def test_new_only_still_fails_on_new_findings(cli: Cli, repo: Path) -> None:
    edit(repo / FRONTLINE, GRANT, GRANT.replace("phone: masked", "phone: full"))
    commit(repo, "phone numbers in full (already merged)")
    edit(repo / FRONTLINE, "dial]", "dial, export]")
    code, out, _ = cli("check", "--format", "json", "--now", NOW, "--base", "main", "--new-only")
    report = json.loads(out)
    new = sorted(f["rule"] for f in report["findings"] if not f["pre_existing"])
    assert (code, new) == (1, ["CHG-001", "ESC-002", "EXP-001", "LP-003"])
    assert report["base"] == {"ref": "main", "new_only": True}


def _new_only_sarif(cli: Cli, repo: Path) -> tuple[int, dict[str, Any]]:
    edit(repo / FRONTLINE, GRANT, GRANT.replace("phone: masked", "phone: full"))
    commit(repo, "phone numbers in full (already merged)")
    edit(repo / FRONTLINE, "dial]", "dial, export]")
    args = ("--now", NOW, "--base", "main", "--new-only", "--format", "sarif")
    code, out, _ = cli("check", *args)
    return code, json.loads(out)


def test_new_only_sarif_marks_the_baseline_state(cli: Cli, repo: Path) -> None:
    code, document = _new_only_sarif(cli, repo)
    states = {(r["ruleId"], r["baselineState"]) for r in document["runs"][0]["results"]}
    assert code == 1
    assert {("DATA-001", "unchanged"), ("CH-002", "unchanged"), ("EXP-001", "new")} <= states


def test_new_only_sarif_is_valid_against_the_official_schema(cli: Cli, repo: Path) -> None:
    official_sarif_validator()  # before the check: skipped without ../shared
    assert schema_errors(_new_only_sarif(cli, repo)[1]) == []


def test_files_new_since_the_base_are_all_new(cli: Cli, repo: Path) -> None:
    (repo / "more").mkdir()
    shutil.copy(FIXTURES / "incident" / "roles" / "tier1-agent.yaml", repo / "more" / "t.yaml")
    edit(repo / "more" / "t.yaml", "name: tier1-agent", "name: tier1-agent-2")
    code, out, _ = cli("check", "-q", "--now", NOW, "--base", "main", "--new-only", "more")
    assert code == 1
    assert "(pre-existing)" not in out


def test_unknown_base_revision_is_exit_2_with_the_fix(cli: Cli, repo: Path) -> None:
    assert cli("check", "--base", "origin/main", ".") == (
        2,
        "",
        f"rolegate: error: base revision 'origin/main' not found in {repo}; name an existing "
        "branch, tag or commit, or fetch it first (e.g. git fetch origin main)\n",
    )


def test_not_a_git_repository_is_exit_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURES / "example", plain)
    code, out, err = cli("diff", "--base", "main", str(plain))
    assert (code, out) == (2, "")
    assert err.startswith(f"rolegate: error: {plain}: not inside a git repository (")
    assert err.endswith(
        "); --base compares with a git revision, so run rolegate in a clone of the config repo\n"
    )


def test_shallow_clone_without_the_base_says_fetch_depth_0(
    cli: Cli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(repo / FRONTLINE, "last_review: 2026-10-14", "last_review: 2026-11-20")
    commit(repo, "review")
    shallow = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow)],
        check=True,
        capture_output=True,
    )
    monkeypatch.chdir(shallow)
    assert cli("check", "--base", "HEAD~1", ".") == (
        2,
        "",
        "rolegate: error: base revision 'HEAD~1' is not in this shallow clone; fetch the "
        "history first (in GitHub Actions: actions/checkout with fetch-depth: 0; elsewhere: "
        "git fetch --unshallow)\n",
    )


def test_new_only_needs_base(cli: Cli, repo: Path) -> None:
    assert cli("check", "--new-only", ".") == (
        2,
        "",
        "rolegate: error: --new-only compares with a base; give --base REF too\n",
    )


def test_diff_needs_base(cli: Cli, repo: Path) -> None:
    code, _, err = cli("diff", ".")
    assert code == 2
    assert "the following arguments are required: --base" in err
