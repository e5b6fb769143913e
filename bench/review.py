"""Benchmark the access review on generated repos: the HTML's size, its time to first
render in headless Chromium, the filter's time, and the commands' wall time and memory,
each beside a reference measured in the same run.

    python bench/review.py                         # 1,000 and 10,000 roles, 2 repetitions
    python bench/review.py --sizes 20 --repeat 1 --out /tmp/review.json

References: `rolegate check` on the same repo (what the review adds to the gate's own
evaluation), and in the page, the time to parse its data (the least any rendering of it
costs). Timings in the page are the page's own (performance.now(), from navigation
start), read after load; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import measure
import targets
from roles_gen import NOW
from run import prepare, rolegate_command

ROOT = Path(__file__).resolve().parent.parent
WHO_CAN = ("who-can", "read", "customer.phone", "--visibility", "full", "--format", "json")
sys.path.insert(0, str(ROOT / "tests"))


def commands_once(command: list[str], repo: Path, page: Path) -> dict[str, Any]:
    """Cold runs of check (the reference), report --html, who-can and access."""
    now = ["--now", NOW.isoformat()]
    runs = {
        "check": measure.run([*command, "check", *now, "--quiet", str(repo)]),
        "report": measure.run([*command, "report", "--html", "-o", str(page), *now, str(repo)]),
        "who_can": measure.run([*command, *WHO_CAN, *now, str(repo)]),
        "access": measure.run([*command, "access", f"person:{a_person(repo)}", *now, str(repo)]),
    }
    for name, run in runs.items():
        if run.code not in (0, 1):
            raise SystemExit(f"review.py: {name} failed on {repo} (exit {run.code}):\n{run.stderr}")
    found = {
        name: {"wall": r.wall, "max_rss": r.max_rss, "tree_rss": r.tree_rss}
        for name, r in runs.items()
    }
    return {**found, "html_bytes": page.stat().st_size}


def a_person(repo: Path) -> str:
    """The person of the first account of the first employees' bindings file."""
    import yaml

    first = sorted((repo / "bindings" / "employees").glob("*.yaml"))[0]
    accounts = yaml.safe_load(first.read_text())["spec"]["accounts"]
    return str(next(a["person"] for a in accounts if "person" in a))


def browser_once(page: Path, loads: int) -> dict[str, Any] | None:
    """The page's own timings over ``loads`` loads in one Chromium; None without one."""
    from browser import _missing, chromium

    if _missing():
        return None
    from selenium.webdriver.support.ui import WebDriverWait

    found: dict[str, list[float]] = {"first_render_ms": [], "parse_ms": [], "filter_ms": []}
    with chromium() as driver:
        for _ in range(loads):
            driver.get("about:blank")
            driver.get(page.resolve().as_uri())
            stamps = driver.execute_script("return {...document.documentElement.dataset}")
            found["first_render_ms"].append(float(stamps["firstRender"]))
            found["parse_ms"].append(float(stamps["parseMs"]))
            driver.execute_script(
                "const s = document.getElementById('filter'); s.value = 'tier:frontline';"
                "s.dispatchEvent(new Event('input'));"
            )
            WebDriverWait(driver, 60).until(
                lambda d: (
                    d.execute_script("return document.documentElement.dataset.filtered")
                    == "tier:frontline"
                )
            )
            found["filter_ms"].append(
                float(driver.execute_script("return document.documentElement.dataset.filterMs"))
            )
        errors = driver.get_log("browser")
    return {key: statistics.median(values) for key, values in found.items()} | {
        "console_errors": len(errors)
    }


def measure_size(args: argparse.Namespace, roles: int, work: Path) -> dict[str, Any]:
    repo = prepare(work, roles, args.seed)
    command = rolegate_command(args.rolegate)
    runs = [commands_once(command, repo, work / f"review-{roles}.html") for _ in range(args.repeat)]
    browser = browser_once(work / f"review-{roles}.html", args.loads)
    medians = {
        name: {key: statistics.median(r[name][key] for r in runs) for key in runs[0][name]}
        for name in ("check", "report", "who_can", "access")
    }
    report, check = medians["report"]["wall"], medians["check"]["wall"]
    return {
        "roles": roles,
        "accounts": roles * 5,
        "html_bytes": runs[-1]["html_bytes"],
        "commands": medians,
        "report_over_check": report / check,
        "browser": browser,
        "render_over_parse": (browser["first_render_ms"] / max(browser["parse_ms"], 1))
        if browser
        else None,
        "runs": runs,
    }


def table(sizes: list[dict[str, Any]]) -> str:
    head = (
        "| roles | HTML | report | check (ref.) | report / check | who-can | access "
        "| first render | of it, parse (ref.) | filter | peak RSS report |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    rows = []
    for size in sizes:
        c, b = size["commands"], size["browser"] or {}
        page = [b.get(key, float("nan")) for key in ("first_render_ms", "parse_ms", "filter_ms")]
        rows.append(
            f"| {size['roles']:,} | {size['html_bytes'] / 1e6:.1f} MB "
            f"| {c['report']['wall']:.1f} s | {c['check']['wall']:.1f} s "
            f"| {size['report_over_check']:.2f} | {c['who_can']['wall']:.1f} s "
            f"| {c['access']['wall']:.1f} s | {page[0]:.0f} ms | {page[1]:.0f} ms "
            f"| {page[2]:.0f} ms | {c['report']['tree_rss'] / 2**20:.0f} MiB |"
        )
    return head + "\n".join(rows) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="roles per repo, comma-separated")
    parser.add_argument("--repeat", type=int, default=2, help="cold runs of each command")
    parser.add_argument("--loads", type=int, default=3, help="page loads in the browser")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rolegate", help="the rolegate program (default: this Python's)")
    parser.add_argument("--work", type=Path, help="where repos are generated (default: a tmp dir)")
    parser.add_argument("--out", type=Path, help="write the results as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rolegate-review-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        sizes = [measure_size(args, int(n), work) for n in args.sizes.split(",")]
    result = {"machine": targets.machine(), "sizes": sizes}
    sys.stdout.write(table(sizes))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
