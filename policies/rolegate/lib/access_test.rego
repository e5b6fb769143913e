package rolegate.lib.access_test

import rego.v1

import data.rolegate.lib.access

_catalog := {
	"spec": {
		"classes": {"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"}},
		"resources": {"customer": {"fields": {"phone": "contact"}}},
	},
}

_role(name, grants) := {"metadata": {"name": name}, "spec": {"grants": grants}}

_agent := _role("agent", [{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked"}}])

_lead := _role("lead", [
	{"resource": "customer", "actions": ["read", "update"], "scope": "team", "fields": {"phone": "full"}},
])

_input := {
	"catalogs": [_catalog],
	"roles": [_agent, _lead],
	"bindings": [{"spec": {"accounts": [
		{"id": "ana", "person": "p1", "roles": ["agent"]},
		{"id": "ana.lead", "person": "p1", "roles": ["lead"]},
	]}}],
}

test_capabilities_are_resource_action_pairs if {
	access.capabilities.lead == {"customer:read", "customer:update"} with input as _input
}

test_scope_and_visibility_ranks if {
	access.scope.lead.customer == 2 with input as _input
	access.visibility.agent.customer.phone == 2 with input as _input
}

test_wider_role_covers_narrower if {
	access.covers("lead", "agent") with input as _input
}

test_narrower_role_does_not_cover_wider if {
	not access.covers("agent", "lead") with input as _input
}

test_contractor_held_by_workforce_or_binding if {
	contractor_bound := {"bindings": [{"spec": {"accounts": [
		{"id": "c.ana", "person": "p2", "workforce": "contractor", "roles": ["agent"]},
	]}}]}
	access.contractor_held(_agent) with input as contractor_bound
	not access.contractor_held(_lead) with input as contractor_bound
	access.contractor_held({"metadata": {"name": "x"}, "spec": {"workforce": "contractor"}}) with input as {}
}

# (The `with` value in a local variable: regorus 0.13 leaves a function called under
# `with input as` a rule reference undefined.)
test_role_capabilities_of_any_role_document if {
	repo := _input
	access.role_capabilities(_lead) == {"customer:read", "customer:update"} with input as repo
	other := _role("lead", [{"resource": "case", "actions": ["close"], "scope": "team"}])
	access.role_capabilities(other) == {"case:close"} with input as repo
}

test_of_grants_is_the_access_of_a_list_of_grants_in_the_input if {
	# (Local variables as the `with` value and argument, as lib.base does for regorus.)
	repo := _input
	grants := _lead.spec.grants
	found := access.of_grants(grants) with input as repo
	found == {
		"capabilities": {"customer:read", "customer:update"},
		"scope": {"customer": 2},
		"visibility": {"customer": {"phone": 4}},
	}
}
