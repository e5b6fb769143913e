package rolegate.rules.escalation.grant_wider_role_test

import rego.v1

import data.rolegate.rules.escalation.grant_wider_role

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"phone": "contact"}},
		"access_grant": {"fields": {"role": "ref"}},
	},
}}

_customer(actions, scope, phone) := {"resource": "customer", "actions": actions, "scope": scope, "fields": {"phone": phone}}

_admin_grant := {"resource": "access_grant", "actions": ["read", "grant_role"], "scope": "all"}

_role(name, grants, extra) := object.union({
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": name},
	"spec": {"tier": "access_admin", "grants": grants},
}, {"spec": extra})

_agent := _role("tier1-agent", [_customer(["read", "update"], "assigned", "masked")], {})

_findings(admin) := {f | some f in grant_wider_role.findings with input as {"catalogs": [_catalog], "roles": [admin, _agent]}}

test_granting_a_role_with_an_extra_capability_fires if {
	admin := _role("access-admin", [_admin_grant, _customer(["read"], "assigned", "masked")], {"grantable_roles": ["tier1-agent"]})
	[f] := [x | some x in _findings(admin)]
	f.message == `role "access-admin": may grant role "tier1-agent", which has access it lacks: customer:update`
	f.path == ["spec", "grantable_roles", 0]
	f.subject == "role:access-admin"
}

test_wider_scope_fires if {
	admin := _role("access-admin", [_admin_grant, _customer(["read", "update"], "self", "masked")], {"grantable_roles": ["tier1-agent"]})
	{f.message | some f in _findings(admin)} == {`role "access-admin": may grant role "tier1-agent", which has access it lacks: scope assigned on customer (it has self)`}
}

test_wider_visibility_fires if {
	admin := _role("access-admin", [_admin_grant, _customer(["read", "update"], "assigned", "compare")], {"grantable_roles": ["tier1-agent"]})
	{f.message | some f in _findings(admin)} == {`role "access-admin": may grant role "tier1-agent", which has access it lacks: customer.phone at masked (it has compare)`}
}

test_no_grantable_roles_fires_once_at_grant_role if {
	admin := _role("access-admin", [_admin_grant], {})
	[f] := [x | some x in _findings(admin)]
	f.message == `role "access-admin": grant_role with no grantable_roles may grant every role, including 1 with access it lacks, e.g. "tier1-agent" (customer:read)`
	f.path == ["spec", "grants", 0, "actions", 1]
}

test_covered_role_passes if {
	admin := _role("access-admin", [_admin_grant, _customer(["read", "update"], "team", "masked")], {"grantable_roles": ["tier1-agent"]})
	count(_findings(admin)) == 0
}

test_itself_and_unknown_roles_pass if {
	# Granting itself is ESC-001's; an unknown name is a reference error.
	admin := _role("access-admin", [_admin_grant], {"grantable_roles": ["access-admin", "ghost"]})
	count(_findings(admin)) == 0
}

test_role_without_grant_role_passes if {
	role := _role("cs-supervisor", [_customer(["read"], "team", "masked")], {"grantable_roles": ["tier1-agent"]})
	count(_findings(role)) == 0
}

test_wider_visibility_names_the_wider_field_not_an_equal_one if {
	catalog := json.patch(_catalog, [{"op": "add", "path": "/spec/resources/customer/fields/email", "value": "contact"}])
	admin := _role("access-admin", [_admin_grant, _customer(["read", "update"], "assigned", "compare")], {"grantable_roles": ["tier1-agent"]})
	found := {f.message | some f in grant_wider_role.findings with input as {"catalogs": [catalog], "roles": [admin, _agent]}}
	found == {`role "access-admin": may grant role "tier1-agent", which has access it lacks: customer.phone at masked (it has compare)`}
}
