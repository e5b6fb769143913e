"""Subcommands. Each module has ``register(subparsers)``, which sets ``run`` as the handler.

COMMANDS lists them in the order ``rolegate --help`` shows them; commands import their
heavy dependencies inside ``run``, so ``rolegate --help`` stays fast.
"""

from __future__ import annotations

from types import ModuleType

from checker.commands import (
    access_command,
    bundle_command,
    check_command,
    diff_command,
    drift_command,
    evidence_command,
    explain_command,
    import_command,
    init_command,
    mutate_command,
    new_rule_command,
    pull_command,
    report_command,
    rules_command,
    schema_command,
    suggest_command,
    test_command,
    usage_command,
    who_can_command,
)

COMMANDS: tuple[ModuleType, ...] = (
    check_command,
    diff_command,
    who_can_command,
    access_command,
    report_command,
    evidence_command,
    rules_command,
    explain_command,
    test_command,
    mutate_command,
    new_rule_command,
    bundle_command,
    init_command,
    import_command,
    pull_command,
    drift_command,
    usage_command,
    suggest_command,
    schema_command,
)
