"""The one error type for "the gate could not decide" (exit 2)."""

from __future__ import annotations


class GateError(Exception):
    """Bad usage, bad config, a policy that does not compile or an engine failure.

    Raised anywhere, caught once in ``cli.main``; the message is one line that states
    the problem and, where there is one, the fix.
    """
