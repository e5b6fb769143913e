"""policy/loadorder.py: the order an OPA server accepts modules in, one at a time."""

from __future__ import annotations

from checker.policy.bundle import policy_paths
from checker.policy.loadorder import dependencies, load_order, package_of, references
from checker.policy.policyset import load_policy_set

LIB = "package lib\n\nf(x) := x + 1\n"
USER = "package user\n\nimport data.lib\n\ny := lib.f(1)\n"


def test_every_builtin_module_comes_after_the_modules_it_refers_to() -> None:
    modules = {inside: rego.text for inside, rego in policy_paths(load_policy_set()).items()}
    order = load_order(modules)
    position = {name: number for number, name in enumerate(order)}
    assert sorted(order) == sorted(modules)
    late = [
        (name, need)
        for name, needs in dependencies(modules).items()
        for need in needs
        if position[need] > position[name]
    ]
    assert late == []
    # The upload a real server refused in path order: diff.rego calls lib.change.
    assert "rolegate/lib/change.rego" in dependencies(modules)["rolegate/diff.rego"]
    assert sorted(modules).index("rolegate/diff.rego") < sorted(modules).index(
        "rolegate/lib/change.rego"
    )
    assert position["rolegate/lib/change.rego"] < position["rolegate/diff.rego"]


def test_callees_go_first_whatever_the_names() -> None:
    assert load_order({"a_user.rego": USER, "z_lib.rego": LIB}) == ["z_lib.rego", "a_user.rego"]


def test_inline_references_and_prefixes_count() -> None:
    modules = {
        "a.rego": "package a\n\ny := data.z.lib.g(1)\n",  # a reference inside a package
        "b.rego": "package b\n\ny := data.z\n",  # a reference reaching every z package
        "z.rego": "package z.lib\n\ng(x) := x\n",
    }
    assert dependencies(modules) == {"a.rego": {"z.rego"}, "b.rego": {"z.rego"}, "z.rego": set()}
    assert load_order(modules) == ["z.rego", "a.rego", "b.rego"]


def test_comments_are_not_references_but_strings_may_be() -> None:
    text = (
        "# package not.this\n"
        "package user # data.commented\n\n"
        "# METADATA: reads data.lib.f\n"
        'msg := "see data.quoted # not a comment"\n'
    )
    assert package_of(text) == "user"
    assert references(text) == {"quoted"}


def test_a_cycle_keeps_name_order_and_every_module_once() -> None:
    modules = {
        "b.rego": "package b\n\nimport data.a\n\ny := a.x\n",
        "a.rego": "package a\n\nimport data.b\n\nx := 1\nz := b.y\n",
        "c.rego": "package c\n\nimport data.a\n\nw := a.x\n",
    }
    assert load_order(modules) == ["a.rego", "b.rego", "c.rego"]


def test_a_module_without_package_depends_on_nothing_and_nothing_on_it() -> None:
    assert dependencies({"x.rego": "not rego at all data.x", "y.rego": USER}) == {
        "x.rego": set(),
        "y.rego": set(),
    }
