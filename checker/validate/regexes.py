"""Regular expressions both Rego engines read alike, checked where the YAML line is known.

OPA matches with Go's RE2, the embedded engine with Rust's regex crate; Python's ``re``
(what ``format: regex`` used to mean) accepts far more. A pattern only one engine compiles
made ``regex.match`` fail, which OPA reads as "undefined": a silent pass. So a pattern must
be in the dialect the two share: literals; ``.``, ``^``, ``$``, ``\\A``, ``\\z``, ``\\b``,
``\\B``; classes (regexclass.py); ``(...)``, ``(?:...)``, ``(?flags)``, ``(?flags:...)``
with flags ``imsU``; ``|``; ``*``, ``+``, ``?``, ``{n}``, ``{n,}``, ``{n,m}`` (counts up to
1000, RE2's limit, also multiplied when nested), each optionally lazy; and the escapes
regexclass.escaped_char reads.

``\\d``, ``\\w``, ``\\s`` (and ``\\D``, ``\\W``, ``\\S``) are ASCII in Go but Unicode in
Rust, where ``\\w{3}`` already overflows the embedded engine's compiled-size limit; the
engines get them spelt out as ASCII classes (``Portable.text``). ``\\b`` is Go's ASCII
word boundary and Rust's Unicode one: the two agree on ASCII text, and account ids are
ASCII (their schema). ``Portable.size`` estimates, on the high side, what the embedded
engine compiles a pattern to: its limit is 100 KiB.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from checker.validate.regexclass import (
    ASCII_CLASSES,
    FOLDED,
    LITERAL,
    STEP,
    WIDE,
    RegexError,
    class_size,
    escaped_char,
    parse_class,
)

MAX_REPEAT = 1000
MAX_DEPTH = 100
# What a pattern (and the OrgPolicy's patterns together) may compile to on the embedded
# engine, by the estimate: its limit is 102400 bytes, and the estimate runs high.
MAX_SIZE = 80_000
_QUANTIFIERS = ("*", "+", "?", "{")


@dataclass(frozen=True)
class Portable:
    text: str  # the pattern as the engines get it
    size: int  # estimated compiled size on the embedded engine, in bytes


@dataclass(frozen=True)
class _Piece:
    text: str
    size: int
    repeats: int = 1  # the largest product of counted repetitions inside
    repeatable: bool = True


@cache
def portable(pattern: str) -> Portable:
    """The pattern in the shared dialect; RegexError, saying why, when it is not."""
    parser = _Parser(pattern)
    piece = parser.alternation(depth=0)
    if parser.pos < len(pattern):  # only an unmatched ")" ends the top level early
        raise RegexError(f") at position {parser.pos + 1} closes no group")
    if piece.size > MAX_SIZE:
        raise RegexError(too_large(piece.size))
    return Portable(piece.text, piece.size)


def too_large(size: int) -> str:
    return (
        f"too large for the embedded engine (compiles to about {size} bytes, at most "
        f"{MAX_SIZE}); repeat less, or use fewer . and [^...]"
    )


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.pattern, self.pos, self.fold = pattern, 0, False

    def peek(self) -> str:
        return self.pattern[self.pos] if self.pos < len(self.pattern) else ""

    def take(self) -> str:
        char = self.peek()
        if not char:
            raise RegexError("the pattern ends in the middle of an escape or group")
        self.pos += 1
        return char

    def alternation(self, *, depth: int) -> _Piece:
        if depth > MAX_DEPTH:
            raise RegexError(f"groups nest deeper than {MAX_DEPTH}")
        pieces = [self.sequence(depth=depth)]
        while self.peek() == "|":
            self.pos += 1
            pieces.append(self.sequence(depth=depth))
        return _Piece(
            "|".join(p.text for p in pieces),
            sum(p.size for p in pieces) + STEP * (len(pieces) - 1),
            max(p.repeats for p in pieces),
        )

    def sequence(self, *, depth: int) -> _Piece:
        pieces = []
        while self.peek() not in ("", "|", ")"):
            pieces.append(self.quantified(self.atom(depth=depth)))
        return _Piece(
            "".join(p.text for p in pieces),
            sum(p.size for p in pieces),
            max([p.repeats for p in pieces], default=1),
        )

    def quantified(self, piece: _Piece) -> _Piece:
        char = self.peek()
        if char not in _QUANTIFIERS:
            return piece
        if not piece.repeatable:
            raise RegexError(f"{char} at position {self.pos + 1} follows nothing it can repeat")
        if char == "{":
            piece = self.counted(piece)
        else:
            self.pos += 1
            piece = _Piece(
                piece.text + char, piece.size + STEP * (2 if char == "?" else 1), piece.repeats
            )
        if self.peek() == "?":
            self.pos += 1
            piece = _Piece(piece.text + "?", piece.size, piece.repeats)
        if self.peek() in _QUANTIFIERS:
            raise RegexError(
                f"{self.peek()} at position {self.pos + 1} repeats a repetition "
                "(possessive and nested quantifiers are Python-only)"
            )
        return piece

    def counted(self, piece: _Piece) -> _Piece:
        end = self.pattern.find("}", self.pos)
        inside = self.pattern[self.pos + 1 : end] if end > 0 else ""
        low, comma, high = inside.partition(",")
        if inside.startswith(","):
            raise RegexError("{,n} means {0,n} in Python but literal text in OPA; write {0,n}")
        if not low.isdigit() or not (high.isdigit() or high == ""):
            raise RegexError(f"a literal {{ at position {self.pos + 1} must be written \\{{")
        least, most = int(low), int(high) if high else int(low)
        if most < least:
            raise RegexError(f"{{{inside}}} counts down")
        if most * piece.repeats > MAX_REPEAT:
            raise RegexError(
                f"{{{inside}}} repeats more than {MAX_REPEAT} times in all (RE2's limit)"
            )
        self.pos = end + 1
        copies = most + 1 if comma and not high else max(most, 1)
        return _Piece(f"{piece.text}{{{inside}}}", piece.size * copies + STEP, most * piece.repeats)

    def atom(self, *, depth: int) -> _Piece:
        char = self.take()
        if char == "(":
            return self.group(depth=depth)
        if char == "[":
            text, items, wide, self.pos = parse_class(self.pattern, self.pos)
            return _Piece(text, class_size(items, wide=wide, fold=self.fold))
        if char == ".":
            return _Piece(".", WIDE)
        if char in ("^", "$"):
            return _Piece(char, STEP, repeatable=False)
        if char in _QUANTIFIERS:
            self.pos -= 1
            if char == "{":
                raise RegexError(f"a literal {{ at position {self.pos + 1} must be written \\{{")
            raise RegexError(f"{char} at position {self.pos + 1} follows nothing it can repeat")
        if char == "\\":
            return self.escape()
        return _Piece(char, self.literal_size(char))

    def literal_size(self, char: str) -> int:
        if not char.isascii():
            return 10 * LITERAL if self.fold else 5 * LITERAL
        return FOLDED if self.fold and char.isalpha() else LITERAL

    def escape(self) -> _Piece:
        start, char = self.pos - 1, self.peek()
        if char in ASCII_CLASSES and char:
            self.pos += 1
            spelt, items = ASCII_CLASSES[char]
            return _Piece(f"[{spelt}]", class_size(items, wide=False, fold=self.fold))
        if char in ("D", "W", "S"):
            self.pos += 1
            return _Piece(f"[^{ASCII_CLASSES[char.lower()][0]}]", WIDE)
        if char in ("A", "z", "b", "B"):
            self.pos += 1
            return _Piece("\\" + char, STEP, repeatable=False)
        text, _, self.pos = escaped_char(self.pattern, start)
        return _Piece(text, LITERAL)

    def group(self, *, depth: int) -> _Piece:
        opening, capture, outer = "(", True, self.fold
        if self.peek() == "?":
            self.pos += 1
            opening, capture = self.group_kind(), False
            if opening.endswith(")"):  # (?flags) holds for the rest of the enclosing group
                return _Piece(opening, 0, repeatable=False)
        inner = self.alternation(depth=depth + 1)
        if self.peek() != ")":
            raise RegexError("a group is not closed: ( without )")
        self.pos += 1
        self.fold = outer
        return _Piece(
            f"{opening}{inner.text})", inner.size + (2 * STEP if capture else 0), inner.repeats
        )

    def group_kind(self) -> str:
        start = self.pos
        while self.peek() not in ("", ":", ")"):
            self.pos += 1
        flags, end = self.pattern[start : self.pos], self.peek()
        if end and ((flags == "" and end == ":") or _valid_flags(flags)):
            self.pos += 1
            on, _, off = flags.partition("-")
            self.fold = True if "i" in on else False if "i" in off else self.fold
            return f"(?{flags}{end}"
        raise RegexError(_bad_group(self.pattern[start - 2 : start + 3]))


def _valid_flags(flags: str) -> bool:
    on, dash, off = flags.partition("-")
    letters = on + off
    return (
        bool(letters)
        and not (dash and not off)
        and set(letters) <= set("imsU")
        and len(set(letters)) == len(letters)
    )


def _bad_group(opening: str) -> str:
    lookaround = [p for p in ("(?<=", "(?<!", "(?=", "(?!") if opening.startswith(p)]
    if lookaround:
        return (
            f"{lookaround[0]}...) is lookaround, which only Python has "
            "(OPA's RE2 and the embedded engine do not)"
        )
    if opening.startswith(("(?P<", "(?<", "(?P=")):
        return "named groups and backreferences are not read alike; write (...) or (?:...)"
    return (
        f"{opening}... is not a group both engines read alike; "
        "write (...), (?:...) or flags of i, m, s, U"
    )
