package rolegate.suggest_test

import rego.v1

import data.rolegate.suggest

_role := {
	"metadata": {"name": "agent", "system": "crm"},
	"spec": {"grants": [
		{"resource": "customer", "actions": ["read", "update"], "scope": "assigned", "fields": {"phone": "full", "name": "full"}},
		{"resource": "case", "actions": ["delete"], "scope": "team"},
	]},
}

_row(action, field, visibility) := {
	"account": "ana", "system": "crm", "resource": "customer", "action": action,
	"field": field, "visibility": visibility, "first_use": "2026-11-01T10:00:00Z",
	"last_use": "2026-11-02T10:00:00Z", "events": 1, "peak_hour": "", "peak_records": 0,
}

_input(observed) := {
	"context": {"now": "2026-11-28T00:00:00Z"},
	"roles": [_role], "org_policies": [], "suggest": ["agent"],
	"systems": [{"metadata": {"name": "crm"}, "spec": {"alerts": {"bulk_access_per_hour": 30}}}],
	"bindings": [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": [{"id": "ana", "roles": ["agent"]}]}}],
	"usage": {
		"systems": [{"system": "crm", "observed": observed, "sources": ["l.csv"]}],
		"accounts": [],
		"grants": [_row("read", "phone", "reveal_on_demand"), _row("read", "name", "full")],
	},
}

test_unused_actions_drop_and_full_fields_lower_with_safeguards if {
	s := suggest.roles.agent with input as _input(["*"])
	[customer, case] := s.grants
	customer.keep == ["read"]
	customer.drop == ["update"]
	customer.lower == {"phone": "reveal_on_demand"}
	customer.conditions == {"require_reason": true, "max_reveals_per_hour": 30}
	case.keep == []
	case.drop == ["delete"]
}

test_actions_the_logs_cannot_show_are_kept if {
	s := suggest.roles.agent with input as _input(["customer:read"])
	[customer, case] := s.grants
	customer.keep == ["read", "update"]
	case.keep == ["delete"]
}

test_only_the_roles_asked_for if {
	count(suggest.roles) == 0 with input as object.union(_input(["*"]), {"suggest": []})
}
