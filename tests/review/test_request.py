"""input.review: the view a command asks for, its names checked with the nearest suggested."""

from __future__ import annotations

from typing import Any

import pytest

from checker.errors import GateError
from checker.review.request import (
    AccessOf,
    FullReview,
    WhoCan,
    parse_subject,
    parse_target,
    review_input,
)


def _inventory() -> dict[str, Any]:
    catalog = {
        "spec": {
            "actions": ["schedule_callback"],
            "resources": {"customer": {"fields": {"phone": "contact", "email": "contact"}}},
        }
    }
    accounts = [
        {"id": "ana.souza", "person": "E1", "roles": ["tier1-agent"]},
        {"id": "desk01", "roles": ["tier1-agent"]},
        {"id": "tier1-agent", "person": "E2", "roles": []},
    ]
    return {
        "catalogs": [catalog],
        "roles": [{"metadata": {"name": "tier1-agent"}}, {"metadata": {"name": "lead"}}],
        "bindings": [{"spec": {"accounts": accounts}}],
    }


def test_who_can_asks_for_the_query_as_given() -> None:
    query = WhoCan("read", "customer", "phone", "full", "team")
    assert review_input(query, _inventory()) == {
        "view": "who_can",
        "action": "read",
        "resource": "customer",
        "field": "phone",
        "visibility": "full",
        "scope": "team",
    }


def test_an_action_the_catalog_declares_is_known() -> None:
    asked = review_input(WhoCan("schedule_callback", "customer"), _inventory())
    assert asked["action"] == "schedule_callback"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        (WhoCan("raed", "customer"), "unknown action 'raed'; did you mean read"),
        (WhoCan("read", "custmer"), "unknown resource 'custmer'; did you mean customer?"),
        (
            WhoCan("read", "customer", "phnoe"),
            "unknown field of customer 'phnoe'; did you mean phone?",
        ),
    ],
)
def test_unknown_names_suggest_the_nearest(query: WhoCan, message: str) -> None:
    with pytest.raises(GateError) as raised:
        review_input(query, _inventory())
    assert str(raised.value).startswith(message)


def test_a_subject_is_found_among_roles_accounts_and_people() -> None:
    assert review_input(AccessOf("lead"), _inventory())["kind"] == "role"
    assert review_input(AccessOf("ana.souza"), _inventory())["kind"] == "account"
    assert review_input(AccessOf("E1"), _inventory())["kind"] == "person"


def test_a_name_of_two_kinds_must_say_which() -> None:
    with pytest.raises(
        GateError, match="names a role and an account; say which: role:tier1-agent or account:"
    ):
        review_input(AccessOf("tier1-agent"), _inventory())
    asked = review_input(parse_subject("account:tier1-agent"), _inventory())
    assert (asked["kind"], asked["name"]) == ("account", "tier1-agent")


def test_an_unknown_subject_suggests_near_names_case_and_prefix_alike() -> None:
    with pytest.raises(GateError, match=r"did you mean tier1-agent\?"):
        review_input(AccessOf("TIER1-AGENT"), _inventory())
    with pytest.raises(GateError, match=r"did you mean ana.souza\?"):
        review_input(AccessOf("ana"), _inventory())
    with pytest.raises(GateError, match=r"^unknown person 'E3' \(known: E1, E2\)$"):
        review_input(parse_subject("person:E3"), _inventory())


def test_parsing_targets_and_subjects() -> None:
    assert parse_target("customer.phone") == ("customer", "phone")
    assert parse_target("customer") == ("customer", "")
    assert parse_subject("role:lead") == AccessOf("lead", "role")
    assert parse_subject("ana@example.com") == AccessOf("ana@example.com")
    assert parse_subject("team:x") == AccessOf("team:x")


def test_the_full_review_names_no_one() -> None:
    assert review_input(FullReview(), _inventory()) == {"view": "all"}
