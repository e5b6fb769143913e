"""The HTML access review in a real headless Chromium (Debian's, through selenium): it
loads from file:// with no console error and no request, says what the JSON report
says, filters, shows the incident's exposure, escapes, and is photographed for the docs.

Without Chromium the tests skip; in CI (CI=true) they fail (see tests/browser.py)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium, requests_made

from checker.report import html_report

from conftest import FIXTURES, NOW, ROOT, CliResult

Cli = Callable[..., CliResult]
# Set to rewrite the screenshot docs/access-review.md shows (and look at it).
UPDATE_SCREENSHOT = os.environ.get("ROLEGATE_UPDATE_SCREENSHOT") == "1"
SCREENSHOTS = ROOT / "docs" / "images"
WAIVER = """\
apiVersion: rolegate/v1
kind: Waiver
metadata:
  name: phone-full-until-masking
spec:
  rule: DATA-001
  target: role:tier1-agent
  reason: Masking ships with the next CRM release.
  ticket: SEC-900
  approved_by: ana.dpo
  expires: 2026-12-31
"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as driver:
        yield driver


def write_report(cli: Cli, out: Path, *paths: str) -> Path:
    code, _, err = cli("report", "--html", "-o", str(out), "--now", NOW, *paths)
    assert (code, err) == (0, "")
    return out


def open_page(driver: Any, page: Path) -> list[str]:
    """Load the page from its file:// URL; the requests it made besides itself."""
    driver.get("about:blank")
    requests_made(driver)  # what the browser fetched for itself before, never the page
    driver.get_log("browser")
    url = page.resolve().as_uri()
    driver.get(url)
    driver.execute_script("return document.documentElement.dataset.ready")
    return [u for u in requests_made(driver) if u != url]


def tab(driver: Any, name: str) -> None:
    driver.find_element("css selector", f'nav button[data-tab="{name}"]').click()


def set_filter(driver: Any, text: str) -> None:
    box = driver.find_element("id", "filter")
    box.clear()
    box.send_keys(text)
    driver.execute_script("arguments[0].dispatchEvent(new Event('input'))", box)  # for ""
    # The page filters 120 ms after typing stops; wait until the pager says so.
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 5).until(
        lambda d: d.execute_script("return document.documentElement.dataset.filtered") == text
    )


def rows(driver: Any, table: str, attribute: str) -> list[str]:
    found = driver.find_elements("css selector", f"#{table} tbody tr")
    return [row.get_attribute(attribute) for row in found]


def test_loads_from_file_with_no_console_error_and_no_request(
    browser: Any, cli: Cli, tmp_path: Path
) -> None:
    page = write_report(cli, tmp_path / "review.html", str(FIXTURES / "incident"))
    assert open_page(browser, page) == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    for name in ("exposure", "matrix", "people", "findings", "summary"):
        tab(browser, name)
    assert browser.get_log("browser") == []
    assert browser.execute_script("return document.documentElement.dataset.ready") == "true"


def test_summary_numbers_equal_the_json_report(browser: Any, cli: Cli, tmp_path: Path) -> None:
    repo = tmp_path / "incident"
    shutil.copytree(FIXTURES / "incident", repo)
    (repo / "waivers.yaml").write_text(WAIVER)  # one finding waived, the waiver expiring
    incident = str(repo)
    page = write_report(cli, tmp_path / "review.html", incident)
    _, out, _ = cli("check", "--format", "json", "--now", NOW, incident)
    document = json.loads(out)
    summary, rules = document["summary"], document["rules"]
    open_page(browser, page)

    def card(key: str) -> int:
        element = browser.find_element("css selector", f'[data-summary="{key}"] .n')
        return int(element.text)

    failed = sum(1 for rule in rules if rule["status"] == "evaluated" and rule["failed"])
    assert {key: card(key) for key in ("findings", "waived", "rules", "files", "documents")} == {
        "findings": summary["findings"],
        "waived": summary["waived"],
        "rules": summary["rules"],
        "files": summary["files"],
        "documents": summary["documents"],
    }
    assert {sev: card(sev) for sev in summary["by_severity"]} == summary["by_severity"]
    assert (card("rules-failed"), card("rules-passed")) == (failed, summary["rules"] - failed)
    assert summary["waived"] == 1
    assert (card("waivers-in-force"), card("waivers-expiring")) == (1, 0)  # 33 days left
    verdict = browser.find_element("css selector", '[data-summary="verdict"]')
    assert verdict.get_attribute("data-verdict") == ("failed" if summary["failed"] else "passed")


