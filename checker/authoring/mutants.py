"""Mutants of a Rego rule module: small faults its unit tests should notice.

Four operators, applied to the statements of rule bodies (``… if { … }``) and to the
conditions of one-line rules (``head if condition``); ``constant`` also to top-level
constants (``_tiers := {"admin", "access_admin"}``):

- ``negate``: a condition ``c`` becomes ``not c`` (and ``not c`` becomes ``c``)
- ``drop``: a condition is replaced by ``true``
- ``compare``: a comparison is swapped (``==``/``!=``, ``<``/``<=``, ``>``/``>=``)
- ``constant``: a number ``n`` becomes ``n + 1``, ``true``/``false`` swap, a word-like
  string (``"shared"``, not a message) becomes ``""`` and ``""`` becomes ``"x"``

Assignments (``:=``, ``=``), ``some``, ``every`` heads and ``print`` are never negated or
dropped: the result would not compile. Source is read line by line, strings and comments
set apart, so nothing inside them is ever changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPERATORS = ("negate", "drop", "compare", "constant")


@dataclass(frozen=True)
class Mutant:
    operator: str
    line: int  # 1-based line of the change
    original: str  # the line (or statement) as written, stripped
    mutated: str  # the same, mutated, stripped
    source: str  # the whole module, mutated
    occurrence: int = 1  # the n-th mutant with this operator, original and mutated

    @property
    def key(self) -> str:
        """What names the mutant in explanations: stable when other lines move."""
        base = f"{self.operator}: {self.original} => {self.mutated}"
        return base if self.occurrence == 1 else f"{base} #{self.occurrence}"


@dataclass(frozen=True)
class _Statement:
    first: int  # 0-based line index
    last: int
    start: int  # column on the first line where the statement starts
    end: int  # column on the last line where it ends (exclusive)


_SEGMENT = re.compile(r'"(?:[^"\\]|\\.)*"|`[^`]*`|#.*$|[^"`#]+|["`]')
_COMPARISONS = {"==": "!=", "!=": "==", "<=": "<", ">=": ">", "<": "<=", ">": ">="}
_COMPARISON = re.compile(r"==|!=|<=|>=|(?<![<:=!-])<(?![=-])|(?<![-=])>(?!=)")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?![\w.])")
_BOOLEAN = re.compile(r"\b(?:true|false)\b")
_WORD_STRING = re.compile(r'^"[^\s"%\\]*"$')
_OPENS_BODY = re.compile(r"\bif\s*\{$")
_ONE_LINE_CONDITION = re.compile(r"^(?!import\b|package\b|default\b)\S.*\sif\s+(?P<cond>[^{].*)$")
_NOT_A_CONDITION = re.compile(r"^(?:some|every|print|not\s+some)\b|:=|(?<![=!<>:])=(?!=)")


def mutants_of(source: str) -> list[Mutant]:
    """Every mutant of a module, in source order; each differs from ``source``."""
    lines = source.split("\n")
    codes = [_code(line) for line in lines]
    found: list[Mutant] = []
    for statement in _statements(lines, codes):
        found += _statement_mutants(lines, codes, statement)
    for index in _constant_lines(codes):
        found += _constant_mutants(lines, codes, index, 0, len(lines[index]))
    return _numbered(sorted(found, key=lambda mutant: mutant.line))


def _numbered(mutants: list[Mutant]) -> list[Mutant]:
    seen: dict[tuple[str, str, str], int] = {}
    numbered = []
    for mutant in mutants:
        key = (mutant.operator, mutant.original, mutant.mutated)
        seen[key] = seen.get(key, 0) + 1
        numbered.append(
            Mutant(mutant.operator, mutant.line, mutant.original, mutant.mutated,
                   mutant.source, seen[key])
        )  # fmt: skip
    return numbered


def _code(line: str, *, blank: str = '"`#') -> str:
    """The line with strings and comments (the segments starting with a character of
    ``blank``) blanked out, same length, for scanning code."""
    parts = []
    for match in _SEGMENT.finditer(line):
        text = match.group(0)
        parts.append(" " * len(text) if text[0] in blank else text)
    return "".join(parts)


def _end(line: str) -> int:
    """Where the line's code ends: before a trailing comment and spaces."""
    return len(_code(line, blank="#").rstrip())


def _depth_change(code: str) -> int:
    return sum(code.count(c) for c in "{[(") - sum(code.count(c) for c in "}])")


