"""The report formats: the Renderer every reporter is, and REPORTERS by format name.

Every reporter takes the same keywords: ``fail_on`` (the gate's threshold), ``quiet``
(text: failing findings only), ``color`` (text: ANSI colours) and ``links`` (markdown:
the prefix of links to files).
"""

from __future__ import annotations

from typing import Protocol

from checker.report import (
    github_report,
    json_report,
    junit_report,
    markdown_report,
    sarif_report,
    text_report,
)
from checker.result import Report


class Renderer(Protocol):
    def __call__(
        self,
        report: Report,
        *,
        fail_on: str,
        quiet: bool = False,
        color: bool = False,
        links: str = "",
    ) -> str: ...


REPORTERS: dict[str, Renderer] = {
    "text": text_report.render,
    "json": json_report.render,
    "sarif": sarif_report.render,
    "junit": junit_report.render,
    "github": github_report.render,
    "markdown": markdown_report.render,
}
