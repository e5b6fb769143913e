package rolegate.lib.base_test

import rego.v1

import data.rolegate.lib.base

_role(name, actions) := {"metadata": {"name": name}, "spec": {"grants": [
	{"resource": "customer", "actions": actions, "scope": "team"},
]}}

_base := {
	"roles": [_role("agent", ["read"]), _role("agent", ["export"]), _role("lead", ["read", "update"])],
	"systems": [{"metadata": {"name": "crm"}}],
	"bindings": [{"spec": {"accounts": [
		{"id": "ana", "person": "p1", "roles": ["agent"]},
		{"id": "ana.lead", "person": "p1", "roles": ["lead"]},
	]}}],
}

# The input now holds only `lead`: every view below must come from the base.
_input := {"roles": [_role("lead", ["read"])], "base": _base}

test_no_base_no_views if {
	not base.present with input as {"roles": []}
	not base.roles with input as {"roles": []}
}

test_roles_and_systems_by_name_first_wins if {
	repo := _input
	base.present with input as repo
	base.roles.agent.spec.grants[0].actions == ["read"] with input as repo
	{name | some name, _ in base.roles} == {"agent", "lead"} with input as repo
	{name | some name, _ in base.systems} == {"crm"} with input as repo
}

test_access_and_people_of_the_base if {
	repo := _input
	base.capabilities.lead == {"customer:read", "customer:update"} with input as repo
	base.scope.lead.customer == 2 with input as repo
	base.person_roles.p1 == {"agent", "lead"} with input as repo
	[entry.account.id | some entry in base.accounts] == ["ana", "ana.lead"] with input as repo
}
