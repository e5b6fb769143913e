"""The mutation score of each rule, as a table or as JSON.

Score = killed / (mutants that compile - explained): an explained (equivalent) mutant
cannot be killed, so it counts neither for nor against the rule.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.authoring.mutation import RuleRun
from checker.authoring.mutationexplanations import Explanation


@dataclass(frozen=True)
class RuleScore:
    rule: str
    file: str
    tests: int
    mutants: int
    invalid: int
    killed: int
    explained: int
    survivors: tuple[str, ...]  # keys of the mutants no test killed and nothing explains

    @property
    def score(self) -> float:
        """Percent of the killable mutants killed (100 when there is none)."""
        killable = self.mutants - self.invalid - self.explained
        return 100.0 if killable == 0 else 100.0 * self.killed / killable


@dataclass(frozen=True)
class MutationReport:
    rules: tuple[RuleScore, ...]
    stale: tuple[Explanation, ...]  # of a rule run here, for a mutant that did not survive

    def total(self, field: str) -> int:
        return sum(getattr(rule, field) for rule in self.rules)

    def below(self, threshold: float) -> list[RuleScore]:
        return [rule for rule in self.rules if rule.score < threshold]


def score(
    runs: Sequence[RuleRun], explanations: Mapping[tuple[str, str], Explanation]
) -> MutationReport:
    """Each rule's counts, its explained mutants apart, and the explanations no longer used."""
    rules, used = [], set()
    for run in runs:
        explained = [
            o for o in run.outcomes
            if o.status == "survived" and (run.rule.id, o.mutant.key) in explanations
        ]  # fmt: skip
        used |= {(run.rule.id, o.mutant.key) for o in explained}
        count = {s: sum(1 for o in run.outcomes if o.status == s) for s in ("killed", "invalid")}
        survivors = tuple(
            o.mutant.key for o in run.outcomes if o.status == "survived" and o not in explained
        )
        rules.append(
            RuleScore(run.rule.id, run.rule.file, run.tests, len(run.outcomes), count["invalid"],
                      count["killed"], len(explained), survivors)
        )  # fmt: skip
    ran = {run.rule.id for run in runs}
    stale = tuple(e for key, e in sorted(explanations.items()) if key not in used and key[0] in ran)
    return MutationReport(tuple(sorted(rules, key=lambda r: r.rule)), stale)


def as_text(report: MutationReport, *, threshold: float) -> str:
    lines = [f"{'rule':<10} {'tests':>5} {'mutants':>7} {'killed':>6} {'explained':>9} "
             f"{'survived':>8} {'invalid':>7} {'score':>6}"]  # fmt: skip
    for rule in report.rules:
        mark = "  BELOW" if rule.score < threshold else ""
        lines.append(
            f"{rule.rule:<10} {rule.tests:>5} {rule.mutants:>7} {rule.killed:>6} "
            f"{rule.explained:>9} {len(rule.survivors):>8} {rule.invalid:>7} "
            f"{rule.score:>5.1f}%{mark}"
        )
    for rule in report.rules:
        lines += [f"survived {rule.rule}: {key}" for key in rule.survivors]
    lines += [f"stale explanation {e.rule}: {e.mutant}" for e in report.stale]
    lines.append(_summary(report, threshold))
    return "\n".join(lines) + "\n"


def _summary(report: MutationReport, threshold: float) -> str:
    lowest = min((rule.score for rule in report.rules), default=100.0)
    return (
        f"{len(report.rules)} rules, {report.total('mutants')} mutants: "
        f"{report.total('killed')} killed, {report.total('explained')} explained, "
        f"{sum(len(r.survivors) for r in report.rules)} survived, "
        f"{report.total('invalid')} invalid; lowest rule score {lowest:.1f}% "
        f"({len(report.below(threshold))} below {threshold:g}%)"
    )


def as_markdown(report: MutationReport, *, threshold: float) -> str:
    lines = ["| rule | tests | mutants | killed | explained | survived | invalid | score |",
             "|---|--:|--:|--:|--:|--:|--:|--:|"]  # fmt: skip
    lines += [
        f"| {r.rule} | {r.tests} | {r.mutants} | {r.killed} | {r.explained} | "
        f"{len(r.survivors)} | {r.invalid} | {r.score:.1f}% |"
        for r in report.rules
    ]
    return "\n".join(lines) + f"\n\n{_summary(report, threshold)}\n"


def as_json(report: MutationReport, *, threshold: float) -> str:
    rules = [
        {"rule": r.rule, "file": r.file, "tests": r.tests, "mutants": r.mutants,
         "killed": r.killed, "explained": r.explained, "survived": list(r.survivors),
         "invalid": r.invalid, "score": round(r.score, 1)}
        for r in report.rules
    ]  # fmt: skip
    stale = [{"rule": e.rule, "mutant": e.mutant} for e in report.stale]
    totals = {f: report.total(f) for f in ("mutants", "killed", "explained", "invalid")}
    totals["survived"] = sum(len(r.survivors) for r in report.rules)
    body = {"threshold": threshold, "totals": totals, "rules": rules, "stale": stale}
    return json.dumps(body, indent=2) + "\n"


FORMATS = {"text": as_text, "markdown": as_markdown, "json": as_json}
