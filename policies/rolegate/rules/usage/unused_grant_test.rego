package rolegate.rules.usage.unused_grant_test

import rego.v1

import data.rolegate.rules.usage.unused_grant

_role := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "agent", "system": "crm"},
	"spec": {"grants": [{"resource": "customer", "actions": ["read", "export"], "scope": "assigned"}]},
}

_bindings := [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": [
	{"id": "ana", "roles": ["agent"]},
	{"id": "bia", "roles": ["agent"]},
]}}]

_row(account, action, last) := {
	"account": account, "system": "crm", "resource": "customer", "action": action,
	"field": "", "visibility": "", "first_use": last, "last_use": last, "events": 1,
	"peak_hour": "", "peak_records": 0,
}

_input(rows, observed) := {
	"context": {"now": "2026-11-28T00:00:00Z"},
	"roles": [_role], "bindings": _bindings, "org_policies": [],
	"usage": {"systems": [{"system": "crm", "observed": observed, "sources": ["l.csv"]}], "accounts": [], "grants": rows},
}

_findings(rows, observed) := found if {
	found := unused_grant.findings with input as _input(rows, observed)
}

test_unused_action_fires_at_the_grant if {
	[f] := [x | some x in _findings([_row("bia", "read", "2026-11-01T10:00:00Z")], ["*"])]
	f.path == ["spec", "grants", 0]
	f.message == `role "agent": no holder used export on customer in crm in the 90 days to 2026-11-28: remove these actions from the grant`
}

test_use_only_before_the_window_fires_and_says_so if {
	rows := [_row("ana", "read", "2026-11-01T10:00:00Z"), _row("ana", "export", "2026-05-01T10:00:00Z")]
	[f] := [x | some x in _findings(rows, ["*"])]
	contains(f.message, "(export only before the window)")
}

test_nothing_used_fires_remove_the_grant if {
	[f] := [x | some x in _findings([], ["*"])]
	endswith(f.message, "remove the grant")
}

test_every_action_used_by_some_holder_passes if {
	rows := [_row("ana", "read", "2026-11-01T10:00:00Z"), _row("bia", "export", "2026-10-01T10:00:00Z")]
	count(_findings(rows, ["*"])) == 0
}

test_actions_the_logs_cannot_show_pass if {
	count(_findings([_row("bia", "read", "2026-11-01T10:00:00Z")], ["customer:read"])) == 0
}

test_system_without_logs_passes if {
	count(unused_grant.findings) == 0 with input as object.union(_input([], ["*"]), {"usage": {"systems": []}})
}

_held_by(accounts) := [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": accounts}}]

test_a_role_no_one_holds_passes if {
	count(unused_grant.findings) == 0 with input as object.union(_input([], ["*"]), {"bindings": _held_by([{"id": "ana", "roles": []}])})
}

test_a_role_with_one_holder_fires if {
	rows := [_row("ana", "read", "2026-11-01T10:00:00Z")]
	found := unused_grant.findings with input as object.union(_input(rows, ["*"]), {"bindings": _held_by([{"id": "ana", "roles": ["agent"]}])})
	[f] := [x | some x in found]
	contains(f.message, "no holder used export on customer")
}

test_a_wildcard_action_is_never_called_unused if {
	role := json.patch(_role, [{"op": "replace", "path": "/spec/grants/0/actions", "value": ["*"]}])
	found := unused_grant.findings with input as object.union(_input([_row("ana", "read", "2026-11-01T10:00:00Z")], ["*"]), {"roles": [role]})
	count(found) == 0
}
