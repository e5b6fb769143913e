"""Rego that the engines do not share, rejected before it can decide differently.

A rule that runs on the embedded engine must decide the same on OPA, and the reverse.
Each entry is a construct one of them lacks or evaluates differently; the test suite
proves the built-in library on both engines, and this guard keeps custom packs honest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from checker.policy.packs import RegoFile


@dataclass(frozen=True)
class Construct:
    pattern: re.Pattern[str]
    why: str
    # Text every match contains: a file with none of it is not searched (a regex that
    # starts with \b has no literal prefix for re to look for, and costs a cold run).
    hints: tuple[str, ...] = ()

    def matches(self, code: str) -> Iterator[re.Match[str]]:
        if self.hints and not any(hint in code for hint in self.hints):
            return iter(())
        return self.pattern.finditer(code)


CONSTRUCTS = (
    Construct(
        re.compile(r"\brego\.metadata\.(rule|chain)\s*\("),
        "rego.metadata.* is missing on the embedded engine; rule metadata is "
        "data.rolegate.rule_index",
        ("rego.metadata.",),
    ),
    Construct(
        re.compile(r"\bjson\.(match|verify)_schema\s*\("),
        "json.match_schema/verify_schema differ between engines; validate in the schema",
        ("json.match_schema", "json.verify_schema"),
    ),
    Construct(
        re.compile(r"\b(http\.send|net\.lookup_ip_addr|opa\.runtime)\s*\("),
        "the decision must depend on the repo alone, not on the network or the runtime",
        ("http.send", "net.lookup_ip_addr", "opa.runtime"),
    ),
    Construct(
        re.compile(r"\b(time\.now_ns|rand\.intn|uuid\.rfc4122)\s*\("),
        "not reproducible; use input.context.now (set by --now)",
        ("time.now_ns", "rand.intn", "uuid.rfc4122"),
    ),
    Construct(
        re.compile(r"^[a-z_][A-Za-z0-9_]*\[[^\]\n]+\]\[", re.M),
        "a multi-level ref head is undefined on the embedded engine when empty but {} "
        "on OPA; use one level with an object value",
    ),
)

_COMMENT = re.compile(r'("(?:[^"\\\n]|\\.)*"|`[^`]*`)|#[^\n]*')


def _code(text: str) -> str:
    """The text with comments and string contents blanked; line numbers stay the same."""
    return _COMMENT.sub(_blank, text)


def _blank(match: re.Match[str]) -> str:
    return "\n".join(" " * len(line) for line in match.group(0).split("\n"))


def problems(rego: RegoFile) -> Iterator[str]:
    """``file:line: <construct>: why`` for each non-portable construct in a file."""
    code = _code(rego.text)
    for construct in CONSTRUCTS:
        for match in construct.matches(code):
            line = code.count("\n", 0, match.start()) + 1
            found = match.group(0).strip().rstrip("(").strip()
            yield f"{rego.display}:{line}: {found}: {construct.why}"
