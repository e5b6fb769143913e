"""Text from the checked repo made safe for each report format: one sanitiser for all.

Owners, approvers, names, reasons, messages and file names come from the repo under
review, so from whoever wrote the change. Before any reporter writes one:

- ``one_line`` (text, github, junit, the text diff): control characters (ANSI escapes,
  newlines, NUL), invisible format characters (Unicode bidi controls, zero-width
  characters), line and paragraph separators, surrogates (undecodable bytes of a file
  name) and the noncharacters XML forbids become visible escapes — ``\\n``, ``\\x1b``,
  ``\\u202e``; an undecodable byte shows as ``\\xNN``. So a value can neither start a new
  line (a forged summary, a ``::notice::`` workflow command) nor drive the terminal, nor
  make XML unparsable. A CI runner's command marker in a value is escaped too: ``::`` at
  its start (GitHub Actions reads it at the start of a line) and ``##[`` anywhere (Azure
  Pipelines reads ``##vso[`` anywhere in a line).
- ``markdown_text`` and ``markdown_code`` (pull-request comments): one line, no HTML, no
  inline markup (links, images, emphasis, code), no table break, and no ``@mention`` or
  ``#123`` reference that would notify people or link issues.
- ``data`` (json, sarif): verbatim — JSON escapes control characters itself and rolegate
  writes it ASCII-only — except surrogates, which are not text: they become U+FFFD.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Unicode categories shown as escapes: control, format (bidi, zero-width), surrogate,
# line separator, paragraph separator.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_NONCHARACTERS = frozenset({"\ufffe", "\uffff"})  # outside XML 1.0, like C0 controls
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # surrogateescape: an undecodable byte 0x80-0xff
_RUNNER_MARKER = re.compile(r"##(?=\[|vso\[)")
_MARKUP = re.compile(r"([\\`*_~\[\]|])")
_NOTIFY = re.compile(r"([@#])(?=[A-Za-z0-9])")
_SURROGATE = re.compile("[\ud800-\udfff]")
_ZERO_WIDTH_SPACE = "&#8203;"  # an entity: the text itself holds no invisible character


def _hidden(char: str) -> bool:
    return char in _NONCHARACTERS or unicodedata.category(char) in _HIDDEN_CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code in _ESCAPED_BYTES:
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def one_line(text: str) -> str:
    """``text`` on one line of plain text, every hidden character a visible escape."""
    shown = "".join(_escape(c) if _hidden(c) else c for c in text)
    shown = _RUNNER_MARKER.sub("#\\\\x23", shown)
    if shown.lstrip().startswith("::"):
        shown = shown.replace(":", "\\x3a", 1)
    return shown


def markdown_text(text: str) -> str:
    """``text`` as inert Markdown, safe in a table cell."""
    escaped = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MARKUP.sub(r"\\\1", escaped)
    return _NOTIFY.sub(lambda m: m.group(1) + _ZERO_WIDTH_SPACE, escaped)


def markdown_code(text: str) -> str:
    """``text`` as a Markdown code span, safe in a table cell: nothing inside a code span
    is markup or a mention, and its fence is longer than any run of backticks in it."""
    shown = one_line(text).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if shown[:1] in ("`", " ") or shown[-1:] in ("`", " ") else ""
    return f"{fence}{padding}{shown}{padding}{fence}"


def data(value: Any) -> Any:
    """A JSON document's strings (keys too) verbatim, with surrogates (not text, and
    not valid in JSON) as U+FFFD."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, dict):
        return {data(key): data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [data(item) for item in value]
    return value
