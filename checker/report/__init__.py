"""Reporters: pure functions from a report to text. Listed in REPORTERS by format name."""

from __future__ import annotations

from typing import Protocol

from checker.check import Report
from checker.report import json_report, text_report


class Renderer(Protocol):
    def __call__(self, report: Report, *, fail_on: str, quiet: bool = False) -> str: ...


REPORTERS: dict[str, Renderer] = {
    "text": text_report.render,
    "json": json_report.render,
}
