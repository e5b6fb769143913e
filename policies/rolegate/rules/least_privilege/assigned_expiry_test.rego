package rolegate.rules.least_privilege.assigned_expiry_test

import rego.v1

import data.rolegate.rules.least_privilege.assigned_expiry

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"location": {"sensitivity": 4, "category": "location", "default_visibility": "none"},
	},
	"resources": {
		"customer": {"fields": {"phone": "contact", "home_address": "contact"}},
		"usage": {"fields": {"cell_location": "location"}},
	},
}}

_role(grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "fraud-analyst"},
	"spec": {"tier": "backoffice", "grants": [grant]},
}

_findings(role) := {f | some f in assigned_expiry.findings with input as {"catalogs": [_catalog], "roles": [role]}}

_findings_with_limit(role, hours) := {f | some f in assigned_expiry.findings with input as {
	"catalogs": [_catalog], "roles": [role],
	"org_policies": [{"spec": {"thresholds": {"assigned_access_max_hours_after_close": hours}}}],
}}

test_address_without_expiry_fires if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"home_address": "masked"}}
	[f] := [x | some x in _findings(_role(grant))]
	f.message == `role "fraud-analyst": assigned grant on customer shows home_address with no conditions.expires_after_close_hours`
	f.path == ["spec", "grants", 0]
	f.subject == "role:fraud-analyst"
}

test_location_with_other_conditions_fires_at_conditions if {
	grant := {"resource": "usage", "actions": ["read"], "scope": "assigned", "fields": {"cell_location": "reveal_on_demand"}, "conditions": {"require_reason": true}}
	[f] := [x | some x in _findings(_role(grant))]
	f.path == ["spec", "grants", 0, "conditions"]
}

test_expiry_above_the_limit_fires if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "conditions": {"expires_after_close_hours": 96}}
	[f] := [x | some x in _findings(_role(grant))]
	f.message == `role "fraud-analyst": assigned grant on customer shows home_address for 96 hours after close, above the limit of 72`
	f.path == ["spec", "grants", 0, "conditions", "expires_after_close_hours"]
}

test_org_policy_limit_applies if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "conditions": {"expires_after_close_hours": 24}}
	count(_findings_with_limit(_role(grant), 12)) == 1
	count(_findings_with_limit(_role(grant), 24)) == 0
}

test_expiry_at_the_limit_passes if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "conditions": {"expires_after_close_hours": 72}}
	count(_findings(_role(grant))) == 0
}

test_hidden_address_passes if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"home_address": "none", "phone": "masked"}}
	count(_findings(_role(grant))) == 0
}

test_hidden_location_by_default_passes if {
	count(_findings(_role({"resource": "usage", "actions": ["read"], "scope": "assigned"}))) == 0
}

test_team_scope_passes if {
	count(_findings(_role({"resource": "customer", "actions": ["read"], "scope": "team"}))) == 0
}

test_an_address_that_is_no_contact_point_passes if {
	catalog := json.patch(_catalog, [
		{"op": "add", "path": "/spec/classes/ref", "value": {"sensitivity": 1, "category": "internal", "default_visibility": "full"}},
		{"op": "add", "path": "/spec/resources/customer/fields/ip_address", "value": "ref"},
	])
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "none", "home_address": "none", "ip_address": "full"}}
	count({f | some f in assigned_expiry.findings with input as {"catalogs": [catalog], "roles": [_role(grant)]}}) == 0
}
