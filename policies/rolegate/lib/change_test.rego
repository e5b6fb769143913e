package rolegate.lib.change_test

import rego.v1

import data.rolegate.lib.change

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "none"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {"customer": {"fields": {"phone": "contact", "plan": "ref"}}},
}}

_role(name, grants) := {"metadata": {"name": name}, "spec": {"grants": grants}}

_input := {
	"catalogs": [_catalog],
	"roles": [
		_role("agent", [{"resource": "customer", "actions": ["read", "export"], "scope": "team", "fields": {"phone": "full"}}]),
		_role("viewer", [{"resource": "customer", "actions": ["read"], "scope": "self", "fields": {"plan": "none"}}]),
	],
	"bindings": [{"spec": {"accounts": [{"id": "ana", "person": "E1", "roles": ["agent", "viewer"]}]}}],
	"base": {
		"catalogs": [_catalog],
		"roles": [_role("agent", [{"resource": "customer", "actions": ["read", "update"], "scope": "assigned", "fields": {"phone": "masked"}}])],
		"bindings": [{"spec": {"accounts": [{"id": "ana", "person": "E1", "roles": ["agent"]}]}}],
	},
}

test_role_gains_and_losses_are_entries_from_before_to_after if {
	gains := change.role_gains("agent") with input as _input
	gains == {
		{"kind": "action", "resource": "customer", "name": "export", "from": "", "to": ""},
		{"kind": "scope", "resource": "customer", "name": "", "from": "assigned", "to": "team"},
		{"kind": "field", "resource": "customer", "name": "phone", "from": "masked", "to": "full"},
	}
	losses := change.role_losses("agent") with input as _input
	losses == {{"kind": "action", "resource": "customer", "name": "update", "from": "", "to": ""}}
}

test_a_person_sees_the_union_of_their_roles if {
	now := change.person_now("E1") with input as _input
	now.scope == {"customer": 2}
	now.visibility == {"customer": {"phone": 4, "plan": 4}}
}

test_new_role_gains_all_its_access if {
	gains := change.role_gains("viewer") with input as _input
	{change.describe(e) | some e in gains} == {"customer:read", "customer scope no access -> self"}
}

test_sensitivity_and_sensitive_marks if {
	phone := {"kind": "field", "resource": "customer", "name": "phone", "from": "masked", "to": "full"}
	plan := {"kind": "field", "resource": "customer", "name": "plan", "from": "none", "to": "full"}
	change.sensitivity(phone) == 3 with input as _input
	change.sensitive(phone) with input as _input
	change.sensitivity(plan) == 1 with input as _input
	not change.sensitive(plan) with input as _input
	change.sensitive({"kind": "action", "resource": "customer", "name": "export", "from": "", "to": ""})
	change.sensitive({"kind": "scope", "resource": "customer", "name": "", "from": "", "to": "all"})
	not change.sensitive({"kind": "scope", "resource": "customer", "name": "", "from": "", "to": "assigned"})
}
