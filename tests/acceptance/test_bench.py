"""bench/: the generator and the runner work on a tiny size (no timing is asserted)."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.findings import fingerprint_of
from checker.policy.policyset import load_policy_set

from conftest import ROOT

BENCH = ROOT / "bench"


def _bench(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCH / script), *args], capture_output=True, text=True, check=False
    )


def _files(directory: Path) -> dict[str, str]:
    return {p.relative_to(directory).as_posix(): p.read_text() for p in directory.rglob("*.yaml")}


def test_generator_is_deterministic_and_every_file_holds_one_valid_document(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        done = _bench("generate.py", "--roles", "12", "--accounts", "60", "--seed", "3", str(out))
        assert (done.returncode, done.stderr) == (0, f"wrote 26 files to {out}\n")
    files = _files(first)
    assert files == _files(second)
    assert not [name for name, text in files.items() if "\n---" in text]  # check-jsonschema
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "checker",
            "check",
            "--now",
            "2026-11-28",
            "-q",
            "--format",
            "json",
            str(first),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(check.stdout)
    assert report["summary"]["files"] == 26
    rules = {finding["rule"] for finding in report["findings"]}
    assert rules and not rules & {"YAML-001", "SCHEMA-001", "REF-001"}


def test_generator_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x")
    done = _bench("generate.py", "--roles", "5", "--accounts", "5", str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.endswith(f"error: {tmp_path} is not empty; give a new or empty directory\n")


def _tiny_run(work: Path, out: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """run.py on one repo of 5 roles, once."""
    sizes = ["--sizes", "5", "--repeat", "1"]
    return _bench("run.py", *sizes, *options, "--work", str(work), "--out", str(out))


def test_runner_measures_a_tiny_repo_and_writes_its_result(tmp_path: Path) -> None:
    references = "floor,check-jsonschema" if shutil.which("check-jsonschema") else "floor"
    out = tmp_path / "result.json"
    done = _tiny_run(tmp_path / "work", out, "--references", references)
    assert done.returncode == 0, done.stderr
    result = json.loads(out.read_text())
    [size] = result["sizes"]
    assert (size["roles"], size["accounts"], len(size["runs"])) == (5, 25, 1)
    assert {"load", "validate", "evaluate", "report"} <= set(size["median"]["stages"])
    assert size["median"]["floor_parse"] > 0
    assert [t["target"] for t in result["targets"]] == ["5 roles load+validate / C-loader floor"]


def test_runner_measures_opa_eval_on_the_same_input(real_opa: str, tmp_path: Path) -> None:
    out = tmp_path / "result.json"
    done = _tiny_run(tmp_path / "work", out, "--references", "opa", "--opa", real_opa)
    assert done.returncode == 0, done.stderr
    [size] = json.loads(out.read_text())["sizes"]
    [reference] = size["references"]
    assert reference["opa_eval"]["wall"] > 0 and size["median"]["opa_eval"] > 0
    assert "data.rolegate.main.decision" in reference["opa_eval_command"]
    assert "load_average" in size["runs"][0]


def test_the_targets_compare_10k_with_opa_eval_and_the_event_floor() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        targets = importlib.import_module("targets")
    finally:
        sys.path.remove(str(BENCH))
    median = {"wall": 20.0, "cpu": 30.0, "tree_rss": 0, "load_validate": 4.0, "stages": {}}
    median.update(floor_parse=8.0, floor_events=4.0, opa_eval=50.0, opa_eval_cpu=40.0)
    found = {
        t["target"]: (t["value"], t["met"])
        for t in targets.check([{"roles": 10000, "median": median}])
    }
    assert found["10000 roles end to end / libyaml event floor"] == (5.0, False)
    assert found["10000 roles end to end CPU / libyaml event floor"] == (7.5, False)
    assert found["10000 roles end to end / opa eval (wall)"] == (0.4, True)
    assert found["10000 roles end to end / opa eval (CPU)"] == (0.75, False)


def test_runner_stops_when_a_reference_it_was_asked_for_is_missing(tmp_path: Path) -> None:
    done = _tiny_run(tmp_path, tmp_path / "result.json", "--check-jsonschema", "no-such-program")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "run.py: error: 'no-such-program' not found; pip install check-jsonschema, or run "
        "with --references floor (or none)\n"
    )
    assert not (tmp_path / "result.json").exists()


@pytest.mark.parametrize("size", ["--sizes=x", "--repeat=0", "--references=speed"])
def test_runner_rejects_bad_options(size: str, tmp_path: Path) -> None:
    assert _bench("run.py", size, "--out", str(tmp_path / "r.json")).returncode == 2


def test_rule_costs_measures_every_rule(tmp_path: Path) -> None:
    out = tmp_path / "costs.json"
    done = _bench("rule_costs.py", "--roles", "4", "--repeat", "1", "--write", str(out))
    assert done.returncode == 0, done.stderr
    costs = json.loads(out.read_text())
    shipped = json.loads((ROOT / "checker" / "engines" / "rule_costs.json").read_text())
    assert sorted(costs["rules"]) == sorted(shipped["rules"])
    assert sorted(costs["libraries"]) == sorted(shipped["libraries"])
    assert "rolegate.lib.people" in costs["libraries"]
    assert all(isinstance(ms, int) and ms >= 1 for ms in costs["rules"].values())
    assert all(isinstance(ms, int) and ms >= 0 for ms in costs["libraries"].values())


def test_parity_decides_a_generated_repo_the_same_every_way(real_opa: str, tmp_path: Path) -> None:
    out = tmp_path / "parity.json"
    done = _bench(
        "parity.py", "--roles", "12", "--opa", real_opa, "--work", str(tmp_path), "--out", str(out)
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(out.read_text())
    ways = ["embedded", "opa eval", "--engine opa", "--engine opa-server (push)"]
    assert [way for way in result if way not in ("machine", "roles")] == [
        *ways,
        "--engine opa-server",
    ]
    assert all(result[way]["same"] for way in [*ways, "--engine opa-server"])
    assert done.stdout.splitlines()[0].startswith("12 roles, 60 accounts: ")
    rules = len(load_policy_set().rules)
    assert done.stdout.splitlines()[0].endswith(f" {rules} rules on every way")


def test_parity_names_what_a_way_decides_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    decisions = importlib.import_module("decisions")
    finding = {"rule": "LP-001", "message": "m", "file": "r.yaml", "path": [0], "subject": "role:r"}
    report = {
        "findings": [{**finding, "fingerprint": fingerprint_of("key"), "line": 3}],
        "waived": [],
        "rules": [{"id": "LP-001", "checked": 1}],
    }
    decision = {
        "findings": [{**finding, "fingerprint": "key", "document": 0}],
        "waived": [],
        "rules": [{"id": "LP-001", "checked": 1}],
        "undefined_rules": [],
    }
    expected = decisions.from_report(report)
    assert decisions.differences(expected, decisions.from_decision(decision)) == []
    decision["findings"][0]["message"] = "other"
    decision["undefined_rules"] = ["LP-001"]
    found = decisions.differences(expected, decisions.from_decision(decision))
    assert [line.split(" ")[:2] for line in found] == [
        ["findings:", "missing"],
        ["findings:", "extra"],
        ["undefined_rules:", "extra"],
    ]
    assert '"message": "other"' in found[1]


def test_review_bench_measures_the_page_and_the_commands(tmp_path: Path) -> None:
    out = tmp_path / "review.json"
    done = _bench(
        "review.py", "--sizes", "12", "--repeat", "1", "--loads", "1", "--work",
        str(tmp_path / "work"), "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    [size] = json.loads(out.read_text())["sizes"]
    assert size["html_bytes"] == (tmp_path / "work" / "review-12.html").stat().st_size
    assert set(size["commands"]) == {"check", "report", "who_can", "access"}
    assert all(run["wall"] > 0 for run in size["commands"].values())
    if size["browser"] is not None:  # where Chromium is (browser tests say when it must be)
        assert size["browser"]["console_errors"] == 0
        assert size["browser"]["first_render_ms"] >= size["browser"]["parse_ms"]
    assert done.stdout.startswith("| roles | HTML | report |")
