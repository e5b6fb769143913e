package rolegate.diff_test

import rego.v1

import data.rolegate.diff

_catalog := {"spec": {
	"classes": {"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "none"}},
	"resources": {"customer": {"fields": {"phone": "contact"}}},
}}

_role(name, visibility) := {"metadata": {"name": name}, "spec": {"grants": [
	{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": visibility}},
]}}

_bindings(accounts) := [{"spec": {"accounts": accounts}}]

_input := {
	"catalogs": [_catalog],
	"roles": [_role("agent", "full"), _role("lead", "full")],
	"bindings": _bindings([
		{"id": "ana", "person": "E1", "roles": ["agent"]},
		{"id": "bia", "person": "E2", "roles": ["agent", "lead"]},
		{"id": "caio", "person": "E3", "roles": ["lead"]},
	]),
	"base": {
		"catalogs": [_catalog],
		"roles": [_role("agent", "masked"), _role("lead", "full")],
		"bindings": _bindings([
			{"id": "ana", "person": "E1", "roles": ["agent"]},
			{"id": "bia", "person": "E2", "roles": ["agent", "lead"]},
		]),
	},
}

_phone(from) := {"kind": "field", "resource": "customer", "name": "phone", "from": from, "to": "full", "sensitivity": 3, "sensitive": true}

test_role_change_counts_only_the_people_it_reaches if {
	report := diff.report with input as _input
	report.roles == {{
		"role": "agent", "status": "changed", "people": 2,
		"gained": {object.union(_phone("masked"), {"people": 1})},
		"lost": set(),
	}}
}

test_people_gain_through_roles_and_bindings if {
	report := diff.report with input as _input
	{[p.person, p.accounts, p.gained] | some p in report.people} == {
		["E1", {"ana"}, {_phone("masked")}],
		["E3", {"caio"}, {
			{"kind": "action", "resource": "customer", "name": "read", "from": "", "to": "", "sensitivity": 3, "sensitive": false},
			{"kind": "scope", "resource": "customer", "name": "", "from": "", "to": "assigned", "sensitivity": 3, "sensitive": false},
			_phone("none"),
		}],
	}
}

test_without_a_base_the_diff_is_empty if {
	report := diff.report with input as object.remove(_input, ["base"])
	report == {"roles": set(), "people": set()}
}
