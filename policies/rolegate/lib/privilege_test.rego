package rolegate.lib.privilege_test

import rego.v1

import data.rolegate.lib.privilege

_role(name, spec) := {"metadata": {"name": name}, "spec": spec}

_admin := _role("admin", {
	"tier": "access_admin",
	"workforce": "employee",
	"grants": [
		{"resource": "customer", "actions": ["read"], "scope": "assigned"},
		{"resource": "access_grant", "actions": ["read", "grant_role"], "scope": "all"},
	],
})

_agent := _role("agent", {"tier": "frontline", "workforce": "employee", "grants": [
	{"resource": "customer", "actions": ["read", "export"], "scope": "assigned"},
]})

_input := {
	"roles": [_admin, _agent],
	"bindings": [
		{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": [
			{"id": "zoe", "person": "p1", "workforce": "employee", "roles": ["admin"]},
			{"id": "ana", "person": "p1", "workforce": "contractor", "roles": ["agent"]},
		]}},
		{"source": {"file": "a.yaml", "document": 0}, "spec": {"accounts": [
			{"id": "zoe.2", "person": "p1", "workforce": "employee", "roles": []},
		]}},
	],
}

test_closest_path_is_the_node_or_its_closest_parent if {
	privilege.closest_path(_admin, ["spec", "grants", 1, "actions", 1]) == ["spec", "grants", 1, "actions", 1]
	privilege.closest_path(_admin, ["spec", "grants", 1, "conditions", "require_reason"]) == ["spec", "grants", 1]
	privilege.closest_path(_admin, ["spec", "session", "mfa"]) == ["spec"]
}

test_action_paths_find_the_first_occurrence if {
	privilege.action_path(_admin, "access_grant", "grant_role") == ["spec", "grants", 1, "actions", 1]
	privilege.capability_path(_admin, "customer:read") == ["spec", "grants", 0, "actions", 0]
	privilege.any_action_path(_admin, "read") == ["spec", "grants", 0, "actions", 0]
	not privilege.action_path(_admin, "customer", "grant_role")
}

# regorus: a rule used both in `with input as` and in the expression is bound to a local first.
test_without_grantable_roles_every_role_is_grantable if {
	admin := _admin
	privilege.grants_roles(admin)
	not privilege.limits_grants(admin)
	privilege.grantable(admin) == {"admin", "agent"} with input as _input
}

test_grantable_roles_limit_what_a_role_grants if {
	limited := object.union(_admin, {"spec": {"grantable_roles": ["agent"]}})
	privilege.grantable(limited) == {"agent"} with input as _input
	empty := object.union(_admin, {"spec": {"grantable_roles": []}})
	privilege.grantable(empty) == set() with input as _input
}

test_exports_and_personal_reads if {
	privilege.exports(_agent) == {"export"}
	privilege.exports(_admin) == set()
}

test_person_account_is_the_first_by_file if {
	entry := privilege.person_account("p1") with input as _input
	entry.account.id == "zoe.2"
}

test_person_roles_and_phrases if {
	privilege.roles_with("p1", {"customer:read"}) == ["admin", "agent"] with input as _input
	privilege.roles_phrase(["admin"]) == "role admin"
	privilege.roles_phrase(["admin", "agent"]) == "roles admin, agent"
	privilege.one_role_holds("p1", {"customer:read"}, {"access_grant:grant_role"}) with input as _input
	not privilege.one_role_holds("p1", {"customer:export"}, {"access_grant:grant_role"}) with input as _input
}
