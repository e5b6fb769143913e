"""The HTML access review: one self-contained page (docs/access-review.md).

The summary, the charts and the access diff are written here as escaped HTML and inline
SVG; the matrix, the people and the findings are rendered by the page's own script from
a JSON block, a page of rows at a time, so that 10,000 roles and 50,000 accounts stay
openable. Styles and script are inline and pinned by hash in a Content-Security-Policy
that allows nothing else: no network, no remote fonts, no other script.
"""

from __future__ import annotations

import base64
import hashlib
import json
from html import escape
from importlib import resources
from typing import Any

from checker import __version__
from checker.report import html_charts, html_sections
from checker.report.html_data import page_data
from checker.report.sanitiser import data as verbatim
from checker.result import Report

_TABS = (
    ("summary", "Summary"),
    ("exposure", "Exposure"),
    ("matrix", "Roles &times; fields"),
    ("people", "People"),
    ("findings", "Findings"),
)


def render(report: Report, *, fail_on: str, links: str = "./", generated: str = "") -> str:
    """The page for a report whose access_review is the full view; ``links`` is put before
    each file's path in links to it."""
    css, script = _asset("review.css"), _asset("review.js")
    data = verbatim({**page_data(report), "links": links})
    tabs = _TABS + ((("diff", "Access diff"),) if report.base else ())
    policy = (
        "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'; "
        f"style-src '{_hash(css)}'; script-src '{_hash(script)}'"
    )
    title = "rolegate access review"
    return "".join(
        [
            '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{title}</title><style>{css}</style></head><body>",
            f"<header><h1>{title}</h1><p>{escape(_subtitle(report, generated))}</p><nav>",
            *(_tab(name, label, i == 0) for i, (name, label) in enumerate(tabs)),
            "</nav></header><main>",
            _filter_bar(),
            html_sections.summary(report, fail_on),
            _exposure(report.access_review),
            _matrix(),
            _people(),
            _findings(),
            html_sections.diff(report) if report.base else "",
            "</main>",
            f'<script type="application/json" id="review-data">{_json(data)}</script>',
            f"<script>{script}</script></body></html>\n",
        ]
    )


def _asset(name: str) -> str:
    return resources.files("checker.report").joinpath("assets", name).read_text("utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _json(data: dict[str, Any]) -> str:
    """JSON that cannot end its script element or start markup inside it."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _subtitle(report: Report, generated: str) -> str:
    parts = [f"rolegate {__version__}", f"{report.files} files"]
    parts += [f"as of {generated}"] if generated else []
    parts += [f"compared with {report.base}"] if report.base else []
    return " · ".join(parts)


def _tab(name: str, label: str, selected: bool) -> str:
    # The labels are this module's own markup (&times;), not data.
    return (
        f'<button type="button" role="tab" data-tab="{name}" '
        f'aria-selected="{str(selected).lower()}">{label}</button>'
    )


def _filter_bar() -> str:
    return (
        '<div class="filters"><input type="search" id="filter" '
        'placeholder="filter: words, or role:NAME tier:NAME person:KEY account:ID rule:ID '
        'severity:high" aria-label="filter every table"></div>'
    )


def _exposure(view: dict[str, Any]) -> str:
    return (
        '<section id="exposure" hidden><h2>How customers can be contacted</h2>'
        + html_charts.channels_chart(view)
        + '<h2>Who can see sensitive data</h2><p class="note">People (an account naming no '
        "person counts as one) by the widest visibility any of their roles gives them on a "
        "field of each category; by tier, each person counts under every tier they hold a "
        'role of.</p><div class="charts">'
        + html_charts.exposure_charts(view)
        + "</div><h2>How wide roles reach</h2>"
        + html_charts.scope_chart(view)
        + "</section>"
    )


def _pager(name: str) -> str:
    return (
        f'<div class="pager" id="{name}-pager"><button type="button" class="prev">'
        'previous</button><span class="shown"></span><button type="button" '
        'class="next">next</button></div>'
    )


def _matrix() -> str:
    return (
        '<section id="matrix" hidden><h2>Roles &times; resource.field</h2><p class="note">Each '
        "cell: the visibility the role gives, outlined when it is more than the role's job "
        "functions need; each resource's scope beside. Hover for what is needed.</p>"
        '<div class="filters"><label>fields of <select id="matrix-resource"><option '
        'value="">every sensitive category</option></select></label><label><input '
        'type="checkbox" id="matrix-excess"> only roles with more than needed</label></div>'
        + _pager("matrix")
        + '<table id="matrix"><thead></thead><tbody></tbody></table></section>'
    )


def _people() -> str:
    return (
        '<section id="people" hidden><h2>People</h2>'
        + _pager("people")
        + '<table id="people"><thead><tr><th>person</th><th>workforce</th><th>accounts</th>'
        "<th>roles</th><th>access</th></tr></thead><tbody></tbody></table></section>"
    )


def _findings() -> str:
    options = "".join(f"<option>{s}</option>" for s in ("critical", "high", "medium", "low"))
    return (
        '<section id="findings" hidden><h2>Findings</h2><div class="filters"><label>'
        f'severity <select id="findings-severity"><option value="">any</option>{options}'
        "</select></label></div>"
        + _pager("findings")
        + '<table id="findings"><thead><tr><th>severity</th><th>rule</th><th>message</th>'
        "<th>where</th><th>subject</th><th>remediation</th></tr></thead><tbody></tbody>"
        "</table></section>"
    )
