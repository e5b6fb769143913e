"""`check --usage` and `usage summarize` from the command line: the USE rules are not
evaluated without logs and say so; bad logs are exit 2 naming the file (and the line)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, NOW

Cli = Callable[..., tuple[int, str, str]]
CASE = FIXTURES / "rules" / "USE-005" / "bad"
REPO = (str(CASE), str(FIXTURES / "rules" / "_base"))
USE_RULES = ["USE-001", "USE-002", "USE-003", "USE-004", "USE-005"]


def _statuses(out: str) -> dict[str, str]:
    return {r["id"]: r["status"] for r in json.loads(out)["rules"] if r["id"].startswith("USE-")}


def test_without_usage_the_use_rules_are_not_evaluated_and_never_pass(cli: Cli) -> None:
    code, out, err = cli("check", "--format", "json", "--now", NOW, *REPO)
    report = json.loads(out)
    assert (code, err) == (0, "")
    assert _statuses(out) == dict.fromkeys(USE_RULES, "not_evaluated")
    assert report["summary"]["rules_not_evaluated"] == 5
    use = [r for r in report["rules"] if r["id"].startswith("USE-")]
    assert {(r["checked"], r["passed"], r["failed"]) for r in use} == {(0, 0, 0)}


def test_text_report_says_the_usage_rules_were_not_evaluated(cli: Cli) -> None:
    code, out, _ = cli("check", "--now", NOW, *REPO)
    assert code == 0
    assert "note: 5 usage rules not evaluated: no usage logs (--usage)\n" in out


def test_with_usage_they_are_evaluated_and_fire(cli: Cli) -> None:
    code, out, err = cli(
        "check", "--format", "json", "--now", NOW, *REPO, "--usage", str(CASE / "events.csv")
    )
    assert (code, err) == (1, "")
    assert _statuses(out) == dict.fromkeys(USE_RULES, "evaluated")
    assert {f["rule"] for f in json.loads(out)["findings"]} == {"USE-005"}


def test_summarize_writes_a_summary_that_check_reads(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "usage.parquet"
    code, out, err = cli(
        "usage", "summarize", str(CASE / "events.csv"), "-o", str(target), "--now", NOW
    )
    assert (code, out) == (0, "")
    assert err.endswith(f"wrote {target}: 10 rows (duckdb)\n")
    from_logs = cli("check", "--now", NOW, *REPO, "--usage", str(CASE / "events.csv"))
    from_summary = cli("check", "--now", NOW, *REPO, "--usage", str(target))
    assert [line for line in from_summary[1].splitlines() if "USE-" in line] == [
        line for line in from_logs[1].splitlines() if "USE-" in line
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "e.csv",
            "when,who\n1,2\n",
            "e.csv:1: the CSV header is not the neutral usage format "
            "(missing time, account, system, resource, action; unknown when, who)",
        ),
        (
            "e.jsonl",
            '{"time": "2026-11-01T10:00:00Z", "account": "a", "system": "crm", '
            '"resource": "customer", "action": "read"}\n{"time": \n',
            "e.jsonl",
        ),
        ("e.jsonl", "[1, 2]\n", "e.jsonl:1: expected one JSON object per line"),
        ("e.txt", "time,account\n", "e.txt: not a usage log: expected .csv, .jsonl or .parquet"),
        ("e.parquet", "not parquet", "e.parquet: cannot read the Parquet file"),
        ("e.csv", "time,account,system,resource,action\n1,2,3\n", "e.csv"),
    ],
    ids=["columns", "truncated-json", "not-objects", "suffix", "parquet", "ragged-csv"],
)
def test_an_unreadable_log_is_exit_2_naming_it(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    content: str,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(content)
    code, out, err = cli("check", "--now", NOW, *REPO, "--usage", name)
    assert (code, out) == (2, "")
    assert err.startswith("rolegate: error: ") and message in err


def test_a_truncated_json_line_names_its_line(cli: Cli, tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    good = (
        '{"time": "2026-11-01T10:00:00Z", "account": "maria.souza", "system": "crm", '
        '"resource": "customer", "action": "read"}\n'
    )
    log.write_text(good * 3 + '{"time": "2026-11-01T1\n')
    code, out, err = cli("check", "--now", NOW, *REPO, "--usage", str(log))
    assert (code, out) == (2, "")
    # DuckDB reads JSON lines itself and names where it stopped.
    assert str(log) in err and " in line " in err


def test_a_glob_that_matches_nothing_is_an_error(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("check", "--now", NOW, *REPO, "--usage", str(tmp_path / "*.csv"))
    assert (code, out) == (2, "")
    assert (
        err
        == f"rolegate: error: {tmp_path}/*.csv: no usage log matches; check the path or the glob\n"
    )


def test_a_summary_cannot_be_mixed_with_logs(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "usage.parquet"
    cli("usage", "summarize", str(CASE / "events.csv"), "-o", str(target), "--now", NOW)
    code, _, err = cli(
        "check", "--now", NOW, *REPO, "--usage", str(target), str(CASE / "events.csv")
    )
    assert code == 2 and "a usage summary cannot be combined with other logs" in err
