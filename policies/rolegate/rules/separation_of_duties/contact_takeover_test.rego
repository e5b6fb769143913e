package rolegate.rules.separation_of_duties.contact_takeover_test

import rego.v1

import data.rolegate.rules.separation_of_duties.contact_takeover

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"phone": "contact", "plan": "ref"}},
		"line": {"fields": {"iccid": "ref"}},
	},
}}

_role(name, grants) := {"source": {"file": "role.yaml", "document": 0}, "metadata": {"name": name}, "spec": {"grants": grants}}

_grant(resource, actions) := {"resource": resource, "actions": actions, "scope": "assigned"}

_account(id, roles) := {"id": id, "person": "E100", "type": "individual", "workforce": "employee", "roles": roles}

_findings(roles, accounts) := {f | some f in contact_takeover.findings with input as {
	"catalogs": [_catalog],
	"roles": roles,
	"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": accounts}}],
}}

test_role_changing_contacts_and_swapping_sims_fires if {
	role := _role("store-agent", [_grant("customer", ["read", "update"]), _grant("line", ["read", "sim_swap", "port_out"])])
	[f] := [x | some x in _findings([role], [])]
	f.message == `role "store-agent": can both change contact points (customer:update) and run line:port_out, line:sim_swap`
	f.path == ["spec", "grants", 1, "actions", 2]
	f.subject == "role:store-agent"
}

test_person_across_accounts_fires if {
	roles := [_role("tier1-agent", [_grant("customer", ["update"])]), _role("fraud-ops", [_grant("customer", ["reset_credentials"])])]
	[f] := [x | some x in _findings(roles, [_account("ana", ["tier1-agent"]), _account("ana.ops", ["fraud-ops"])])]
	f.message == `account "ana": person E100 can change contact points (customer:update, role tier1-agent) and run customer:reset_credentials (role fraud-ops)`
	f.path == ["spec", "accounts", 0, "roles"]
	f.subject == "account:ana"
}

test_update_without_contact_points_passes if {
	role := _role("provisioning", [_grant("line", ["update", "sim_swap"])])
	count(_findings([role], [])) == 0
}

test_contact_change_alone_passes if {
	roles := [_role("tier1-agent", [_grant("customer", ["read", "update"])])]
	count(_findings(roles, [_account("ana", ["tier1-agent"])])) == 0
}

test_one_takeover_action_is_enough if {
	role := _role("store-agent", [_grant("customer", ["update"]), _grant("line", ["sim_swap"])])
	[f] := [x | some x in _findings([role], [])]
	f.path == ["spec", "grants", 1, "actions", 0]
}

test_person_with_takeovers_but_no_contact_change_passes if {
	roles := [_role("provisioning", [_grant("line", ["update"])]), _role("fraud-ops", [_grant("customer", ["reset_credentials"])])]
	count(_findings(roles, [_account("ana", ["provisioning"]), _account("ana.ops", ["fraud-ops"])])) == 0
}

test_person_with_contact_changes_but_no_takeover_passes if {
	roles := [_role("tier1-agent", [_grant("customer", ["update"])]), _role("viewer", [_grant("line", ["read"])])]
	count(_findings(roles, [_account("ana", ["tier1-agent"]), _account("ana.view", ["viewer"])])) == 0
}

test_person_whose_one_role_holds_both_is_reported_at_the_role_only if {
	roles := [
		_role("store-agent", [_grant("customer", ["update"]), _grant("line", ["sim_swap"])]),
		_role("viewer", [_grant("line", ["read"])]),
	]
	[f] := [x | some x in _findings(roles, [_account("ana", ["store-agent"]), _account("ana.view", ["viewer"])])]
	f.subject == "role:store-agent"
}
