"""Values drawn on purpose at the edges, where every divergence found so far was: dates
the engines cannot count (before 1677, after 2262), Python-only regex syntax, integers
past 64 bits, empty strings, unicode and control characters, odd line breaks."""

from __future__ import annotations

from hypothesis import strategies as st

# Dates: ordinary ones around the checks' "now" (2026-11-28), the schema's bounds, days
# that do not exist, and the engines' limits (nanoseconds since 1970 fit 1677..2262).
ORDINARY_DATES = [
    "2025-01-31", "2026-06-30", "2026-11-27", "2026-11-28", "2026-11-29", "2027-03-01",
]  # fmt: skip
EDGE_DATES = [
    "1900-01-01", "2199-12-31", "2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10",
    "1677-09-21", "1600-01-01", "2262-04-12", "2263-01-01", "9999-12-31", "0000-01-01", "",
]  # fmt: skip

# Integers: the schemas' bounds and beyond them, 64 bits and past it.
EDGE_INTS = [0, -1, 1, 36500, 36501, 52560000, 2**53 + 1, 2**63 - 1, 2**63, 2**64, 10**30]

# Regexes: portable ones, Python-only syntax, Perl classes, and ones that do not compile.
PATTERNS = [
    "^shared", "^agent[0-9]+$", "generic|team", "^x(?=y)", r"(a)\1", r"a\Z",
    r"(?P<n>a)(?P=n)", r"^\w*shared\w*$", r"^agent\d{2}$", "(", "[z-a]", "(?i)SHARED", "",
]  # fmt: skip

# Characters newer than Unicode 15.0 (U+1FAE9, U+1CC00): OPA's %q escapes them and
# regorus's does not (checker/engines/printing.py).
NEWER_THAN_UNICODE_15 = ["\U0001fae9", "\U0001cc00"]
# Text: empty and blank, control characters, a bidi override, sprintf verbs, quotes, a
# long line, and characters the engines print differently in a quoted string or a list
# (newer than Unicode 15.0, a no-break space, a zero-width joiner, private use).
EDGE_TEXTS = [
    "", " ", "\t", "a\x00b", "a\x1bb", "caf\u00e9", "\u202eevil", "%d", "%!v", '"quoted"',
    "back\\slash", "x" * 300, "a\u00a0b", "\ufeffbom", "\u0000", "a\u200db", "\ue000",
    *NEWER_THAN_UNICODE_15,
]  # fmt: skip

# Names: ordinary, at the pattern's edges, and some the pattern refuses.
EDGE_NAMES = ["a", "0", "a.b-c_d", "z" * 120, "Upper", "name with space", "caf\u00e9", "-lead"]

# Line breaks YAML reads but editors may not show: lone CR, NEL, LS, PS.
ODD_BREAKS = ["\r", "\x85", "\u2028", "\u2029"]


def edged(ordinary: st.SearchStrategy[object], edges: list[object]) -> st.SearchStrategy[object]:
    """Mostly ``ordinary``, one draw in ten an edge value (more, and most documents would
    fail their schema and never reach the engines)."""
    return st.one_of([ordinary] * 9 + [st.sampled_from(edges)])


def dates() -> st.SearchStrategy[object]:
    return edged(st.sampled_from(ORDINARY_DATES), list(EDGE_DATES))


def integers(low: int, high: int) -> st.SearchStrategy[object]:
    ordinary = st.integers(min_value=low, max_value=min(high, low + 400))
    return edged(ordinary, [low, high, *EDGE_INTS])


def texts(ordinary: list[str]) -> st.SearchStrategy[object]:
    return edged(st.sampled_from(ordinary), list(EDGE_TEXTS))


def names(ordinary: list[str]) -> st.SearchStrategy[object]:
    return edged(st.sampled_from(ordinary), list(EDGE_NAMES))
