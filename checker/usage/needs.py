"""The optional packages usage evidence runs on, imported only when used: a missing one
is an error that says which extra to install, never a traceback."""

from __future__ import annotations

import importlib
from types import ModuleType

from checker.errors import GateError

_EXTRAS = {"duckdb": "usage", "pyspark": "spark"}


def need(module: str) -> ModuleType:
    try:
        return importlib.import_module(module)
    except ImportError as error:
        extra = _EXTRAS.get(module.split(".")[0], "usage")
        raise GateError(
            f"usage logs need the Python package {module.split('.')[0]!r} ({error}); "
            f"install it with: pip install 'rolegate[{extra}]'"
        ) from error
