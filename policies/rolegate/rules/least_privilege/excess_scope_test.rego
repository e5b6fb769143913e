package rolegate.rules.least_privilege.excess_scope_test

import rego.v1

import data.rolegate.rules.least_privilege.excess_scope

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"phone": "contact"}},
		"queue": {"fields": {"queue_id": "ref"}},
	},
}}

_functions := {"spec": {"functions": {
	"inbound_support": {"tier": "frontline", "needs": [
		{"resource": "customer", "actions": ["read"], "scope": "assigned"},
		{"resource": "queue", "actions": ["read"], "scope": "self"},
	]},
	"team_lead": {"tier": "supervisor", "needs": [
		{"resource": "customer", "actions": ["read"], "scope": "team"},
	]},
}}}

_role(functions, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": "frontline", "functions": functions, "grants": [grant]},
}

_findings(role) := {f | some f in excess_scope.findings with input as {
	"catalogs": [_catalog], "job_functions": [_functions], "roles": [role],
}}

test_scope_all_over_assigned_fires_high if {
	[f] := [x | some x in _findings(_role(["inbound_support"], {"resource": "customer", "actions": ["read"], "scope": "all"}))]
	f.message == `role "tier1-agent": grant on customer has scope all but its functions (inbound_support) need at most assigned`
	f.path == ["spec", "grants", 0, "scope"]
	f.subject == "role:tier1-agent"
	f.escalation == "personal"
}

test_non_personal_resource_fires_at_medium if {
	[f] := [x | some x in _findings(_role(["inbound_support"], {"resource": "queue", "actions": ["read"], "scope": "team"}))]
	f.message == `role "tier1-agent": grant on queue has scope team but its functions (inbound_support) need at most self`
	not f.escalation
}

test_widest_need_of_all_functions_passes if {
	count(_findings(_role(["inbound_support", "team_lead"], {"resource": "customer", "actions": ["read"], "scope": "team"}))) == 0
}

test_narrower_scope_passes if {
	count(_findings(_role(["inbound_support"], {"resource": "customer", "actions": ["read"], "scope": "self"}))) == 0
}

test_resource_no_function_needs_passes_to_lp003 if {
	count(_findings(_role(["team_lead"], {"resource": "queue", "actions": ["read"], "scope": "all"}))) == 0
}

# A wildcard grant is LP-007's, even where a function needs the wildcard at a lower scope.
test_wildcard_grant_passes_here if {
	functions := {"spec": {"functions": {"platform_ops": {"tier": "admin", "needs": [{"resource": "*", "actions": ["read"], "scope": "self"}]}}}}
	role := _role(["platform_ops"], {"resource": "*", "actions": ["read"], "scope": "all"})
	count({f | some f in excess_scope.findings with input as {"catalogs": [_catalog], "job_functions": [functions], "roles": [role]}}) == 0
}
