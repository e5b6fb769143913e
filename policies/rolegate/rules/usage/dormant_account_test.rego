package rolegate.rules.usage.dormant_account_test

import rego.v1

import data.rolegate.rules.usage.dormant_account

_roles := [
	{"metadata": {"name": "agent", "system": "crm"}, "spec": {"grants": [{"resource": "customer", "actions": ["read"]}]}},
	{"metadata": {"name": "biller", "system": "billing"}, "spec": {"grants": [{"resource": "invoice", "actions": ["read"]}]}},
	{"metadata": {"name": "admin", "system": "crm"}, "spec": {"grants": [{"resource": "configuration", "actions": ["configure"]}]}},
]

_input(accounts, activity) := {
	"context": {"now": "2026-11-28T00:00:00Z"},
	"roles": _roles, "org_policies": [],
	"bindings": [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": accounts}}],
	"usage": {"systems": [{"system": "crm", "observed": ["customer:read"], "sources": ["l.csv"]}], "grants": [], "accounts": activity},
}

_seen(account, last) := {"account": account, "system": "crm", "first_use": last, "last_use": last, "events": 3, "peak_hour": last, "peak_records": 1}

test_idle_account_fires_with_its_last_activity if {
	accounts := [{"id": "ana", "roles": ["agent"], "valid_from": "2025-01-01"}]
	[f] := [x | some x in dormant_account.findings with input as _input(accounts, [_seen("ana", "2026-06-01T08:00:00Z")])]
	f.path == ["spec", "accounts", 0]
	f.message == `account "ana": holds roles on crm but had no activity there in the 90 days to 2026-11-28 (last active 2026-06-01T08:00:00Z): disable it`
}

test_never_seen_account_fires if {
	accounts := [{"id": "ana", "roles": ["agent"]}]
	[f] := [x | some x in dormant_account.findings with input as _input(accounts, [])]
	contains(f.message, "(never in the logs)")
}

test_active_account_passes if {
	accounts := [{"id": "ana", "roles": ["agent"]}]
	count(dormant_account.findings) == 0 with input as _input(accounts, [_seen("ana", "2026-11-20T08:00:00Z")])
}

test_break_glass_new_and_unlogged_accounts_pass if {
	accounts := [
		{"id": "bg", "type": "break_glass", "roles": ["agent"]},
		{"id": "new", "roles": ["agent"], "valid_from": "2026-11-01"},
		{"id": "bill", "roles": ["biller"]},
		{"id": "root", "roles": ["admin"]},
	]
	count(dormant_account.findings) == 0 with input as _input(accounts, [])
}

test_an_account_valid_from_the_start_of_the_window_is_not_new if {
	# 2026-08-30 is exactly 90 days before now: the account had the whole window.
	accounts := [{"id": "ana", "roles": ["agent"], "valid_from": "2026-08-30"}]
	count(dormant_account.findings) == 1 with input as _input(accounts, [])
}
