package rolegate.rules.least_privilege.unjustified_grant_test

import rego.v1

import data.rolegate.rules.least_privilege.unjustified_grant

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
	},
	"resources": {
		"customer": {"fields": {"phone": "contact"}},
		"case": {"fields": {"description": "personal"}},
	},
}}

_functions := {"spec": {"functions": {
	"inbound_support": {"tier": "frontline", "needs": [
		{"resource": "customer", "actions": ["read"], "scope": "assigned"},
		{"resource": "case", "actions": ["read", "comment"], "scope": "assigned"},
	]},
	"billing_support": {"tier": "backoffice", "needs": [
		{"resource": "customer", "actions": ["update"], "scope": "team"},
	]},
}}}

_role(functions, grants) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": "frontline", "functions": functions, "grants": grants},
}

_findings(role) := {f | some f in unjustified_grant.findings with input as {
	"catalogs": [_catalog], "job_functions": [_functions], "roles": [role],
}}

test_unneeded_action_fires_at_the_action if {
	role := _role(["inbound_support"], [{"resource": "customer", "actions": ["read", "delete"], "scope": "assigned"}])
	[f] := [x | some x in _findings(role)]
	f.message == `role "tier1-agent": grant on customer allows delete, which none of its functions (inbound_support) needs`
	f.path == ["spec", "grants", 0, "actions", 1]
	f.subject == "role:tier1-agent"
	f.escalation == "sensitive"
}

test_unneeded_action_on_personal_data_fires_at_medium if {
	role := _role(["inbound_support"], [{"resource": "case", "actions": ["update"], "scope": "assigned"}])
	[f] := [x | some x in _findings(role)]
	f.path == ["spec", "grants", 0, "actions", 0]
	not f.escalation
}

test_role_without_known_function_fires_on_every_action if {
	role := _role(["nope"], [{"resource": "case", "actions": ["read", "comment"], "scope": "assigned"}])
	{f.message | some f in _findings(role)} == {
		`role "tier1-agent": grant on case allows read, which none of its functions (none) needs`,
		`role "tier1-agent": grant on case allows comment, which none of its functions (none) needs`,
	}
}

test_needed_actions_pass if {
	role := _role(["inbound_support"], [
		{"resource": "customer", "actions": ["read"], "scope": "assigned"},
		{"resource": "case", "actions": ["comment"], "scope": "assigned"},
	])
	count(_findings(role)) == 0
}

test_action_needed_by_another_function_of_the_role_passes if {
	role := _role(["inbound_support", "billing_support"], [{"resource": "customer", "actions": ["read", "update"], "scope": "assigned"}])
	count(_findings(role)) == 0
}

test_wildcards_pass_to_lp001 if {
	role := _role(["inbound_support"], [
		{"resource": "*", "actions": ["read"], "scope": "assigned"},
		{"resource": "case", "actions": ["*"], "scope": "assigned"},
	])
	count(_findings(role)) == 0
}