def test_filtering_to_one_role_shows_exactly_that_roles_rows(
    browser: Any, cli: Cli, tmp_path: Path
) -> None:
    example = str(FIXTURES / "example")
    page = write_report(cli, tmp_path / "review.html", example)
    _, out, _ = cli("who-can", "read", "customer", "--format", "json", "--now", NOW, example)
    holders = {
        a["person"] for r in json.loads(out)["roles"] if r["role"] == "tier1-agent"
        for a in r["accounts"]
    }  # fmt: skip
    open_page(browser, page)
    tab(browser, "matrix")
    assert len(rows(browser, "matrix", "data-role")) > 1
    set_filter(browser, "role:tier1-agent")
    assert rows(browser, "matrix", "data-role") == ["tier1-agent"]  # not tier1-agent-bpo
    tab(browser, "people")
    assert set(rows(browser, "people", "data-holder")) == holders
    tab(browser, "findings")
    assert set(rows(browser, "findings", "data-subject")) <= {"role:tier1-agent"}
    set_filter(browser, "tier1")
    tab(browser, "matrix")
    assert rows(browser, "matrix", "data-role") == ["tier1-agent", "tier1-agent-bpo"]
    set_filter(browser, "")
    screenshot(browser, "access-review-matrix.png", tmp_path)


def test_the_incident_whatsapp_and_phone_exposure_is_in_the_charts(
    browser: Any, cli: Cli, tmp_path: Path
) -> None:
    page = write_report(cli, tmp_path / "review.html", str(FIXTURES / "incident"))
    open_page(browser, page)
    tab(browser, "exposure")
    full = browser.find_element(
        "css selector",
        '[data-category="contact_point"] g[data-group="all"] rect[data-level="full"]',
    )
    assert full.get_attribute("data-people") == "5"  # 4 people and the shared login
    assert full.is_displayed()
    assert full.size["width"] > 100
    whatsapp = browser.find_element(
        "css selector", '[data-chart="channels"] g[data-channel="whatsapp"]'
    )
    assert whatsapp.get_attribute("data-approved") == "false"
    assert whatsapp.find_element("css selector", "rect").get_attribute("data-people") == "5"
    assert whatsapp.is_displayed()
    screenshot(browser, "access-review-incident.png", tmp_path)


def screenshot(driver: Any, name: str, tmp_path: Path) -> None:
    """The window as PNG: into docs/images with ROLEGATE_UPDATE_SCREENSHOT=1, else tmp."""
    shot = (SCREENSHOTS if UPDATE_SCREENSHOT else tmp_path) / name
    shot.parent.mkdir(parents=True, exist_ok=True)
    assert driver.save_screenshot(str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_markup_in_names_renders_as_text(browser: Any, tmp_path: Path) -> None:
    from test_html_report import HOSTILE, hostile_report

    page = tmp_path / "hostile.html"
    page.write_text(html_report.render(hostile_report(), fail_on="high"))
    assert open_page(browser, page) == []
    tab(browser, "matrix")
    link = browser.find_element("css selector", "#matrix tbody tr td a")
    assert link.text == HOSTILE
    tab(browser, "people")
    assert HOSTILE in browser.find_element("css selector", "#people tbody tr").text
    tab(browser, "findings")
    assert f"role {HOSTILE} sees it" in browser.find_element("css selector", "#findings tbody").text
    # No alert ran, and the page holds its two script elements only.
    assert browser.execute_script("return document.scripts.length") == 2
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018
    assert browser.get_log("browser") == []
