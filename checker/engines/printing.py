"""Characters OPA and the embedded engine print differently, and the guard that keeps a
custom rule's findings from differing between them silently.

Measured over every code point (tests/engines/test_printing.py): under ``%q`` regorus
0.13 prints a string as OPA 1.9 does (Go's quoting, Unicode 15.0 tables) except for the
characters added since (Unicode 15.1, 16 and 17, listed below), which OPA escapes
(``\\U0001cc00``) and regorus prints as they are. Inside a list, set or object printed
with ``%v`` or ``%s`` regorus prints every character as it is, where OPA escapes those
Go's quoting does: control and format characters, spaces other than U+0020, line and
paragraph separators, private-use and unassigned code points. The built-in rules print
neither (IMP-001 quotes its vendor text itself); a custom rule may, so on this engine a
custom rule's finding that holds such a character stops the check, naming the engine
that prints it as OPA.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from checker.engines import finding_objects
from checker.errors import GateError

# Inclusive ranges of code points OPA's %q escapes and regorus's does not (assigned in
# Unicode 15.1, 16 and 17; measured, see the module's docstring).
NEWER_THAN_UNICODE_15 = (
    (0x88F, 0x88F), (0x897, 0x897), (0xC5C, 0xC5C), (0xCDC, 0xCDC), (0x1ACF, 0x1ADD),
    (0x1AE0, 0x1AEB), (0x1B4E, 0x1B4F), (0x1B7F, 0x1B7F), (0x1C89, 0x1C8A), (0x20C1, 0x20C1),
    (0x2427, 0x2429), (0x2B96, 0x2B96), (0x2FFC, 0x2FFF), (0x31E4, 0x31E5), (0x31EF, 0x31EF),
    (0xA7CB, 0xA7CF), (0xA7D2, 0xA7D2), (0xA7D4, 0xA7D4), (0xA7DA, 0xA7DC), (0xA7F1, 0xA7F1),
    (0xFBC3, 0xFBD2), (0xFD90, 0xFD91), (0xFDC8, 0xFDCE), (0x105C0, 0x105F3),
    (0x10940, 0x10959), (0x10D40, 0x10D65), (0x10D69, 0x10D85), (0x10D8E, 0x10D8F),
    (0x10EC2, 0x10EC7), (0x10ED0, 0x10ED8), (0x10EFA, 0x10EFC), (0x11380, 0x11389),
    (0x1138B, 0x1138B), (0x1138E, 0x1138E), (0x11390, 0x113B5), (0x113B7, 0x113C0),
    (0x113C2, 0x113C2), (0x113C5, 0x113C5), (0x113C7, 0x113CA), (0x113CC, 0x113D5),
    (0x113D7, 0x113D8), (0x113E1, 0x113E2), (0x116D0, 0x116E3), (0x11B60, 0x11B67),
    (0x11BC0, 0x11BE1), (0x11BF0, 0x11BF9), (0x11DB0, 0x11DDB), (0x11DE0, 0x11DE9),
    (0x11F5A, 0x11F5A), (0x13460, 0x143FA), (0x16100, 0x16139), (0x16D40, 0x16D79),
    (0x16EA0, 0x16EB8), (0x16EBB, 0x16ED3), (0x16FF2, 0x16FF6), (0x187F8, 0x187FF),
    (0x18CFF, 0x18CFF), (0x18D09, 0x18D1E), (0x18D80, 0x18DF2), (0x1CC00, 0x1CCFC),
    (0x1CD00, 0x1CEB3), (0x1CEBA, 0x1CED0), (0x1CEE0, 0x1CEF0), (0x1E5D0, 0x1E5FA),
    (0x1E5FF, 0x1E5FF), (0x1E6C0, 0x1E6DE), (0x1E6E0, 0x1E6F5), (0x1E6FE, 0x1E6FF),
    (0x1F6D8, 0x1F6D8), (0x1F777, 0x1F77A), (0x1F8B2, 0x1F8BB), (0x1F8C0, 0x1F8C1),
    (0x1F8D0, 0x1F8D8), (0x1FA54, 0x1FA57), (0x1FA89, 0x1FA8A), (0x1FA8E, 0x1FA8F),
    (0x1FABE, 0x1FABE), (0x1FAC6, 0x1FAC6), (0x1FAC8, 0x1FAC8), (0x1FACD, 0x1FACD),
    (0x1FADC, 0x1FADC), (0x1FADF, 0x1FADF), (0x1FAE9, 0x1FAEA), (0x1FAEF, 0x1FAEF),
    (0x1FBCB, 0x1FBEF), (0x1FBFA, 0x1FBFA), (0x2B73A, 0x2B73F), (0x2CEA2, 0x2CEAD),
    (0x2EBF0, 0x2EE5D), (0x323B0, 0x33479),
)  # fmt: skip
_STARTS = [low for low, _ in NEWER_THAN_UNICODE_15]
# Categories Go's quoting escapes (Python's tables are Unicode 14 or later: a character
# Go prints may be unassigned here, which errs on the side of stopping).
_ESCAPED = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp", "Zs"})
_NOT_ASCII = re.compile(r"[^\x20-\x7e\t\n]")


def printed_differently(char: str) -> bool:
    """Whether the engines may print ``char`` differently inside a finding's text."""
    if char == " ":
        return False
    if unicodedata.category(char) in _ESCAPED:
        return True
    code = ord(char)
    at = bisect.bisect_right(_STARTS, code) - 1
    return at >= 0 and code <= NEWER_THAN_UNICODE_15[at][1]


def first_divergent(text: str) -> str | None:
    """The first character of ``text`` the engines may print differently, if any."""
    for found in _NOT_ASCII.finditer(text):
        if printed_differently(found[0]):
            return found[0]
    return None


def check_custom_findings(decision: dict[str, Any], custom_rules: frozenset[str]) -> None:
    """GateError when a finding of a rule in ``custom_rules``, reported or waived, built
    text the engines may print differently (its message, subject or path)."""
    if not custom_rules:
        return
    for finding in finding_objects(decision):
        if finding.get("rule") not in custom_rules:
            continue
        for part, text in _built_texts(finding):
            char = first_divergent(text)
            if char is not None:
                raise _divergent(finding, part, char)


def _built_texts(finding: dict[str, Any]) -> Iterable[tuple[str, str]]:
    for part in ("message", "subject"):
        if isinstance(finding.get(part), str):
            yield part, finding[part]
    path = finding.get("path")
    if isinstance(path, list):
        yield from (("path", step) for step in path if isinstance(step, str))


def _divergent(finding: dict[str, Any], part: str, char: str) -> GateError:
    return GateError(
        f"{finding.get('rule')}: a finding's {part} (in {finding.get('file')}) holds "
        f"U+{ord(char):04X}, which the embedded engine (regorus 0.13) may print otherwise "
        "than OPA (under %q, or inside a list printed with %v); run with --engine opa"
    )
