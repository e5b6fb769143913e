package rolegate.rules.change.sensitive_gain_test

import rego.v1

import data.rolegate.rules.change.sensitive_gain

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "none"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {"customer": {"fields": {"phone": "contact", "plan": "ref"}}},
}}

_role(ticket, grants) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent", "change_ticket": ticket},
	"spec": {"grants": grants},
}

_grant(actions, scope, fields) := {"resource": "customer", "actions": actions, "scope": scope, "fields": fields}

_before := _role("CHG-1", [_grant(["read"], "assigned", {"phone": "none", "plan": "full"})])

_findings(after) := {f | some f in sensitive_gain.findings with input as {
	"catalogs": [_catalog],
	"roles": [after],
	"base": {"catalogs": [_catalog], "roles": [_before]},
}}

test_sensitive_field_under_the_base_ticket_fires_at_change_ticket if {
	[f] := [x | some x in _findings(_role("CHG-1", [_grant(["read"], "assigned", {"phone": "masked", "plan": "full"})]))]
	f.message == `role "tier1-agent": gains customer.phone none -> masked under the base's change_ticket CHG-1`
	f.path == ["metadata", "change_ticket"]
	f.subject == "role:tier1-agent"
}

test_export_and_scope_widening_without_a_ticket_fire_once if {
	after := object.remove(_role("", [_grant(["read", "export"], "team", {"phone": "none", "plan": "full"})]), ["metadata"])
	[f] := [x | some x in _findings(object.union(after, {"metadata": {"name": "tier1-agent"}}))]
	f.message == `role "tier1-agent": gains customer scope assigned -> team, customer:export with no change_ticket`
	f.path == ["metadata"]
}

test_sensitive_gain_with_a_new_ticket_passes if {
	count(_findings(_role("CHG-2", [_grant(["read", "export"], "all", {"phone": "full", "plan": "full"})]))) == 0
}

test_gain_that_is_not_sensitive_passes if {
	count(_findings(_role("CHG-1", [_grant(["read", "update"], "assigned", {"phone": "compare", "plan": "full"})]))) == 0
}

test_role_new_since_the_base_passes_to_gov001 if {
	role := object.union(_role("CHG-1", [_grant(["export"], "all", {"phone": "full"})]), {"metadata": {"name": "new-role"}})
	count(_findings(role)) == 0
}

test_no_base_passes if {
	count({f | some f in sensitive_gain.findings with input as {"catalogs": [_catalog], "roles": [_before]}}) == 0
}
