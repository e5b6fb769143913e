"""An import from end to end: read the export, map it, write the repo."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.importers import load_importer
from checker.importers.documents import repo_files, skeleton
from checker.importers.mapping import Mapping, load_mapping
from checker.importers.model import VendorExport
from checker.importers.output import kinds_in, write_repo

SKELETONS = {
    "DataCatalog": ("catalog/data-catalog.yaml", "catalog.yaml"),
    "JobFunctions": ("catalog/job-functions.yaml", "job-functions.yaml"),
}


def read_export(
    vendor: str, exports: Sequence[Path], mapping: Path | None
) -> tuple[VendorExport, Mapping]:
    importer = load_importer(vendor)
    return importer.read(exports), load_mapping(importer.VENDOR, importer.MAPPING, mapping)


def import_repo(
    vendor: str, exports: Sequence[Path], directory: Path, *, mapping: Path | None = None
) -> str:
    """Import; returns the summary line for the user."""
    export, loaded = read_export(vendor, exports, mapping)
    generated = repo_files(export, loaded)
    system = next(iter(generated)).split("/")[0]
    present = kinds_in(directory, skip=system)
    skeletons = {
        path: skeleton(name) for kind, (path, name) in SKELETONS.items() if kind not in present
    }
    write_repo(directory, system, generated, skeletons)
    unmapped = sum(text.count("\n    - vendor: ") for text in generated.values())
    note = f"; {unmapped} unmapped permission(s), reported by IMP-001" if unmapped else ""
    return (
        f"imported {len(export.roles)} role(s) and {len(export.users)} account(s) from "
        f"{vendor} into {directory}/{system}/{note}; next: rolegate check {directory}"
    )
