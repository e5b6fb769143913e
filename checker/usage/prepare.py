"""Logs made ready for an aggregation engine: neutral files as they are, vendor logs
converted (in Python, through the vendor's evidence table and importer mapping) into a
neutral CSV in a scratch folder. Engines then read only the neutral format."""

from __future__ import annotations

import csv
import importlib
from dataclasses import dataclass
from pathlib import Path

from checker.errors import GateError
from checker.usage.sources import OPTIONAL, REQUIRED, Source
from checker.usage.summary import ALL, SourceReport

COLUMNS = REQUIRED + OPTIONAL
# Vendor log formats: the module that converts each (``convert(source, writer)``).
VENDOR_READERS = {
    "zendesk-access": "checker.usage.zendesk",
    "connect-ctr": "checker.usage.connect",
}


@dataclass(frozen=True)
class Prepared:
    """One log as an engine reads it."""

    src: str  # the log as messages name it
    path: Path  # the neutral file to read: the log itself, or its conversion
    format: str  # csv | jsonl | parquet: how to read ``path``
    columns: tuple[str, ...]  # the neutral columns ``path`` has
    header_lines: int  # lines before the first event (a CSV header), for row numbers
    report: SourceReport  # what reading it in Python found (vendor logs)


def prepare(source: Source, scratch: Path, index: int) -> Prepared:
    if source.format in ("csv", "jsonl", "parquet"):
        header = 1 if source.format == "csv" else 0
        report = SourceReport(source.shown, source.format, observed=(ALL,))
        return Prepared(source.shown, source.path, source.format, source.columns, header, report)
    if source.format not in VENDOR_READERS:
        raise GateError(f"{source.shown}: {source.format} logs cannot be read here")
    module = importlib.import_module(VENDOR_READERS[source.format])
    target = scratch / f"{index:05d}.csv"
    try:
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS)
            converted: SourceReport = module.convert(source, writer)
    except OSError as error:
        raise GateError(f"{target}: cannot write the converted log: {error}") from error
    return Prepared(source.shown, target, "csv", COLUMNS, 1, converted)
