package rolegate.rules.separation_of_duties.declared_conflicts_test

import rego.v1

import data.rolegate.rules.separation_of_duties.declared_conflicts

_role(name, grants) := {"source": {"file": "role.yaml", "document": 0}, "metadata": {"name": name}, "spec": {"grants": grants}}

_grant(resource, actions) := {"resource": resource, "actions": actions, "scope": "team"}

_account(id, person, roles) := {"id": id, "person": person, "type": "individual", "workforce": "employee", "roles": roles}

_functions := {"spec": {"functions": {}, "sod_conflicts": [["access_grant:grant_role", "access_grant:approve"]]}}

_org := {"spec": {"sod_conflicts": [["interaction:delete", "customer:update"]]}}

_findings(roles, accounts) := {f | some f in declared_conflicts.findings with input as {
	"job_functions": [_functions],
	"org_policies": [_org],
	"roles": roles,
	"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": accounts}}],
}}

test_person_holding_a_job_functions_pair_fires if {
	roles := [_role("access-admin", [_grant("access_grant", ["read", "grant_role"])]), _role("cs-supervisor", [_grant("access_grant", ["approve"])])]
	[f] := [x | some x in _findings(roles, [_account("eduardo", "E1", ["access-admin", "cs-supervisor"])])]
	f.message == `account "eduardo": person E1 holds both access_grant:approve (role cs-supervisor) and access_grant:grant_role (role access-admin), a declared separation-of-duties conflict`
	f.path == ["spec", "accounts", 0, "roles"]
	f.subject == "account:eduardo"
}

test_role_holding_an_org_policy_pair_fires if {
	role := _role("team-lead", [_grant("customer", ["read", "update"]), _grant("interaction", ["read", "delete"])])
	[f] := [x | some x in _findings([role], [])]
	f.message == `role "team-lead": holds both customer:update and interaction:delete, a declared separation-of-duties conflict`
	f.path == ["spec", "grants", 1, "actions", 1]
	f.subject == "role:team-lead"
}

test_org_policy_pairs_default_to_none if {
	role := _role("team-lead", [_grant("customer", ["update"]), _grant("interaction", ["delete"])])
	count({f | some f in declared_conflicts.findings with input as {"job_functions": [], "org_policies": [], "roles": [role], "bindings": []}}) == 0
}

test_one_side_per_person_passes if {
	roles := [_role("access-admin", [_grant("access_grant", ["grant_role"])]), _role("cs-supervisor", [_grant("access_grant", ["approve"])])]
	count(_findings(roles, [_account("eduardo", "E1", ["access-admin"]), _account("camila", "E2", ["cs-supervisor"])])) == 0
}

test_a_pair_of_one_capability_with_itself_is_no_conflict if {
	role := _role("tier1-agent", [_grant("customer", ["update"])])
	found := {f | some f in declared_conflicts.findings with input as {
		"job_functions": [{"spec": {"functions": {}, "sod_conflicts": [["customer:update", "customer:update"]]}}],
		"org_policies": [{"spec": {"sod_conflicts": [["customer:update", "customer:update"]]}}],
		"roles": [role],
		"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": [_account("ana", "E1", ["tier1-agent", "tier1-agent"])]}}],
	}}
	count(found) == 0
}

test_a_role_with_one_side_of_a_pair_passes if {
	every grants in [[_grant("customer", ["update"])], [_grant("interaction", ["delete"])]] {
		count(_findings([_role("team-lead", grants)], [])) == 0
	}
}

test_a_person_with_one_side_across_several_roles_passes if {
	viewer := _role("viewer", [_grant("customer", ["read"])])
	every grants in [[_grant("access_grant", ["approve"])], [_grant("access_grant", ["grant_role"])]] {
		count(_findings([_role("cs-supervisor", grants), viewer], [_account("eduardo", "E1", ["cs-supervisor", "viewer"])])) == 0
	}
}

test_a_person_whose_one_role_holds_the_pair_is_reported_at_the_role_only if {
	roles := [_role("team-lead", [_grant("customer", ["update"]), _grant("interaction", ["delete"])]), _role("viewer", [_grant("customer", ["read"])])]
	[f] := [x | some x in _findings(roles, [_account("eduardo", "E1", ["team-lead", "viewer"])])]
	f.subject == "role:team-lead"
}