def _statements(lines: list[str], codes: list[str]) -> Iterator[_Statement]:
    """The statements of every rule body and the conditions of one-line rules."""
    depth, in_body, start = 0, False, -1
    for index, code in enumerate(codes):
        before, depth = depth, depth + _depth_change(code)
        stripped = code.strip()
        if before == 0 and not in_body:
            in_body = bool(_OPENS_BODY.search(stripped)) and depth == 1
            condition = _ONE_LINE_CONDITION.match(code) if depth == 0 else None
            if condition:
                yield _Statement(index, index, condition.start("cond"), _end(lines[index]))
        elif in_body and before == 1 and stripped.startswith("}"):
            in_body = bool(_OPENS_BODY.search(stripped)) and depth == 1  # an else branch
        elif in_body and (stripped or start >= 0):
            start = index if start < 0 else start
            if depth == 1:
                indent = len(lines[start]) - len(lines[start].lstrip())
                yield _Statement(start, index, indent, _end(lines[index]))
                start = -1


_DEFINITION = re.compile(r"^[a-z_][A-Za-z0-9_]*\s*:=")


def _constant_lines(codes: list[str]) -> Iterator[int]:
    """The lines of top-level constants (``_tiers := {"admin", …}``): definitions with no
    condition and no comprehension, on one line or several."""
    depth, start = 0, -1
    for index, code in enumerate(codes):
        before, depth = depth, depth + _depth_change(code)
        if before == 0 and _DEFINITION.match(code):
            start = index
        if start >= 0 and depth == 0:
            text = " ".join(codes[start : index + 1])
            if not re.search(r"\bif\b|\|", text):
                yield from range(start, index + 1)
            start = -1


def _statement_mutants(lines: list[str], codes: list[str], at: _Statement) -> list[Mutant]:
    text = _text(codes, at)
    found = []
    if not _NOT_A_CONDITION.search(text.strip()):
        found += _negated(lines, at) + _dropped(lines, at)
    for index in range(at.first, at.last + 1):
        low = at.start if index == at.first else 0
        high = at.end if index == at.last else len(lines[index])
        found += _token_mutants(lines, codes, index, low, high)
    return found


def _text(codes: list[str], at: _Statement) -> str:
    if at.first == at.last:
        return codes[at.first][at.start : at.end]
    return "\n".join(codes[at.first : at.last + 1])


def _negated(lines: list[str], at: _Statement) -> list[Mutant]:
    if at.first != at.last:
        return []
    line = lines[at.first]
    condition = line[at.start : at.end]
    changed = condition[4:].lstrip() if condition.startswith("not ") else f"not {condition}"
    return [_replaced(lines, at.first, line[: at.start] + changed + line[at.end :], "negate")]


def _dropped(lines: list[str], at: _Statement) -> list[Mutant]:
    head = lines[at.first][: at.start]
    tail = lines[at.last][at.end :]
    original = " ".join(line.strip() for line in lines[at.first : at.last + 1])
    new_lines = [*lines[: at.first], f"{head}true{tail}", *lines[at.last + 1 :]]
    mutated = f"{head}true{tail}".strip()
    return [Mutant("drop", at.first + 1, original, mutated, "\n".join(new_lines))]


def _token_mutants(
    lines: list[str], codes: list[str], index: int, low: int, high: int
) -> list[Mutant]:
    line, code = lines[index], codes[index]
    found = []
    for match in _COMPARISON.finditer(code, low, high):
        swapped = _COMPARISONS[match.group(0)]
        found.append(_replaced(lines, index, _splice(line, match, swapped), "compare"))
    return found + _constant_mutants(lines, codes, index, low, high)


def _constant_mutants(
    lines: list[str], codes: list[str], index: int, low: int, high: int
) -> list[Mutant]:
    line, code = lines[index], codes[index]
    found = []
    for match in _NUMBER.finditer(code, low, high):
        bumped = str(int(match.group(0)) + 1) if match.group(0).isdigit() else "0"
        found.append(_replaced(lines, index, _splice(line, match, bumped), "constant"))
    for match in _BOOLEAN.finditer(code, low, high):
        flipped = "false" if match.group(0) == "true" else "true"
        found.append(_replaced(lines, index, _splice(line, match, flipped), "constant"))
    for match in _SEGMENT.finditer(line, low, high):
        if match.group(0).startswith('"') and _WORD_STRING.match(match.group(0)):
            other = '"x"' if match.group(0) == '""' else '""'
            found.append(_replaced(lines, index, _splice(line, match, other), "constant"))
    return found


def _splice(line: str, match: re.Match[str], replacement: str) -> str:
    return line[: match.start()] + replacement + line[match.end() :]


def _replaced(lines: list[str], index: int, new_line: str, operator: str) -> Mutant:
    source = "\n".join([*lines[:index], new_line, *lines[index + 1 :]])
    return Mutant(operator, index + 1, lines[index].strip(), new_line.strip(), source)
