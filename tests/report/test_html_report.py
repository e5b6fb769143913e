"""``rolegate report --html``: the page as written (escaped, self-contained, pinned by
hash), and the command's exit codes. The page in a real browser: test_html_browser.py."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.report import html_report
from checker.result import Report

from conftest import FIXTURES, NOW, CliResult

Cli = Callable[..., CliResult]
HOSTILE = "<script>alert(1)</script>"


def hostile_report() -> Report:
    """A hand-made report whose role, person, account and finding carry markup."""
    from checker.findings import Finding

    resources = {"customer": {"actions": ["read"], "unneeded": [], "scope": 4, "needed_scope": 1,
                              "excess_scope": True, "fields": {"phone": [4, 2, True]}}}  # fmt: skip
    view = {
        "view": "all",
        "roles": [{"role": HOSTILE, "file": f"roles/{HOSTILE}.yaml", "document": 0,
                   "tier": "frontline", "workforce": "employee", "system": "crm",
                   "functions": [HOSTILE], "accounts": 1, "reach": 4,
                   "resources": resources}],
        "people": [{"holder": HOSTILE, "person": HOSTILE, "workforce": "contractor",
                    "roles": [HOSTILE], "access": {},
                    "accounts": [{"id": HOSTILE, "type": "individual",
                                  "workforce": "contractor", "valid_until": "",
                                  "file": "accounts.yaml"}]}],
        "exposure": [{"category": HOSTILE, "by": "all", "group": "", "visibility": 4, "people": 1}],
        "channels": [{"channel": HOSTILE, "approved": False, "people": 1}],
        "categories": [{"category": HOSTILE, "sensitivity": 3, "fields": ["customer.phone"]}],
        "waivers": [{"name": HOSTILE, "rule": "DATA-001", "target": HOSTILE, "ticket": HOSTILE,
                     "approved_by": HOSTILE, "expires": "2026-12-01", "days_left": 3,
                     "in_force": True, "expiring_soon": True, "file": "w.yaml"}],
    }  # fmt: skip
    finding = Finding(
        rule="DATA-001", severity="high", title=HOSTILE, message=f"role {HOSTILE} sees it",
        file=f"roles/{HOSTILE}.yaml", line=3, column=1, subject=f"role:{HOSTILE}",
    )  # fmt: skip
    return Report(1, 1, (finding,), (), (), access_review=view)


def test_markup_in_names_is_text_in_the_page() -> None:
    page = html_report.render(hostile_report(), fail_on="high")
    assert HOSTILE not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # charts and summary, escaped
    assert page.count("<script") == 2  # the data block and the page's own script
    data = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page)
    assert data is not None
    assert "<" not in data.group(1)
    assert json.loads(data.group(1))["roles"][0][0] == HOSTILE


def test_the_page_allows_only_its_own_style_and_script() -> None:
    page = html_report.render(hostile_report(), fail_on="high")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    script = re.search(r"<script>(.*?)</script>", page, re.S)
    assert style and script

    def pinned(text: str) -> str:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        return f"'sha256-{digest}'"

    assert f"style-src {pinned(style.group(1))}" in policy.group(1)
    assert f"script-src {pinned(script.group(1))}" in policy.group(1)
    assert "default-src 'none'" in policy.group(1)
    # Nothing to fetch: the one URL is the SVG namespace, which is a name, not a request.
    urls = set(re.findall(r"https?://[^\s\"'<>]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}


def test_a_repo_with_findings_still_gets_a_full_report_and_exit_0(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "review.html"
    code, stdout, stderr = cli(
        "report", "--html", "-o", str(out), "--now", NOW, str(FIXTURES / "incident")
    )
    page = out.read_text()
    assert (code, stdout, stderr) == (0, "", "")
    assert 'data-verdict="failed"' in page
    for section in ("summary", "exposure", "matrix", "people", "findings"):
        assert f'<section id="{section}"' in page
    assert 'id="diff"' not in page


def test_fail_makes_the_exit_code_follow_fail_on(cli: Cli, tmp_path: Path) -> None:
    out, incident = str(tmp_path / "r.html"), str(FIXTURES / "incident")
    assert cli("report", "--html", "-o", out, "--fail", "--now", NOW, incident)[0] == 1
    medium = (str(FIXTURES / "rules" / "CH-002" / "bad"), str(FIXTURES / "rules" / "_base"))
    assert cli("report", "--html", "-o", out, "--fail", "--now", NOW, *medium)[0] == 0
    at = ("--fail-on", "medium")
    assert cli("report", "--html", "-o", out, "--fail", *at, "--now", NOW, *medium)[0] == 1
    assert cli("report", "--html", "-o", out, *at, "--now", NOW, *medium)[0] == 0


def test_report_errors_are_exit_2(cli: Cli, tmp_path: Path) -> None:
    incident = str(FIXTURES / "incident")
    code, _, err = cli("report", "-o", str(tmp_path / "r.html"), "--now", NOW, incident)
    assert (code, err) == (
        2,
        "rolegate: error: say which format to write: --html (the one there is)\n",
    )
    code, _, err = cli("report", "--html", "-o", str(tmp_path / "no" / "r.html"), incident)
    assert code == 2
    assert err.startswith(
        f"rolegate: error: {tmp_path / 'no' / 'r.html'}: cannot write the HTML report"
    )


def test_links_point_from_the_page_to_the_yaml(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_SHA", raising=False)
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(FIXTURES.parent)
    cli(
        "report",
        "--html",
        "-o",
        str(tmp_path / "out" / "r.html"),
        "--now",
        NOW,
        "fixtures/incident",
    )
    data = re.search(r'id="review-data">(.*?)</script>', (tmp_path / "out" / "r.html").read_text())
    assert data is not None
    links = json.loads(data.group(1))["links"]
    target = (tmp_path / "out" / links / "fixtures/incident/roles/tier1-agent.yaml").resolve()
    assert target == (FIXTURES / "incident" / "roles" / "tier1-agent.yaml").resolve()


def test_with_a_base_the_access_diff_has_its_own_tab(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    root = tmp_path / "config"
    shutil.copytree(FIXTURES / "example", root)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("-c", "user.name=T", "-c", "user.email=t@example.com", "add", "-A")
    git("-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "base")
    role = root / "roles" / "frontline.yaml"
    role.write_text(role.read_text().replace("        phone: masked", "        phone: full", 1))
    monkeypatch.chdir(root)
    code, _, err = cli("report", "--html", "-o", "r.html", "--base", "main", "--now", NOW, ".")
    page = (root / "r.html").read_text()
    assert (code, err) == (0, "")
    assert 'data-tab="diff"' in page
    assert '<tr data-role="tier1-agent"><td>tier1-agent</td><td>changed</td><td>2</td>' in page
    assert "customer.phone: masked -&gt; full" in page


@pytest.mark.parametrize("fixture", ["example", "incident"])
def test_the_page_is_the_same_on_the_embedded_engine_and_real_opa(
    cli: Cli, engine: tuple[str, ...], tmp_path: Path, fixture: str
) -> None:
    pages = []
    for options in ((), engine):
        out = tmp_path / f"review-{len(pages)}.html"
        code, _, err = cli(
            "report", "--html", "-o", str(out), "--now", NOW, *options, str(FIXTURES / fixture)
        )
        assert (code, err) == (0, "")
        pages.append(out.read_text())
    assert pages[0] == pages[1]
