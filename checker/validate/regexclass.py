"""Character classes and one-character escapes of the regex dialect regexes.py reads.

A class is ``[...]`` or ``[^...]`` of characters, ranges ``a-z``, ASCII classes such as
``[:alpha:]`` or ``[:^digit:]``, and ``\\d``, ``\\w``, ``\\s`` (spelt out in ASCII).
Refused, because RE2 and Rust read them differently: a ``[`` inside a class (Rust nests
classes, RE2 reads a literal), ``&&``, ``--`` and ``~~`` (Rust's set operations), a
leading ``]``, and ``\\D``, ``\\W``, ``\\S`` inside a class.

The sizes are estimates of what the embedded engine compiles each piece to, in bytes,
set above what it was measured to use (bench: a literal 32, an ASCII class 72-104, with
``(?i)`` up to 412, ``.`` and negated classes up to 1113).
"""

from __future__ import annotations

LITERAL, FOLDED, STEP, WIDE, _ITEM = 40, 300, 40, 1200, 32

# \d, \w, \s as ASCII class contents (RE2's meaning), and how many ranges each holds.
ASCII_CLASSES = {"d": ("0-9", 1), "w": ("0-9A-Za-z_", 4), "s": ("\\t\\n\\f\\r ", 5)}
_POSIX = {
    *("alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph"),
    *("lower", "print", "punct", "space", "upper", "word", "xdigit"),
}
_META = set("\\.+*?()|[]{}^$-/")
_CONTROL = {"t": 9, "n": 10, "r": 13, "f": 12, "v": 11}
_HEX = set("0123456789abcdefABCDEF")


class RegexError(ValueError):
    """A pattern outside the dialect both engines share; the message says why."""


def class_size(items: int, *, wide: bool, fold: bool) -> int:
    if wide:
        return WIDE
    return (12 if fold else 2) * LITERAL + _ITEM * items


def escaped_char(pattern: str, pos: int) -> tuple[str, int, int]:
    """The escape at ``pattern[pos]`` (a backslash) that stands for one character: its
    text, its code point, and the position after it."""
    char = pattern[pos + 1 : pos + 2]
    if char in _META and char:
        return "\\" + char, ord(char), pos + 2
    if char in _CONTROL:
        return "\\" + char, _CONTROL[char], pos + 2
    if char == "x":
        return _hex(pattern, pos + 2)
    raise RegexError(_bad_escape(char))


def _hex(pattern: str, pos: int) -> tuple[str, int, int]:
    if pattern[pos : pos + 1] == "{":
        end = pattern.find("}", pos)
        digits, after = (pattern[pos + 1 : end], end + 1) if end > 0 else ("", pos)
    else:
        digits, after = pattern[pos : pos + 2], pos + 2
        digits = digits if len(digits) == 2 else ""
    if not 0 < len(digits) <= 6 or not set(digits) <= _HEX:
        raise RegexError("\\x takes two hex digits or hex digits in braces: \\x41, \\x{41}")
    code = int(digits, 16)
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise RegexError(f"\\x{{{digits}}} is not a character")
    return f"\\x{{{digits}}}", code, after


def _bad_escape(char: str) -> str:
    if char == "":
        return "the pattern ends with a lone \\"
    if char == "Z":
        return "\\Z is Python's end of text; write \\z (or $)"
    if char.isdigit():
        return (
            f"\\{char}: backreferences and octal escapes are Python-only; "
            "write \\x.. for a character"
        )
    if char in ("p", "P"):
        return f"\\{char} (a Unicode class): account ids are ASCII; use a class such as [a-z]"
    if char in ("Q", "E"):
        return "\\Q...\\E quoting is OPA-only; escape each metacharacter instead"
    return f"\\{char} is not an escape both engines read alike"


def parse_class(pattern: str, pos: int) -> tuple[str, int, bool, int]:
    """The class that opens just before ``pos``: its text for the engines, how many
    items it has, whether it reaches beyond ASCII, and the position after it."""
    negated = pattern[pos : pos + 1] == "^"
    pos += negated
    if pattern[pos : pos + 1] == "]":
        raise RegexError("a class cannot start with ]; write \\] for the character")
    parts: list[str] = []
    items, wide = 0, negated
    last: int | None = None
    while pattern[pos : pos + 1] != "]":
        if pos >= len(pattern):
            raise RegexError("a class is not closed: [ without ]")
        _refuse_set_operation(pattern, pos)
        if pattern[pos] == "-" and parts and pattern[pos + 1 : pos + 2] != "]":
            if last is None:
                raise RegexError(
                    "- inside a class must start a range from one character, or come first or last"
                )
            text, end, pos = _endpoint(pattern, pos + 1)
            if end < last:
                raise RegexError(f"the range ending in {text} runs backwards")
            parts.append("-" + text)
            wide, last = wide or end > 0x7F, None
            continue
        text, code, size, pos = _member(pattern, pos)
        parts.append(text)
        items += size
        wide = wide or text.startswith("[:^") or (code or 0) > 0x7F
        last = code
    return f"[{'^' if negated else ''}{''.join(parts)}]", max(items, 1), wide, pos + 1


def _refuse_set_operation(pattern: str, pos: int) -> None:
    pair = pattern[pos : pos + 2]
    if pair in ("&&", "--", "~~"):
        raise RegexError(
            f"{pair} inside a class is a set operation for the embedded engine but literal "
            f"text for OPA; escape it (\\{pair[0]}\\{pair[1]})"
        )
    if pattern[pos] == "[" and pattern[pos + 1 : pos + 2] != ":":
        raise RegexError(
            "[ inside a class opens a nested class for the embedded engine but is a "
            "literal for OPA; write \\["
        )


def _member(pattern: str, pos: int) -> tuple[str, int | None, int, int]:
    """One member of a class: text, code point (None for a class of characters), how
    many items it counts for, and the position after it."""
    if pattern.startswith("[:", pos):
        end = pattern.find(":]", pos)
        name = pattern[pos + 2 : end].removeprefix("^") if end > 0 else ""
        if name not in _POSIX:
            raise RegexError(f"[:{name}:] is not an ASCII class ({', '.join(sorted(_POSIX))})")
        return pattern[pos : end + 2], None, 1, end + 2
    if pattern[pos] == "\\":
        char = pattern[pos + 1 : pos + 2]
        if char in ASCII_CLASSES:
            spelt, items = ASCII_CLASSES[char]
            return spelt, None, items, pos + 2
        if char in ("D", "W", "S", "b", "B", "A", "z"):
            raise RegexError(f"\\{char} inside a class is not read alike; write the class out")
    text, code, after = _endpoint(pattern, pos)
    return text, code, 1, after


def _endpoint(pattern: str, pos: int) -> tuple[str, int, int]:
    """A single character inside a class: a literal or a one-character escape."""
    if pos >= len(pattern):
        raise RegexError("a class is not closed: [ without ]")
    if pattern[pos] == "\\":
        return escaped_char(pattern, pos)
    if pattern[pos] == "[":
        _refuse_set_operation(pattern, pos)
    return pattern[pos], ord(pattern[pos]), pos + 1
