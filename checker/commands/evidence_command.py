"""``rolegate evidence -o DIR``: an evidence pack for auditors; ``--verify DIR`` proves it
unchanged. The pack: evidence.json (docs/evidence.md), the HTML access review, the SARIF
report and MANIFEST.sha256 over them."""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.commands.base_options import add_base_option
from checker.commands.options import EXIT_FINDINGS, EXIT_PASS
from checker.commands.report_command import add_report_gate_options
from checker.commands.review_options import add_check_arguments, paths_after_options
from checker.errors import GateError

if TYPE_CHECKING:
    from checker.result import EvidenceContext, Report

EVIDENCE, HTML, SARIF = "evidence.json", "access-review.html", "rolegate.sarif"

EXAMPLES = """\
examples:
  rolegate evidence -o evidence/2026-q4 .          write the pack for the repo here
  rolegate evidence --verify evidence/2026-q4      re-hash it: exit 1 if anything changed
  rolegate evidence --verify evidence/2026-q4 --manifest-sha256 HEX
                                                   and the manifest is the one written

The manifest's own sha256 is printed when the pack is written: keep it apart from the
pack (in the change ticket, the CI log) so that a rewritten manifest shows too.
exit codes: 0 written, or verified unchanged; 1 changed (--verify), or with --fail
findings at or above --fail-on; 2 could not write or read the pack
"""


def register(commands: Any) -> None:
    parser = commands.add_parser(
        "evidence",
        help="write an evidence pack for auditors, or verify one",
        description="Evaluate the config repo and write, in DIR, evidence.json (tool and "
        "policy versions, a hash of every input and of the policy bundle, commit, time, "
        "and per rule its controls and results), the HTML access review, the SARIF report "
        "and MANIFEST.sha256; or, with --verify, re-hash a pack.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("-o", "--output", type=Path, metavar="DIR", help="write the pack in DIR")
    what.add_argument("--verify", type=Path, metavar="DIR", help="re-hash the pack in DIR")
    parser.add_argument(
        "--manifest-sha256",
        metavar="HEX",
        help="with --verify: the manifest's own sha256, as printed when it was written",
    )
    add_report_gate_options(parser)
    add_base_option(parser)
    add_check_arguments(parser, what="of the config repo")
    paths_after_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.verify:
        return verify(args.verify, manifest_sha256=args.manifest_sha256)
    return write_pack(args)


def write_pack(args: argparse.Namespace) -> int:
    from checker.check import load_policies, run_check
    from checker.commands.check_options import check_options
    from checker.commands.config_options import fail_on, read_project_config
    from checker.commands.report_command import html_page
    from checker.files import write_file
    from checker.report import evidence_report, manifest, sarif_report
    from checker.review.request import FullReview

    folder: Path = args.output
    _check_folder(folder)
    config = read_project_config(args, start=args.paths[0])
    options = replace(check_options(args, config), review=FullReview())
    loaded = load_policies(options)
    report = run_check(options, loaded=loaded)
    threshold = fail_on(args, config)
    pages = {
        HTML: html_page(report, output=folder / HTML, now=args.now, threshold=threshold).encode(),
        SARIF: sarif_report.render(report, fail_on=threshold).encode(),
    }
    context = _context(report, args, loaded.policies, options, pages)
    pages[EVIDENCE] = evidence_report.render(report, fail_on=threshold, context=context).encode()
    listing = manifest.manifest_text({name: _sha256(data) for name, data in pages.items()})
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in pages.items():
        write_file(folder / name, data, what="evidence file")
    write_file(folder / manifest.NAME, listing, what="evidence manifest")
    print(
        f"wrote the evidence pack {folder}: {', '.join(sorted(pages))}, {manifest.NAME}\n"
        f"{manifest.NAME} sha256 {_sha256(listing.encode())} (keep it apart from the pack)"
    )
    return EXIT_FINDINGS if args.fail and report.failing(threshold) else EXIT_PASS


def _check_folder(folder: Path) -> None:
    """A new or empty folder, or an earlier pack: never one holding other files."""
    from checker.report.manifest import NAME

    if folder.exists() and not folder.is_dir():
        raise GateError(f"{folder}: not a directory; give a directory for the evidence pack")
    ours = {EVIDENCE, HTML, SARIF, NAME}
    others = (
        sorted(p.name for p in folder.iterdir() if p.name not in ours) if folder.exists() else []
    )
    if others:
        raise GateError(
            f"{folder}: holds other files ({', '.join(others[:3])}); write the evidence pack "
            "to a new or empty directory"
        )


def _context(
    report: Report, args: argparse.Namespace, policies: Any, options: Any, pages: dict[str, bytes]
) -> EvidenceContext:
    from checker.policy.bundle import bundle_bytes, revision
    from checker.result import EvidenceContext, InputFile

    inputs = []
    for name, path in report.sources:
        data = _read(path)
        inputs.append(InputFile(name, _sha256(data), len(data)))
    return EvidenceContext(
        inputs=tuple(inputs),
        policy_revision=revision(policies),
        bundle_sha256=_sha256(bundle_bytes(policies)),
        policy_packs=tuple(str(p) for p in options.policy_dirs),
        engine=options.engine,
        evaluated_as_of=options.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        generated_at=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        commit=_commit(tuple(args.paths)),
        files={name: _sha256(data) for name, data in pages.items()},
    )


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise GateError(f"{path}: cannot read it again to hash it: {error.strerror}") from error


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _commit(paths: tuple[Path, ...]) -> dict[str, Any] | None:
    """The commit checked out where the config repo is, and whether its files differ from
    it; None outside a git work tree."""
    where = paths[0] if paths[0].is_dir() else paths[0].parent
    try:
        sha = _git(where, "rev-parse", "HEAD")
        status = _git(where, "status", "--porcelain", "--", *(str(p.resolve()) for p in paths))
    except (OSError, subprocess.CalledProcessError):
        return None
    return {"sha": sha.strip(), "dirty": bool(status.strip())}


def _git(where: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(where), *args], check=True, capture_output=True, text=True, timeout=60
    )
    return done.stdout


def verify(folder: Path, *, manifest_sha256: str | None) -> int:
    from checker.report.manifest import NAME, compare, listed_names

    try:
        text = (folder / NAME).read_bytes()
    except OSError as error:
        raise GateError(
            f"{folder}: no readable {NAME} ({error.strerror}); is it an evidence pack?"
        ) from error
    found: dict[str, str | None] = {
        p.relative_to(folder).as_posix(): _sha256(p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != NAME
    }
    decoded = text.decode("utf-8", errors="replace")
    for name in listed_names(decoded):
        found.setdefault(name, None)
    verdict = compare(decoded, found)
    lines = verdict.lines()
    own = _sha256(text)
    manifest_ok = manifest_sha256 is None or manifest_sha256.lower() == own
    if not manifest_ok:
        lines.insert(-1, f"CHANGED   {NAME} (sha256 {own}, not {manifest_sha256})")
        lines[-1] = "evidence pack CHANGED since it was written"
    sys.stdout.write("".join(line + "\n" for line in lines))
    return EXIT_PASS if verdict.ok and manifest_ok else EXIT_FINDINGS
