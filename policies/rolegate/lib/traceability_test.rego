package rolegate.lib.traceability_test

import rego.v1

import data.rolegate.lib.traceability

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal", "phone": "contact"}},
		"ticket": {"fields": {"queue": "ref"}},
	},
}}

_input := {"catalogs": [_catalog]}

test_export_indexes_of_a_personal_grant if {
	grant := {"resource": "customer", "actions": ["read", "export", "download"], "scope": "assigned"}
	traceability.personal_export_indexes(grant) == {1, 2} with input as _input
}

test_export_of_hidden_fields_is_not_personal if {
	grant := {"resource": "customer", "actions": ["export"], "scope": "all", "fields": {"name": "none", "phone": "none"}}
	traceability.personal_export_indexes(grant) == set() with input as _input
}

test_export_of_non_personal_resource_is_not_personal if {
	grant := {"resource": "ticket", "actions": ["export"], "scope": "all"}
	traceability.personal_export_indexes(grant) == set() with input as _input
}

test_broad_personal_read_needs_a_read_at_division_or_more if {
	traceability.broad_personal_read({"resource": "customer", "actions": ["read"], "scope": "division"}) with input as _input
	not traceability.broad_personal_read({"resource": "customer", "actions": ["read"], "scope": "team"}) with input as _input
	not traceability.broad_personal_read({"resource": "customer", "actions": ["update"], "scope": "all"}) with input as _input
	not traceability.broad_personal_read({"resource": "ticket", "actions": ["read"], "scope": "all"}) with input as _input
}

test_revealed_fields if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "reveal_on_demand", "name": "full"}}
	traceability.revealed_fields(grant) == {"phone"} with input as _input
}
