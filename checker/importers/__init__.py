"""Importers of platform exports, as plugins: a module per vendor, listed in IMPORTERS.

A vendor module has ``VENDOR`` (its name on the command line), ``MAPPING`` (the name of
its mapping file beside it, without ``.yaml``) and ``read(paths) -> VendorExport``,
which reads the export files (or the folder holding them) fail-closed. It is imported
only when chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, cast

from checker.errors import GateError
from checker.importers.model import VendorExport


class Importer(Protocol):
    VENDOR: str
    MAPPING: str

    def read(self, paths: Sequence[Path]) -> VendorExport: ...


IMPORTERS = {
    "zendesk": "checker.importers.zendesk",
    "amazon-connect": "checker.importers.connect",
    "salesforce": "checker.importers.salesforce",
    "genesys": "checker.importers.genesys",
}


def load_importer(vendor: str) -> Importer:
    if vendor not in IMPORTERS:
        raise GateError(f"unknown platform {vendor!r}; choose one of {', '.join(IMPORTERS)}")
    return cast(Importer, importlib.import_module(IMPORTERS[vendor]))
