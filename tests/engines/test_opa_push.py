"""engines/opa_push.py: which of a server's modules a push deletes, and in what order."""

from __future__ import annotations

from checker.engines.opa_push import stale_modules

MODEL = "package rolegate.lib.model\n\nroles := input.roles\n"
ACCESS = "package rolegate.lib.access\n\nimport data.rolegate.lib.model\n\nn(r) := count(r)\n"
RULE = "package rolegate.rules.a.b\n\nimport data.rolegate.lib.access\n\nx := access.n([])\n"
OTHER = "package rolegate.rules.c.d\n\nimport data.rolegate.lib.model\n\nx := model.roles\n"
HELD = {
    "rolegate/model.rego": MODEL,
    "rolegate/access.rego": ACCESS,
    "rolegate/rule.rego": RULE,
    "rolegate/other.rego": OTHER,
}


def test_the_same_modules_are_left_alone() -> None:
    assert stale_modules(HELD, dict(HELD)) == []


def test_a_changed_library_goes_with_its_callers_callers_first() -> None:
    wanted = {**HELD, "rolegate/access.rego": ACCESS.replace("n(r)", "m(r)")}
    assert stale_modules(HELD, wanted) == ["rolegate/rule.rego", "rolegate/access.rego"]


def test_a_module_no_longer_wanted_is_deleted_after_its_callers() -> None:
    wanted = {"rolegate/rule.rego": RULE, "rolegate/access.rego": ACCESS}
    assert stale_modules(HELD, wanted) == [
        "rolegate/rule.rego",
        "rolegate/other.rego",
        "rolegate/access.rego",
        "rolegate/model.rego",
    ]


def test_a_changed_leaf_goes_alone() -> None:
    wanted = {**HELD, "rolegate/other.rego": OTHER + "\ny := 2\n"}
    assert stale_modules(HELD, wanted) == ["rolegate/other.rego"]
