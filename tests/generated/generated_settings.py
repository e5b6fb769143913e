"""How the generated tests draw: how many examples, from a fixed seed."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# How many repos each differential test draws: few in the ordinary suite, more in CI's
# step 4b, many in the long runs of docs/testing.md.
DIFF_EXAMPLES = int(os.environ.get("ROLEGATE_DIFF_EXAMPLES", "8"))
PROPERTY_EXAMPLES = int(os.environ.get("ROLEGATE_PROPERTY_EXAMPLES", "15"))


def seeded(examples: int) -> settings:
    """Reproducible runs: derandomized (a fixed seed), no example database, no deadline
    (the machine may be loaded), and no health check that depends on speed."""
    return settings(
        max_examples=examples,
        derandomize=True,
        database=None,
        deadline=None,
        print_blob=True,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )
