package rolegate.rules.least_privilege.frontline_enumeration_test

import rego.v1

import data.rolegate.rules.least_privilege.frontline_enumeration

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal"}},
		"queue": {"fields": {"queue_id": "ref"}},
	},
}}

_role(tier, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": tier, "grants": [grant]},
}

_findings(role) := {f | some f in frontline_enumeration.findings with input as {"catalogs": [_catalog], "roles": [role]}}

test_frontline_partial_search_fires if {
	role := _role("frontline", {"resource": "customer", "actions": ["read", "search_partial"], "scope": "assigned"})
	[f] := [x | some x in _findings(role)]
	f.message == `role "tier1-agent": frontline grant on customer allows search_partial, which enumerates customers' personal data`
	f.path == ["spec", "grants", 0, "actions", 1]
	f.subject == "role:tier1-agent"
}

test_each_enumerating_action_fires if {
	role := _role("frontline", {"resource": "customer", "actions": ["list", "bulk_read", "search_partial"], "scope": "assigned"})
	{f.path | some f in _findings(role)} == {
		["spec", "grants", 0, "actions", 0],
		["spec", "grants", 0, "actions", 1],
		["spec", "grants", 0, "actions", 2],
	}
}

test_exact_search_passes if {
	count(_findings(_role("frontline", {"resource": "customer", "actions": ["read", "search_exact"], "scope": "assigned"}))) == 0
}

test_list_of_non_personal_resource_passes if {
	count(_findings(_role("frontline", {"resource": "queue", "actions": ["list"], "scope": "team"}))) == 0
}

test_backoffice_list_passes if {
	count(_findings(_role("backoffice", {"resource": "customer", "actions": ["list"], "scope": "team"}))) == 0
}
