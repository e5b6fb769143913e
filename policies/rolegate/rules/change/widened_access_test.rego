package rolegate.rules.change.widened_access_test

import rego.v1

import data.rolegate.rules.change.widened_access

_catalog := {"spec": {
	"classes": {"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"}},
	"resources": {
		"customer": {"fields": {"phone": "contact", "email": "contact"}},
		"case": {"fields": {"notes": "contact"}},
	},
}}

_role(grants) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"grants": grants},
}

_before := _role([{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked", "email": "none"}}])

_findings(after) := {f | some f in widened_access.findings with input as {
	"catalogs": [_catalog],
	"roles": [after],
	"base": {"catalogs": [_catalog], "roles": [_before]},
}}

test_scope_widening_fires_at_the_grant_scope if {
	[f] := [x | some x in _findings(_role([{"resource": "customer", "actions": ["read"], "scope": "team", "fields": {"phone": "masked", "email": "none"}}]))]
	f.message == `role "tier1-agent": scope on customer widened from assigned to team`
	f.path == ["spec", "grants", 0, "scope"]
}

test_visibility_widening_fires_at_the_field_of_the_grant_that_shows_it if {
	after := _role([
		{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked", "email": "none"}},
		{"resource": "customer", "actions": ["read"], "scope": "self", "fields": {"email": "full"}},
	])
	[f] := [x | some x in _findings(after)]
	f.message == `role "tier1-agent": customer.email widened from none to full`
	f.path == ["spec", "grants", 1, "fields", "email"]
}

test_class_default_widening_fires_at_the_grant if {
	[f] := [x | some x in _findings(_role([{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked"}}]))]
	f.message == `role "tier1-agent": customer.email widened from none to masked`
	f.path == ["spec", "grants", 0]
}

test_new_grant_on_another_resource_passes if {
	count(_findings(_role(array.concat(_before.spec.grants, [{"resource": "case", "actions": ["read"], "scope": "all", "fields": {"notes": "full"}}])))) == 0
}

test_narrowing_passes if {
	count(_findings(_role([{"resource": "customer", "actions": ["read"], "scope": "self", "fields": {"phone": "none", "email": "none"}}]))) == 0
}
