"""What evaluating each rule costs, and how to deal rules into two shares of equal cost.

The embedded engine works out a whole library package the first time a rule reads one of
its rules through an import alias, so a share pays for every library its rules read,
once, plus what each of its rules adds. ``rule_costs.json`` (measured by
bench/rule_costs.py) holds both, in ms: ``libraries`` (what a package adds to the other
libraries) and ``rules`` (what a rule adds to all the libraries). Which libraries a rule
reads is read off its module's text.
"""

from __future__ import annotations

import json
import re
import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from checker.policy.policyset import PolicySet, RuleMeta

_COMMENT = re.compile(r"#.*$", re.M)

Share = tuple[RuleMeta, ...]


@dataclass(frozen=True)
class Costs:
    libraries: Mapping[str, float]  # package -> ms it adds to the other libraries
    rules: Mapping[str, float]  # rule id -> ms it adds to all the libraries

    def of_rule(self, rule_id: str) -> float:
        """A rule's cost; a rule never measured (a custom pack's) counts as the median."""
        return self.rules.get(rule_id, self._typical)

    @cached_property
    def _typical(self) -> float:
        return statistics.median(self.rules.values()) if self.rules else 1.0


@cache
def measured() -> Costs:
    """The costs shipped with rolegate (bench/rule_costs.py)."""
    text = resources.files("checker.engines").joinpath("rule_costs.json").read_text()
    costs = json.loads(text)
    return Costs(libraries=costs["libraries"], rules=costs["rules"])


def deal(rules: Share, reads: Mapping[str, frozenset[str]], costs: Costs) -> tuple[Share, Share]:
    """Two shares of about equal cost. The rules are dealt costliest first (each with the
    libraries it reads), each into the share it leaves the cheaper; then moved or swapped
    between the shares while that lowers the dearer one, which brings together the rules
    that read the same costly library."""

    def cost(share: Share) -> float:
        return share_cost(share, reads, costs)

    split: tuple[Share, Share] = ((), ())
    for rule in sorted(rules, key=lambda rule: (-cost((rule,)), rule.id)):
        first, second = split
        if cost((*first, rule)) <= cost((*second, rule)):
            split = ((*first, rule), second)
        else:
            split = (first, (*second, rule))
    while (better := _rearranged(split, cost)) is not None:
        split = better
    return split


def _rearranged(
    split: tuple[Share, Share], cost: Callable[[Share], float]
) -> tuple[Share, Share] | None:
    """The move or swap of rules between the shares that lowers the dearer share most,
    if any does."""
    first, second = split
    best, dearest = None, max(cost(first), cost(second))
    for a in (None, *first):
        for b in (None, *second):
            if a is None and b is None:
                continue
            moved_first = tuple(r for r in first if r is not a) + ((b,) if b else ())
            moved_second = tuple(r for r in second if r is not b) + ((a,) if a else ())
            dearer = max(cost(moved_first), cost(moved_second))
            if dearer < dearest - 1e-9:
                best, dearest = (moved_first, moved_second), dearer
    return best


def share_cost(share: Share, reads: Mapping[str, frozenset[str]], costs: Costs) -> float:
    """What evaluating a share costs by the measured numbers: its rules, and once each
    library they read."""
    libraries = {lib for rule in share for lib in reads.get(rule.id, ())}
    own = sum(costs.of_rule(rule.id) for rule in share)
    return own + sum(costs.libraries.get(lib, 0.0) for lib in libraries)


def libraries_read(policies: PolicySet, libraries: Iterable[str]) -> dict[str, frozenset[str]]:
    """Rule id -> the measured libraries its module names (imports or full references).

    Only the rule's own module counts: a library reached through another library's
    functions is worked out only if those functions run, which the text cannot tell."""
    texts = {rego.display: _COMMENT.sub("", rego.text) for rego in policies.files}
    patterns = {lib: re.compile(rf"\bdata\.{re.escape(lib)}\b") for lib in libraries}
    return {
        rule.id: frozenset(lib for lib, named in patterns.items() if named.search(text))
        for rule in policies.rules
        if (text := texts.get(rule.file)) is not None
    }
