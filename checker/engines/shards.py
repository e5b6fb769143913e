"""Evaluate a large repo's rules on two cores.

The embedded engine runs on one core, and the rules are independent of each other, except
the waiver rules, which read every other rule's findings. So on a large repo the other
rules are split in two shares: a worker process evaluates one share's
``data.rolegate.main.rule_findings`` while this process evaluates the other's, each
engine holding only the modules its share needs. A last evaluation, holding the
libraries, the waiver rules and both shares' findings as ``data.rolegate.found``, computes
the decision exactly as one evaluation would: main.rego takes a rule's findings from
``data.rolegate.found`` instead of running it again. Stamping, waivers, "new since base"
and the counts stay in Rego.

Below ``SHARD_SUBJECTS`` roles and accounts, starting a process costs more than it saves,
so a commit hook on a small repo never starts one.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from checker.engines import ENTRY_POINT, EngineInput
from checker.engines.costs import deal, libraries_read, measured
from checker.errors import GateError
from checker.policy.policyset import PolicySet, RuleMeta
from checker.processes import spawn_context

SHARD_SUBJECTS = 3000  # roles + accounts from which the rules are split across processes
SHARE_RULES = "data.rolegate.main.rule_findings"

Module = tuple[str, str]  # display name, Rego text
# Evaluates ``query`` over the modules, data (JSON text) and input (a JSON file's path),
# and returns JSON text.
Run = Callable[[list[Module], str, str, str], str]


def worthwhile(engine_input: EngineInput, workers: int) -> bool:
    """Whether splitting the rules across processes pays for starting one."""
    return workers >= 2 and engine_input.subjects >= SHARD_SUBJECTS


def shares(policies: PolicySet) -> tuple[tuple[RuleMeta, ...], tuple[RuleMeta, ...]]:
    """The rules that can run apart, in two shares of about equal measured cost."""
    costs = measured()
    apart = tuple(rule for rule in policies.rules if not _reads_findings(rule))
    return deal(apart, libraries_read(policies, costs.libraries), costs)


def evaluate(policies: PolicySet, engine_input: EngineInput, run: Run) -> str:
    """The decision (JSON text) for the input, with one share of the rules evaluated in a
    worker process; ``run`` is the engine call made on each side, given the input as a
    file that each engine reads for itself."""
    first, second = shares(policies)
    with tempfile.TemporaryDirectory(prefix="rolegate-") as folder:
        input_file = str(Path(folder) / "input.json")
        Path(input_file).write_text(engine_input.text)
        job = (*_share_job(policies, second), input_file, SHARE_RULES)
        worker = _Worker(run, job, Path(folder) / "share.json")
        try:
            here = _findings(run(*_share_job(policies, first), input_file, SHARE_RULES))
            found = {**here, **_findings(worker.result())}
        finally:
            worker.stop()
        rest = tuple(rule for rule in policies.rules if _reads_findings(rule))
        data = _data(policies.rules)
        data["rolegate"]["found"] = found
        return run(_modules(policies, rest), json.dumps(data), input_file, ENTRY_POINT)


class _Worker:
    """One evaluation in a process of its own.

    The job is handed over when the process starts, by this thread: the engine keeps
    Python's interpreter lock while it evaluates, so a helper thread of a process pool
    would not send the job until this process's own evaluation had finished. The result
    is written to ``output`` and only a word of it sent through the pipe, so the worker
    exits (and frees its copy of the input) as soon as its share is done, instead of
    waiting, engine and all, for this process to read a large message.
    """

    def __init__(self, run: Run, job: tuple[list[Module], str, str, str], output: Path) -> None:
        context = spawn_context()
        self._results, sender = context.Pipe(duplex=False)
        self._output = output
        arguments = (sender, run, job, str(output))
        self._process = context.Process(target=_work, args=arguments, daemon=True)
        self._process.start()
        sender.close()  # so that a worker that dies reads as end of file here

    def result(self) -> str:
        try:
            done, value = self._results.recv()
        except EOFError:
            self._process.join()
            code = self._process.exitcode
            stopped = f"the worker process stopped (exit code {code})"
            raise GateError(f"evaluation failed: {stopped}") from None
        if not done:
            raise RuntimeError(value)  # the engine's error, worded by the caller
        return self._output.read_text(encoding="utf-8")

    def stop(self) -> None:
        self._results.close()
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _work(
    results: Connection, run: Run, job: tuple[list[Module], str, str, str], output: str
) -> None:
    try:
        Path(output).write_text(run(*job), encoding="utf-8")
        outcome = (True, "")
    except Exception as error:  # handed back whole; the caller turns it into a GateError
        outcome = (False, str(error))
    results.send(outcome)
    results.close()


def _reads_findings(rule: RuleMeta) -> bool:
    """The waiver rules read every other rule's findings, so they run last."""
    return rule.area == "waivers"


def _share_job(policies: PolicySet, share: tuple[RuleMeta, ...]) -> tuple[list[Module], str]:
    return _modules(policies, share), json.dumps(_data(share))


def _modules(policies: PolicySet, keep: tuple[RuleMeta, ...]) -> list[Module]:
    """Every module except the rules not in ``keep``."""
    rule_files = {rule.file for rule in policies.rules}
    kept = {rule.file for rule in keep}
    return [
        (rego.display, rego.text)
        for rego in policies.files
        if rego.display not in rule_files or rego.display in kept
    ]


def _data(rules: tuple[RuleMeta, ...]) -> dict[str, Any]:
    return {"rolegate": {"rule_index": {rule.id: rule.as_data() for rule in rules}}}


def _findings(share_result: str) -> dict[str, Any]:
    """A share's findings by rule id. None of its rules defining findings leaves the
    object undefined: then none are handed in, and the decision names those rules."""
    found = json.loads(share_result)
    if found is None:
        return {}
    if not isinstance(found, dict):
        raise GateError(f"evaluation failed: {SHARE_RULES} is not an object")
    return found
