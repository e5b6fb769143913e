"""A pull-request comment: Markdown that fits in the 65,536 characters GitHub accepts.

A report is a list of sections, each some lines (a heading, a table's header) and rows.
When the whole does not fit, each table keeps the rows that do, in order (so the most
severe first, when the caller sorted them so), and a line says how many more there are
and where to find them; a section that cannot start at all is one such line. Size is
counted in UTF-8 bytes, which is never less than the characters GitHub counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

COMMENT_LIMIT = 65_536
ELSEWHERE = "see the full report (SARIF, JSON or text) in the job's artifacts"


@dataclass(frozen=True)
class Section:
    lines: tuple[str, ...]  # what comes before the rows: headings, text, a table's header
    rows: tuple[str, ...] = ()
    what: str = "rows"  # what a row is, in the line about rows left out: "findings"

    def note(self, left_out: int) -> tuple[str, ...]:
        if left_out == 0:
            return ()
        if self.rows:
            text = f"**{left_out:,} more {self.what} not shown** (a comment holds"
        else:
            text = f"**{self.what.capitalize()} not shown** (a comment holds"
        return ("", f"{text} {COMMENT_LIMIT:,} characters): {ELSEWHERE}.")


def size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def _text(lines: Sequence[str]) -> str:
    return "".join(line + "\n" for line in lines)


def fit(sections: Sequence[Section], *, limit: int = COMMENT_LIMIT) -> str:
    """The sections as Markdown: whole if that fits in ``limit``, else cut to fit. Room
    is kept for the line each later section may need to say what it leaves out."""
    notes = [size(_text(s.note(max(len(s.rows), 1)))) for s in sections]
    lines: list[str] = []
    for index, section in enumerate(sections):
        room = limit - size(_text(lines)) - sum(notes[index + 1 :])
        if size(_text([*section.lines, *section.rows])) <= room:
            lines += [*section.lines, *section.rows]
            continue
        kept = _kept(section, room - notes[index])
        if kept is None:
            lines += section.note(max(len(section.rows), 1))
        else:
            lines += [*section.lines, *section.rows[:kept], *section.note(len(section.rows) - kept)]
    return _text(lines)


def _kept(section: Section, room: int) -> int | None:
    """How many rows fit in ``room`` after the section's lines; None when the section
    cannot start (its lines do not fit, or none of its rows does)."""
    used = size(_text(section.lines))
    if used > room:
        return None
    kept = 0
    for row in section.rows:
        used += size(row) + 1
        if used > room:
            break
        kept += 1
    return None if section.rows and kept == 0 else kept
