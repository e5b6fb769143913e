"""The targets of issue 8, checked on one run's medians, and the printed table."""

from __future__ import annotations

import os
import platform
from typing import Any

GIB = 1024**3
MIB = 1024**2


def machine() -> dict[str, Any]:
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _by_roles(sizes: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    return {size["roles"]: size["median"] for size in sizes}


def _target(name: str, value: float, limit: float, unit: str = "") -> dict[str, Any]:
    return {
        "target": name,
        "value": round(value, 3),
        "limit": limit,
        "unit": unit,
        "met": value <= limit,
    }


def check(sizes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each target whose sizes and references this run has measured."""
    by = _by_roles(sizes)
    found = []
    if 1000 in by and 10000 in by:
        found.append(
            _target("10k / 1k roles wall time", by[10000]["wall"] / by[1000]["wall"], 12, "x")
        )
    if 10000 in by:
        found.append(_target("10k roles end to end", by[10000]["wall"], 60, "s"))
        found.append(
            _target("10k roles peak RSS (process tree)", by[10000]["tree_rss"] / GIB, 1.0, "GiB")
        )
    if 10000 in by:
        found.append(
            _target(
                "10k roles peak RSS (process tree), issue 21",
                by[10000]["tree_rss"] / MIB,
                512,
                "MiB",
            )
        )
    for roles, median in sorted(by.items()):
        if median.get("floor_parse"):
            ratio = median["load_validate"] / median["floor_parse"]
            found.append(_target(f"{roles} roles load+validate / C-loader floor", ratio, 3, "x"))
        if median.get("floor_events") and roles >= 10000:
            ratio = median["wall"] / median["floor_events"]
            found.append(
                _target(f"{roles} roles end to end / libyaml event floor", ratio, 3.5, "x")
            )
        if median.get("floor_events") and roles >= 10000 and median.get("cpu"):
            ratio = median["cpu"] / median["floor_events"]
            found.append(
                _target(f"{roles} roles end to end CPU / libyaml event floor", ratio, 3.5, "x")
            )
        if median.get("opa_eval") and roles >= 10000:
            ratio = median["wall"] / median["opa_eval"]
            found.append(_target(f"{roles} roles end to end / opa eval (wall)", ratio, 0.5, "x"))
            ratio = median["cpu"] / median["opa_eval_cpu"]
            found.append(_target(f"{roles} roles end to end / opa eval (CPU)", ratio, 0.5, "x"))
    if 20 in by and by[20].get("check_jsonschema"):
        ratio = by[20]["wall"] / by[20]["check_jsonschema"]
        found.append(_target("20 roles cold / check-jsonschema", ratio, 1.0, "x"))
    return found


def _row(size: dict[str, Any]) -> str:
    m = size["median"]
    stages = " ".join(f"{k} {v:.2f}" for k, v in m["stages"].items())
    refs = ""
    if "floor_parse" in m:
        refs += f"  floor {m['floor_parse']:.2f} s"
    if "floor_events" in m:
        refs += f"  event floor {m['floor_events']:.2f} s"
    if "opa_eval" in m:
        refs += f"  opa eval {m['opa_eval']:.2f} s (cpu {m['opa_eval_cpu']:.2f} s)"
    if "check_jsonschema" in m:
        refs += f"  check-jsonschema {m['check_jsonschema']:.2f} s"
    return (
        f"{size['roles']:>6} roles {size['files']:>6} files  wall {m['wall']:7.2f} s  "
        f"cpu {m.get('cpu', 0.0):7.2f} s  "
        f"rss {m['tree_rss'] / MIB:6.0f} MiB (largest process {m['max_rss'] / MIB:.0f}){refs}\n"
        f"        stages (s): {stages}"
    )


def table(result: dict[str, Any]) -> str:
    lines = [f"machine: {result['machine']['cpus']} CPUs, Python {result['machine']['python']}"]
    lines += [_row(size) for size in result["sizes"]]
    for t in result["targets"]:
        mark = "met" if t["met"] else "MISSED"
        limit = f"(target <= {t['limit']} {t['unit']})"
        lines.append(f"{mark:>6}  {t['target']}: {t['value']} {t['unit']} {limit}")
    return "\n".join(lines)
