"""Which findings and waived findings touch a row of an access query.

A finding touches a role's grant when it is about the role (subject ``role:<name>``, in
the role's file: a name defined twice is two roles) and sits inside that grant (its path
starts with the grant's ``["spec", "grants", i]``); it
touches the role as a whole when it sits outside every grant (read audit, channels,
ownership). A finding about an account (in its file) touches that account. The access itself comes
from Rego; this only says which of the decision's findings are about the same places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from checker.findings import Finding
from checker.result import Report

_GRANTS = ("spec", "grants")


@dataclass(frozen=True)
class Touching:
    findings: tuple[Finding, ...]
    waived: tuple[Finding, ...]  # findings a waiver in force covers

    def __bool__(self) -> bool:
        return bool(self.findings or self.waived)


class FindingIndex:
    """The report's findings and waived findings by subject."""

    def __init__(self, report: Report) -> None:
        self._found: dict[str, list[tuple[Finding, bool]]] = {}
        for finding in report.findings:
            self._found.setdefault(finding.subject, []).append((finding, False))
        for waived in report.waived:
            self._found.setdefault(waived.finding.subject, []).append((waived.finding, True))

    def role(self, role: dict[str, Any], grants: Iterable[int]) -> Touching:
        """Findings about the role (a row naming ``role`` and ``file``) outside its
        grants, and inside ``grants`` (indices)."""
        wanted = set(grants)
        return self._pick(role, lambda f: _in_grants(f.path, wanted))

    def role_level(self, role: dict[str, Any]) -> Touching:
        """Findings about the role outside every grant."""
        return self._pick(role, lambda f: not _under_grant(f.path))

    def grant(self, role: dict[str, Any], index: int) -> Touching:
        """Findings inside one grant of the role."""
        return self._pick(role, lambda f: _grant_index(f.path) == index)

    def account(self, account: dict[str, Any]) -> Touching:
        """Findings about an account (a row naming ``id`` and ``file``)."""
        return self._pick({"account": account["id"], "file": account["file"]}, lambda _: True)

    def _pick(self, row: dict[str, Any], keep: Callable[[Finding], bool]) -> Touching:
        subject = f"account:{row['account']}" if "account" in row else f"role:{row['role']}"
        found = [
            (f, waived)
            for f, waived in self._found.get(subject, [])
            if f.file == row["file"] and keep(f)
        ]
        return Touching(
            tuple(f for f, waived in found if not waived), tuple(f for f, waived in found if waived)
        )


def _under_grant(path: tuple[str | int, ...]) -> bool:
    return tuple(path[:2]) == _GRANTS and len(path) > 2


def _grant_index(path: tuple[str | int, ...]) -> int | None:
    return path[2] if _under_grant(path) and isinstance(path[2], int) else None


def _in_grants(path: tuple[str | int, ...], wanted: set[int]) -> bool:
    return not _under_grant(path) or _grant_index(path) in wanted


def csv_cell(value: object) -> str:
    """A CSV cell that a spreadsheet shows as text: a value starting with = + - @ (a
    person key is free text) would otherwise be read as a formula."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def counted(number: int, word: str, plural: str = "") -> str:
    """``1 role``, ``2 roles``, ``2 people``."""
    return f"{number} {word if number == 1 else plural or word + 's'}"
