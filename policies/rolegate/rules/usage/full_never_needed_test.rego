package rolegate.rules.usage.full_never_needed_test

import rego.v1

import data.rolegate.rules.usage.full_never_needed

_role := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "agent", "system": "crm"},
	"spec": {"grants": [{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "full", "name": "masked"}}]},
}

_row(field, visibility) := {
	"account": "ana", "system": "crm", "resource": "customer", "action": "read",
	"field": field, "visibility": visibility, "first_use": "2026-11-01T10:00:00Z",
	"last_use": "2026-11-02T10:00:00Z", "events": 4, "peak_hour": "", "peak_records": 0,
}

_findings(rows) := found if {
	found := full_never_needed.findings with input as _input(rows)
}

_input(rows) := {
	"context": {"now": "2026-11-28T00:00:00Z"},
	"roles": [_role], "org_policies": [],
	"bindings": [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": [{"id": "ana", "roles": ["agent"]}]}}],
	"usage": {"systems": [{"system": "crm", "observed": ["*"], "sources": ["l.csv"]}], "accounts": [], "grants": rows},
}

test_full_field_only_seen_masked_or_revealed_fires if {
	[f] := [x | some x in _findings([_row("phone", "masked"), _row("phone", "reveal_on_demand")])]
	f.path == ["spec", "grants", 0, "fields", "phone"]
	f.message == `role "agent": customer.phone is shown full but its holders only used it masked or reveal_on_demand in the 90 days to 2026-11-28: lower it to reveal_on_demand`
}

test_full_value_used_passes if {
	count(_findings([_row("phone", "masked"), _row("phone", "full")])) == 0
}

test_unstated_visibility_passes if {
	count(_findings([_row("phone", "masked"), _row("phone", "")])) == 0
}

test_field_never_seen_passes if {
	count(_findings([_row("name", "masked")])) == 0
}

test_full_field_only_seen_masked_fires if {
	[f] := [x | some x in _findings([_row("phone", "masked")])]
	endswith(f.message, "only used it masked in the 90 days to 2026-11-28: lower it to masked")
}

test_full_field_only_seen_compared_fires if {
	[f] := [x | some x in _findings([_row("phone", "compare")])]
	endswith(f.message, "only used it compare in the 90 days to 2026-11-28: lower it to compare")
}
