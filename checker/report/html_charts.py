"""The access review's charts as inline SVG, drawn here (no library, no network): who
can see each kind of sensitive data and how well, on which outbound channels customers
can be contacted, and how wide the roles reach.

Every bar is a stack of segments, one per level, each a ``<rect>`` with its count in
``data-people`` (or ``data-roles``) and a ``<title>`` that says it in words; every text
is escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from checker.report.html_data import SCOPES, VISIBILITIES

WIDTH, LABEL, BAR, ROW = 600, 190, 360, 22
TIERS = (
    "frontline", "backoffice", "supervisor", "qa", "admin", "access_admin", "break_glass",
)  # fmt: skip
_LEVELS = tuple(reversed(range(len(VISIBILITIES))))  # widest first: full ... none


def exposure_charts(view: dict[str, Any]) -> str:
    """One chart per sensitive category: people by their widest visibility, in all, by
    workforce and by tier."""
    counts: dict[tuple[str, str, str], dict[int, int]] = defaultdict(dict)
    for entry in view["exposure"]:
        key = (entry["category"], entry["by"], entry["group"])
        counts[key][entry["visibility"]] = entry["people"]
    ordered = sorted(view["categories"], key=lambda c: _exposed_first(c["category"], counts))
    return "\n".join(_exposure_chart(category, counts) for category in ordered)


def _exposed_first(category: str, counts: dict[Any, dict[int, int]]) -> tuple[int, ...]:
    """The categories most people see most of come first: by people at each level, full
    first."""
    everyone = counts.get((category, "all", ""), {})
    return tuple(-everyone.get(level, 0) for level in _LEVELS)


def _exposure_chart(category: dict[str, Any], counts: dict[Any, dict[int, int]]) -> str:
    name = category["category"]
    groups = [("all", "", "everyone")]
    groups += [
        ("workforce", w, w)
        for w in ("employee", "contractor")
        if ("workforce", w) in _by(counts, name)
    ]
    groups += [("tier", t, t) for t in _tiers(counts, name)]
    bars = [
        (label, [(level, counts.get((name, by, group), {}).get(level, 0)) for level in _LEVELS],
         {"data-group": f"{by}:{group}" if group else by})
        for by, group, label in groups
    ]  # fmt: skip
    fields = ", ".join(category["fields"])
    title = f"{name.replace('_', ' ')} (sensitivity {category['sensitivity']}): {fields}"
    return _figure(
        title, bars, classes=("vis-{}", VISIBILITIES), unit="people", attrs={"data-category": name}
    )


def _by(counts: dict[Any, dict[int, int]], category: str) -> set[tuple[str, str]]:
    return {(by, group) for (c, by, group) in counts if c == category}


def _tiers(counts: dict[Any, dict[int, int]], category: str) -> list[str]:
    present = {group for by, group in _by(counts, category) if by == "tier"}
    return [t for t in TIERS if t in present] + sorted(present - set(TIERS))


def channels_chart(view: dict[str, Any]) -> str:
    """People who may contact customers on each outbound channel; unapproved in red."""
    channels = sorted(view["channels"], key=lambda c: (c["approved"], -c["people"], c["channel"]))
    bars = [
        (
            channel["channel"] + ("" if channel["approved"] else " (not approved)"),
            [(0 if channel["approved"] else 1, channel["people"])],
            {"data-channel": channel["channel"], "data-approved": str(channel["approved"]).lower()},
        )
        for channel in channels
    ]
    return _figure(
        "outbound channels: people who may contact customers on each",
        bars,
        classes=("channel-{}", ("approved", "unapproved")),
        unit="people",
        attrs={"data-chart": "channels"},
    )


def scope_chart(view: dict[str, Any]) -> str:
    """Roles of each tier by their reach: the widest scope on personal data."""
    by_tier: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for role in view["roles"]:
        by_tier[role["tier"]][role["reach"]] += 1
    tiers = [t for t in TIERS if t in by_tier] + sorted(set(by_tier) - set(TIERS))
    levels = (*reversed(range(len(SCOPES))), -1)
    bars = [
        (tier, [(level, by_tier[tier].get(level, 0)) for level in levels], {"data-tier": tier})
        for tier in tiers
    ]
    names = (*SCOPES, "no personal data")
    return _figure(
        "scope breadth: roles by the widest scope they have on personal data",
        bars,
        classes=("scope-{}", names),
        unit="roles",
        attrs={"data-chart": "scope"},
    )


Bar = tuple[str, Sequence[tuple[int, int]], dict[str, str]]


def _figure(
    title: str,
    bars: Sequence[Bar],
    *,
    classes: tuple[str, Sequence[str]],
    unit: str,
    attrs: dict[str, str],
) -> str:
    """A titled SVG of stacked bars, each as wide as the largest bar's total."""
    pattern, names = classes
    largest = max([sum(n for _, n in segments) for _, segments, _ in bars] or [0]) or 1
    height = ROW * len(bars) + 8
    rows = [_bar(i, bar, largest, pattern, names, unit) for i, bar in enumerate(bars)]
    legend = _legend(pattern, names, {level for _, segs, _ in bars for level, n in segs if n})
    return (
        f'<figure class="chart"{_attributes(attrs)}><figcaption>{escape(title)}</figcaption>'
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}">'
        + "".join(rows)
        + f"</svg>{legend}</figure>"
    )


def _bar(number: int, bar: Bar, largest: int, pattern: str, names: Sequence[str], unit: str) -> str:
    label, segments, attrs = bar
    y, total = number * ROW + 4, sum(n for _, n in segments)
    parts = [
        f'<g class="bar"{_attributes(attrs)} data-total="{total}">'
        f'<text class="label" x="{LABEL - 8}" y="{y + 15}" text-anchor="end">'
        f"{escape(label)}</text>"
    ]
    x = float(LABEL)
    for level, count in segments:
        if not count:
            continue
        width = BAR * count / largest
        name = names[level]
        parts.append(
            f'<rect class="{pattern.format(level if level >= 0 else "none")}" x="{x:.1f}" '
            f'y="{y}" width="{width:.1f}" height="{ROW - 6}" data-level="{escape(name)}" '
            f'data-{unit}="{count}"><title>{escape(label)}: {count} {unit} '
            f"{escape(name.replace('_', ' '))}</title></rect>"
        )
        if width > 22:
            parts.append(
                f'<text class="count" x="{x + width / 2:.1f}" y="{y + 14}" '
                f'text-anchor="middle">{count}</text>'
            )
        x += width
    parts.append(f'<text class="total" x="{x + 6:.1f}" y="{y + 15}">{total}</text></g>')
    return "".join(parts)


def _legend(pattern: str, names: Sequence[str], shown: Iterable[int]) -> str:
    items = [
        f'<li><span class="swatch {pattern.format(level if level >= 0 else "none")}"></span>'
        f"{escape(names[level].replace('_', ' '))}</li>"
        for level in sorted(shown, reverse=True)
    ]
    return f'<ul class="legend">{"".join(items)}</ul>'


def _attributes(attrs: dict[str, str]) -> str:
    return "".join(f' {key}="{escape(value)}"' for key, value in attrs.items())
