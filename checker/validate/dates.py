"""The calendar days rolegate reads: 1900-01-01 to 2199-12-31.

Rego's time builtins count nanoseconds since 1970 in 64 bits, so they work only from
1677-09-21 to 2262-04-11; outside it OPA makes a date rule's condition undefined (a
silent pass) and the embedded engine stops. The schema's ``date`` holds every date in
the YAML to this range, at its line; ``--now`` and a golden case's ``now`` are held to
it here; and the Rego (lib/model.rego ``first_date``/``last_date``) treats a date outside
it as one it cannot read, which makes a date rule fire rather than pass.
"""

from __future__ import annotations

from datetime import date

FIRST_DATE = date(1900, 1, 1)
LAST_DATE = date(2199, 12, 31)


def out_of_range(day: date) -> str | None:
    """Why ``day`` cannot be used, or None when it can."""
    if FIRST_DATE <= day <= LAST_DATE:
        return None
    return f"{day.isoformat()} is outside the dates rolegate reads ({FIRST_DATE} to {LAST_DATE})"
