"""``rolegate evidence``: the pack as docs/evidence.md describes it, hashes anyone can
recompute, and ``--verify`` telling intact from changed, missing and added files."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from test_access_queries import WAIVER

from checker.policy.policyset import load_policy_set
from checker.report.manifest import compare, manifest_text

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
FILES = ["MANIFEST.sha256", "access-review.html", "evidence.json", "rolegate.sarif"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def pack(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(FIXTURES.parent)
    folder = tmp_path / "pack"
    code, out, err = cli("evidence", "-o", str(folder), "--now", NOW, "fixtures/incident")
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        f"MANIFEST.sha256 sha256 {sha256(folder / 'MANIFEST.sha256')} (keep it apart from the pack)"
    )
    return folder


def test_the_pack_holds_its_four_files_and_a_manifest_sha256sum_reads(pack: Path) -> None:
    assert sorted(p.name for p in pack.iterdir()) == FILES
    manifest = (pack / "MANIFEST.sha256").read_text()
    assert manifest == manifest_text({n: sha256(pack / n) for n in FILES if n != FILES[0]})
    done = subprocess.run(["sha256sum", "-c", "MANIFEST.sha256"], cwd=pack, capture_output=True)
    assert done.returncode == 0


def test_evidence_json_records_versions_hashes_and_every_rule(cli: Cli, pack: Path) -> None:
    evidence = json.loads((pack / "evidence.json").read_text())
    assert list(evidence) == [
        "version", "tool", "policy", "commit", "evaluated_as_of", "generated_at", "inputs",
        "summary", "rules", "files",
    ]  # fmt: skip
    assert evidence["version"] == 1
    assert evidence["evaluated_as_of"] == "2026-11-28T00:00:00Z"
    for entry in evidence["inputs"]:
        assert entry["sha256"] == sha256(Path(entry["name"]))
    assert [e["name"] for e in evidence["inputs"]] == sorted(
        p.as_posix() for p in Path("fixtures/incident").rglob("*.yaml")
    )
    assert evidence["files"] == {
        "access-review.html": sha256(pack / "access-review.html"),
        "rolegate.sarif": sha256(pack / "rolegate.sarif"),
    }
    bundle = pack.parent / "bundle.tar.gz"
    assert cli("bundle", "-o", str(bundle))[0] == 0
    assert evidence["policy"]["bundle_sha256"] == sha256(bundle)
    assert evidence["policy"]["engine"] == "embedded"
    rules = {rule["id"]: rule for rule in evidence["rules"]}
    data001 = rules["DATA-001"]
    assert (data001["checked"], data001["passed"], data001["failed"], data001["waived"]) == (
        1,
        0,
        1,
        0,
    )
    meta = {rule.id: rule for rule in load_policy_set().rules}
    assert all(rule["controls"] == list(meta[rule["id"]].controls) for rule in rules.values())
    assert data001["controls"]
    [finding] = data001["findings"]
    assert (finding["file"], finding["line"], finding["subject"]) == (
        "fixtures/incident/roles/tier1-agent.yaml", 26, "role:tier1-agent",
    )  # fmt: skip
    _, out, _ = cli("check", "--format", "json", "--now", NOW, "fixtures/incident")
    report = json.loads(out)
    assert {r["id"] for r in report["rules"]} == set(rules)
    for rule in report["rules"]:
        mine = rules[rule["id"]]
        assert (mine["checked"], mine["passed"], mine["failed"]) == (
            rule["checked"], rule["passed"], rule["failed"],
        )  # fmt: skip
    summary = evidence["summary"]
    assert (summary["findings"], summary["by_severity"]) == (
        report["summary"]["findings"], report["summary"]["by_severity"],
    )  # fmt: skip


def test_verify_says_intact(cli: Cli, pack: Path) -> None:
    assert cli("evidence", "--verify", str(pack)) == (
        0,
        "ok        access-review.html\nok        evidence.json\nok        rolegate.sarif\n"
        "evidence pack intact\n",
        "",
    )


def test_verify_finds_a_changed_a_missing_and_an_added_file(cli: Cli, pack: Path) -> None:
    with (pack / "evidence.json").open("a") as handle:
        handle.write(" ")
    (pack / "rolegate.sarif").unlink()
    (pack / "notes.txt").write_text("added later\n")
    code, out, _ = cli("evidence", "--verify", str(pack))
    assert code == 1
    assert out.splitlines() == [
        "ok        access-review.html",
        "CHANGED   evidence.json",
        "MISSING   rolegate.sarif",
        "ADDED     notes.txt",
        "evidence pack CHANGED since it was written",
    ]


def test_verify_checks_the_manifest_against_the_sha256_printed(cli: Cli, pack: Path) -> None:
    own = sha256(pack / "MANIFEST.sha256")
    assert cli("evidence", "--verify", str(pack), "--manifest-sha256", own)[0] == 0
    manifest = pack / "MANIFEST.sha256"
    html = pack / "access-review.html"
    html.write_text(html.read_text() + "<!-- edited -->")
    manifest.write_text(manifest_text({n: sha256(pack / n) for n in FILES[1:]}))
    assert cli("evidence", "--verify", str(pack))[0] == 0  # re-hashed by whoever edited it
    code, out, _ = cli("evidence", "--verify", str(pack), "--manifest-sha256", own)
    assert code == 1
    assert f"CHANGED   MANIFEST.sha256 (sha256 {sha256(manifest)}, not {own})" in out


def test_verify_without_a_manifest_cannot_decide(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("evidence", "--verify", str(tmp_path))
    assert (code, out) == (2, "")
    assert err.startswith(f"rolegate: error: {tmp_path}: no readable MANIFEST.sha256")


def test_the_pack_goes_only_to_a_new_empty_or_earlier_pack_folder(
    cli: Cli, pack: Path, tmp_path: Path
) -> None:
    incident = str(FIXTURES / "incident")
    assert cli("evidence", "-o", str(pack), "--now", NOW, incident)[0] == 0  # rewritten
    other = tmp_path / "other"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    code, _, err = cli("evidence", "-o", str(other), "--now", NOW, incident)
    assert code == 2
    assert "holds other files (keep.txt)" in err


def test_waived_findings_count_and_the_commit_is_recorded(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    repo = tmp_path / "config"
    shutil.copytree(FIXTURES / "incident", repo)
    (repo / "waivers.yaml").write_text(WAIVER)

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(repo), "-c", "user.name=T", "-c", "user.email=t@example.com", *args],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        return done.stdout

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "incident")
    cli("evidence", "-o", str(tmp_path / "pack"), "--now", NOW, str(repo))
    evidence = json.loads((tmp_path / "pack" / "evidence.json").read_text())
    data001 = next(rule for rule in evidence["rules"] if rule["id"] == "DATA-001")
    assert (data001["failed"], data001["waived"], data001["findings"]) == (0, 1, [])
    assert data001["waived_findings"][0]["waiver"]["name"] == "phone-full-until-masking"
    assert evidence["commit"] == {"sha": git("rev-parse", "HEAD").strip(), "dirty": False}
    (repo / "org-policy.yaml").write_text((repo / "org-policy.yaml").read_text() + "\n")
    cli("evidence", "-o", str(tmp_path / "pack"), "--now", NOW, str(repo))
    assert json.loads((tmp_path / "pack" / "evidence.json").read_text())["commit"]["dirty"]


def test_compare_reads_only_well_formed_lines() -> None:
    digest = "a" * 64
    verdict = compare(f"{digest}  x.json\nnot a line\n{digest}  ../escape\n", {"x.json": digest})
    assert (verdict.intact, verdict.malformed) == (("x.json",), (2,))
    assert verdict.missing == ("../escape",)
    assert not verdict.ok
