"""Subcommands. Each module has ``register(subparsers)``, which sets ``run`` as the handler.

COMMANDS lists them in the order ``rolegate --help`` shows them; commands import their
heavy dependencies inside ``run``, so ``rolegate --help`` stays fast.
"""

from __future__ import annotations

from types import ModuleType

from checker.commands import check_command, explain_command, rules_command

COMMANDS: tuple[ModuleType, ...] = (check_command, rules_command, explain_command)
