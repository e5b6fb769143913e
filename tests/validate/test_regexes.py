"""The regex dialect both engines read alike (checker/validate/regexes.py).

Every pattern the dialect accepts must compile on OPA and on the embedded engine, and
match the same ids on both as RE2 reads the pattern as written; every pattern it refuses
is one Python's re accepts and that an engine refuses or reads differently.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any

import pytest

from checker.engines.embedded import regorus
from checker.validate.regexclass import RegexError
from checker.validate.regexes import MAX_SIZE, portable

from conftest import unavailable

IDS = [
    *("", "a", "z", "A", "Z", "0", "9", "_", "-", ".", " ", "\t", "\n", "\v", "@"),
    *("agent07", "team-sp", "shared", "xsharedx", "ANA_1", "a.b", "tmp", "test_user"),
    *("atendente01", "c.pedro.lima", "aaaa", "ab", "ba", "0x41", "k", "s", "maria@corp"),
]

ACCEPTED = [
    r"^\w*shared\w*$",
    r"^agent\d+$",
    r"^(shared|generic|common|team|group|temp|tmp|test|guest|training)([-_.].*)?$",
    r"[\w.-]+@corp$",
    r"\s|\S\D\W",
    r"(?i)^ANA",
    r"(?i:k)",
    r"^a{2,3}$",
    r"(a|b){1,2}?",
    r"[[:alpha:]][[:^digit:]]",
    r"\x41\x{5A}",
    r"\ba\b",
    r"\Aab\z",
    r"[^a-]",
    r"[-a]",
    r"a\.b",
    r"(?s).",
    r"(?m)^a$",
    r"(?U)a+",
    r"(a{10}){100}",
]

# Python's re accepts each; OPA or the embedded engine refuses it.
PYTHON_ONLY = {
    r"a(?=b)": "lookaround",
    r"(?<!a)b": "lookaround",
    r"(a)\1": "backreferences",
    r"a\Z": "\\Z is Python's end of text",
    r"(?P<n>a)(?P=n)": "named groups",
    r"(?#note)a": "not a group both engines read alike",
    r"(?x) a": "not a group both engines read alike",
    r"a*+": "possessive",
    r"a{,3}": "{,n} means {0,n}",
    r"\0": "octal",
    r"a{1001}": "more than 1000 times",
    r"(a{10}){101}": "more than 1000 times",
}

# Read differently by the engines, or past a limit of one of them.
NOT_SHARED = {
    r"(?P<n>a)": "named groups",
    r"[a[bc]]": "nested class",
    r"[a&&b]": "set operation",
    r"[a--b]": "set operation",
    r"[\d-z]": "start a range from one character",
    r"[]a]": "cannot start with ]",
    r"\pL": "account ids are ASCII",
    r"a{2}{3}": "repeats a repetition",
    r"\<": "not an escape both engines read alike",
    r"\W{80}": "too large for the embedded engine",
}


@pytest.mark.parametrize("pattern", sorted(PYTHON_ONLY))
def test_python_only_syntax_is_refused_with_the_reason(pattern: str) -> None:
    re.compile(pattern)  # what `format: regex` checked before: Python let it through
    with pytest.raises(RegexError, match=re.escape(PYTHON_ONLY[pattern])):
        portable(pattern)


@pytest.mark.parametrize("pattern", sorted(NOT_SHARED))
def test_syntax_the_engines_do_not_share_is_refused_with_the_reason(pattern: str) -> None:
    with pytest.raises(RegexError, match=re.escape(NOT_SHARED[pattern])):
        portable(pattern)


def test_perl_classes_are_spelt_out_in_ascii() -> None:
    assert portable(r"^\w+[\d.]\s\D$").text == r"^[0-9A-Za-z_]+[0-9.][\t\n\f\r ][^0-9]$"


def _random_pattern(rng: random.Random, depth: int = 0) -> str:
    atoms = ["a", "b", "0", "_", "-", ".", r"\.", r"\d", r"\w", r"\s", r"\D", r"\W", r"\S"]
    atoms += ["[a-c]", "[^ab]", r"[\w-]", "[[:digit:]]", r"\x61", r"\b", "^", "$"]
    pieces = []
    for _ in range(rng.randint(1, 4)):
        if depth < 2 and rng.random() < 0.25:
            kind = rng.choice(["(", "(?:", "(?i:"])
            inner = "|".join(_random_pattern(rng, depth + 1) for _ in range(rng.randint(1, 2)))
            atom = f"{kind}{inner})"
        else:
            atom = rng.choice(atoms)
        if atom not in ("^", "$", r"\b") and rng.random() < 0.4:
            atom += rng.choice(["*", "+", "?", "{2}", "{1,3}", "{0,}", "*?", "{2,3}?"])
        pieces.append(atom)
    return "".join(pieces)


def _corpus() -> list[str]:
    rng = random.Random(15)
    generated = [_random_pattern(rng) for _ in range(300)]
    return ACCEPTED + [p for p in generated if _accepted(p)]


def _accepted(pattern: str) -> bool:
    try:
        portable(pattern)
    except RegexError:
        return False
    return True


_MATCHES = """package probe

import rego.v1

results := [[regex.is_valid(p), matches] |
	some p in input.patterns
	matches := [regex.match(p, s) | some s in input.ids]
]
"""


def _on_regorus(patterns: list[str]) -> Any:
    engine = regorus.Engine()
    engine.add_policy("probe.rego", _MATCHES)
    engine.set_input_json(json.dumps({"patterns": patterns, "ids": IDS}))
    return json.loads(engine.eval_rule_as_json("data.probe.results"))


def _on_opa(patterns: list[str]) -> Any:
    try:
        from opa_bindings.engine import OpaEngine
    except ImportError:
        unavailable("OPA reference (opa-golib-python-bindings) not installed")
    engine = OpaEngine()
    engine.add_policy("probe.rego", _MATCHES)
    [bindings] = engine.eval_query("r := data.probe.results", {"patterns": patterns, "ids": IDS})
    return bindings["r"]


def test_accepted_patterns_match_alike_on_both_engines_as_re2_reads_them() -> None:
    corpus = _corpus()
    assert len(corpus) > 150  # the generator's patterns are mostly in the dialect
    evaluated = [portable(p).text for p in corpus]
    # Every pattern compiles on both engines (an engine limit would raise here) ...
    on_regorus, on_opa = _on_regorus(evaluated), _on_opa(evaluated)
    assert all(valid for valid, _ in on_regorus) and all(valid for valid, _ in on_opa)
    # ... and matches the same ids on both, as RE2 (OPA) reads the pattern as written.
    as_written = _on_opa(corpus)
    assert on_regorus == on_opa == as_written


def test_patterns_at_the_size_limit_compile_on_the_embedded_engine() -> None:
    widest = [r"[^a]{30}" * 2, r"(?i:[a-z_]{100})", r"(a{10}){100}", "x" * 1500, r"\W{60}"]
    assert all(portable(p).size <= MAX_SIZE for p in widest)
    assert all(valid for valid, _ in _on_regorus([portable(p).text for p in widest]))
