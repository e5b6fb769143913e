package rolegate.lib.people_test

import rego.v1

import data.rolegate.lib.people

_role(name, actions) := {"metadata": {"name": name}, "spec": {"grants": [{"resource": "customer", "actions": actions, "scope": "team"}]}}

_input := {
	"roles": [_role("agent", ["read"]), _role("lead", ["read", "update"]), _role("refunds", ["refund"])],
	"bindings": [
		{"spec": {"accounts": [
			{"id": "ana", "person": "p1", "roles": ["agent"]},
			{"id": "bo", "person": "p2", "roles": ["refunds"]},
		]}},
		{"spec": {"accounts": [{"id": "ana.lead", "person": "p1", "roles": ["lead"]}]}},
	],
}

test_accounts_are_grouped_by_person_across_files if {
	ids := {person: {entry.account.id | some entry in entries} | some person, entries in people.accounts} with input as _input
	ids == {"p1": {"ana", "ana.lead"}, "p2": {"bo"}}
}

test_person_unions_all_their_accounts if {
	people.roles.p1 == {"agent", "lead"} with input as _input
	people.capabilities("p1") == {"customer:read", "customer:update"} with input as _input
}

test_several_roles_capabilities_only_for_people_with_more_than_one_role if {
	people.several_roles_capabilities == {"p1": {"customer:read", "customer:update"}} with input as _input
}

test_no_accounts_no_people if {
	people.accounts == {} with input as {"roles": [], "bindings": []}
	people.several_roles_capabilities == {} with input as {"roles": [], "bindings": []}
}
