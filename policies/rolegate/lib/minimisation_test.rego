package rolegate.lib.minimisation_test

import rego.v1

import data.rolegate.lib.minimisation

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal", "phone": "contact"}},
		"queue": {"fields": {"queue_id": "ref"}},
		"legacy": {"fields": {}},
	},
}}

_functions := {"spec": {"functions": {
	"inbound_support": {"tier": "frontline", "needs": [
		{"resource": "customer", "actions": ["read", "dial"], "scope": "assigned"},
		{"resource": "queue", "actions": ["read"], "scope": "team"},
	]},
	"billing_support": {"tier": "backoffice", "needs": [
		{"resource": "customer", "actions": ["update"], "scope": "team"},
	]},
}}}

_input := {"catalogs": [_catalog], "job_functions": [_functions]}

_role(functions) := {"metadata": {"name": "r"}, "spec": {"functions": functions, "grants": []}}

test_known_functions_skip_unknown_ids if {
	minimisation.known_functions(_role(["inbound_support", "nope"])) == ["inbound_support"] with input as _input
	minimisation.function_list(_role(["nope"])) == "none" with input as _input
	minimisation.function_list(_role(["inbound_support", "billing_support"])) == "inbound_support, billing_support" with input as _input
}

test_needed_capabilities_union_all_functions if {
	caps := minimisation.needed_capabilities(_role(["inbound_support", "billing_support"])) with input as _input
	caps == {"customer:read", "customer:dial", "customer:update", "queue:read"}
}

test_needed_scope_ranks_are_the_widest_per_resource if {
	ranks := minimisation.needed_scope_ranks(_role(["inbound_support", "billing_support"])) with input as _input
	ranks == {"customer": 2, "queue": 2}
	minimisation.needed_scope_ranks(_role(["inbound_support"])) == {"customer": 1, "queue": 2} with input as _input
	minimisation.needed_scope_ranks(_role([])) == {} with input as _input
}

test_sensitivity_of_resources if {
	minimisation.max_sensitivity("customer") == 3 with input as _input
	minimisation.max_sensitivity("legacy") == -1 with input as _input
	minimisation.max_sensitivity("unknown") == -1 with input as _input
	minimisation.holds_personal("customer") with input as _input
	not minimisation.holds_personal("queue") with input as _input
}

test_condition_path_falls_back_to_the_closest_parent if {
	minimisation.condition_path(2, {"conditions": {"require_reason": false}}, "require_reason") == ["spec", "grants", 2, "conditions", "require_reason"]
	minimisation.condition_path(2, {"conditions": {"require_reason": true}}, "max_reveals_per_hour") == ["spec", "grants", 2, "conditions"]
	minimisation.condition_path(2, {"resource": "customer"}, "require_reason") == ["spec", "grants", 2]
}

test_grant_field_path if {
	grant := {"resource": "customer", "fields": {"*": "masked"}}
	minimisation.grant_field_path(0, grant, "phone") == ["spec", "grants", 0, "fields", "*"] with input as _input
	minimisation.grant_field_path(0, {"resource": "customer"}, "phone") == ["spec", "grants", 0] with input as _input
}
