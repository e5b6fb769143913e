package rolegate.rules.escalation.role_administration_test

import rego.v1

import data.rolegate.rules.escalation.role_administration

_role(name, tier, actions, extra) := object.union({
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": name},
	"spec": {"tier": tier, "grants": [
		{"resource": "customer", "actions": ["read"], "scope": "assigned"},
		{"resource": "access_grant", "actions": actions, "scope": "team"},
	]},
}, {"spec": extra})

_findings(role) := {f | some f in role_administration.findings with input as {"roles": [role]}}

test_grant_role_outside_access_admin_fires if {
	role := _role("cs-supervisor", "supervisor", ["read", "grant_role"], {"grantable_roles": ["tier1-agent"]})
	[f] := [x | some x in _findings(role)]
	f.message == `role "cs-supervisor": grant_role on access_grant, but the role's tier is supervisor; only access_admin roles may administer roles`
	f.path == ["spec", "grants", 1, "actions", 1]
	f.subject == "role:cs-supervisor"
}

test_edit_role_outside_access_admin_fires if {
	role := _role("crm-admin", "admin", ["edit_role"], {})
	{f.message | some f in _findings(role)} == {`role "crm-admin": edit_role on access_grant, but the role's tier is admin; only access_admin roles may administer roles`}
}

test_no_grantable_roles_fires_at_grant_role if {
	[f] := [x | some x in _findings(_role("access-admin", "access_admin", ["read", "grant_role"], {}))]
	f.message == `role "access-admin": grant_role with no grantable_roles can grant any role, itself included`
	f.path == ["spec", "grants", 1, "actions", 1]
}

test_listing_itself_fires if {
	role := _role("access-admin", "access_admin", ["grant_role"], {"grantable_roles": ["tier1-agent", "access-admin"]})
	[f] := [x | some x in _findings(role)]
	f.message == `role "access-admin": grantable_roles lists the role itself`
	f.path == ["spec", "grantable_roles", 1]
}

test_access_admin_with_grantable_roles_passes if {
	role := _role("access-admin", "access_admin", ["read", "grant_role"], {"grantable_roles": ["tier1-agent"]})
	count(_findings(role)) == 0
}

test_grantable_roles_without_grant_role_passes if {
	role := _role("cs-supervisor", "supervisor", ["read", "approve"], {"grantable_roles": ["cs-supervisor"]})
	count(_findings(role)) == 0
}
