"""``sprintf`` formats rewritten where the embedded engine would print otherwise than OPA.

regorus 0.13 prints a negative number under ``%d`` with a doubled sign (``--1`` where OPA
prints ``-1``); under ``%v`` it prints integers as OPA's ``%d`` does. So each bare ``%d``
in a literal format becomes ``%v`` (same length: lines and columns stay). A format this
cannot rewrite — not a literal string, or ``%d`` with flags, a width or a precision — is
refused on this engine with the engine to use instead: never a message silently different
from OPA's.
"""

from __future__ import annotations

import re

from checker.errors import GateError

# A verb after '%': flags, width, precision, then the verb letter ('%%' is a percent sign).
_VERB = re.compile(r"%(?P<spec>[-+# 0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?)(?P<verb>[a-zA-Z%])")
_CALL = re.compile(r"\bsprintf\s*\(\s*")
_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|`[^`]*`|#[^\n]*|\bsprintf\s*\(')


class Unrewritable(ValueError):
    """A format whose ``%d`` cannot be rewritten in place."""


def format_rewritten(literal: str) -> str:
    """A format literal (quotes included) with each bare ``%d`` read as ``%v``."""

    def verb(match: re.Match[str]) -> str:
        if match["verb"] != "d":
            return match[0]
        if match["spec"]:
            raise Unrewritable(f"the format {literal} has {match[0]}")
        return "%v"

    return _VERB.sub(verb, literal)


def rewritten(display: str, text: str) -> str:
    """The module with every ``sprintf`` format rewritten; GateError where one cannot be."""
    parts: list[str] = []
    done = 0
    for token in _TOKEN.finditer(text):
        if not token[0].startswith("sprintf"):
            continue
        call = _CALL.match(text, token.start())
        assert call is not None  # the token is the start of a call
        literal = _TOKEN.match(text, call.end())
        try:
            if literal is None or literal[0][0] not in '"`':
                raise Unrewritable("the format is not a literal string")
            parts.append(text[done : literal.start()] + format_rewritten(literal[0]))
        except Unrewritable as why:
            raise _refused(display, text, call.start(), str(why)) from why
        done = literal.end()
    return "".join(parts) + text[done:]


def _refused(display: str, text: str, at: int, why: str) -> GateError:
    line = text.count("\n", 0, at) + 1
    return GateError(
        f"{display}:{line}: sprintf: {why}; the embedded engine (regorus 0.13) prints %d "
        "of a negative number otherwise than OPA; write %v, or run with --engine opa"
    )
