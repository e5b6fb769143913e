package rolegate.rules.least_privilege.frontline_reach_all_test

import rego.v1

import data.rolegate.rules.least_privilege.frontline_reach_all

_catalog := {"spec": {
	"classes": {
		"personal_name": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal_name", "phone": "contact"}},
		"ticket": {"fields": {"queue": "ref"}},
	},
}}

_role(tier, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": tier, "grants": [grant]},
}

_findings(role) := {f | some f in frontline_reach_all.findings with input as {"catalogs": [_catalog], "roles": [role]}}

test_frontline_scope_all_fires if {
	role := _role("frontline", {"resource": "customer", "actions": ["read"], "scope": "all", "fields": {"name": "full", "phone": "masked"}})
	[f] := [x | some x in _findings(role)]
	f.message == `role "tier1-agent": frontline grant on customer has scope all with personal fields visible (name, phone)`
	f.path == ["spec", "grants", 0, "scope"]
	f.subject == "role:tier1-agent"
}

test_division_counts_default_visibility if {
	# phone is not listed: its class default (masked) still shows it.
	role := _role("frontline", {"resource": "customer", "actions": ["read"], "scope": "division", "fields": {"name": "none"}})
	{f.message | some f in _findings(role)} == {`role "tier1-agent": frontline grant on customer has scope division with personal fields visible (phone)`}
}

test_assigned_scope_passes if {
	count(_findings(_role("frontline", {"resource": "customer", "actions": ["read"], "scope": "assigned"}))) == 0
}

test_hidden_personal_fields_pass if {
	role := _role("frontline", {"resource": "customer", "actions": ["read"], "scope": "all", "fields": {"name": "none", "phone": "none"}})
	count(_findings(role)) == 0
}

test_non_personal_resource_passes if {
	count(_findings(_role("frontline", {"resource": "ticket", "actions": ["read"], "scope": "all"}))) == 0
}

test_backoffice_passes if {
	count(_findings(_role("backoffice", {"resource": "customer", "actions": ["read"], "scope": "all"}))) == 0
}
