"""Numbers as every Rego engine reads them alike.

Integers within 64 bits, and finite decimals: OPA's numbers are exact at any size, but
the embedded engine's turn into floats past 64 bits and print differently in messages.
A decimal with no fraction, up to 2**53 (where floats stop being exact), is the integer it
equals: JSON would write 20.0, which OPA's sprintf cannot print as an integer. Anything
larger is refused (an error at its line): Python itself will not read an integer of more
than 4300 digits, and the schemas bound every number far below 64 bits.
"""

from __future__ import annotations

import math

INT64_MAX = 2**63 - 1
_EXACT_FLOAT = 2**53


class NumberRangeError(ValueError):
    """A number too large for the engines to read alike."""


def integer(digits: str, base: int = 10) -> int:
    """``digits`` (with an optional sign in base 10) as an integer of at most 64 bits."""
    if base == 10 and len(digits.lstrip("+-").lstrip("0")) > len(str(INT64_MAX)):
        raise _too_large(digits)
    value = int(digits, base)
    if abs(value) > INT64_MAX:
        raise _too_large(digits)
    return value


def decimal(text: str) -> int | float:
    """A YAML float, as the engines should read it: an integer when it has no fraction."""
    value = float(text)
    if not math.isfinite(value):
        raise _too_large(text)
    if value.is_integer() and abs(value) <= _EXACT_FLOAT:
        return int(value)
    return value


def _too_large(text: str) -> NumberRangeError:
    shown = text if len(text) <= 32 else f"{text[:24]}... ({len(text)} characters)"
    return NumberRangeError(
        f"number {shown} is too large: rolegate reads integers of up to 64 bits "
        f"(at most {INT64_MAX}) and finite decimals, which every Rego engine reads alike"
    )
