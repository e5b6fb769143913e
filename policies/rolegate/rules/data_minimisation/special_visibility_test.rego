package rolegate.rules.data_minimisation.special_visibility_test

import rego.v1

import data.rolegate.rules.data_minimisation.special_visibility

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"location": {"sensitivity": 4, "category": "location", "default_visibility": "none"},
		"health": {"sensitivity": 4, "category": "personal", "default_visibility": "none"},
		"cdr": {"sensitivity": 3, "category": "call_detail", "default_visibility": "none"},
		"card": {"sensitivity": 4, "category": "card_data", "default_visibility": "masked"},
	},
	"resources": {
		"usage": {"fields": {"summary": "personal", "cell_location": "location", "call_records": "cdr"}},
		"customer": {"fields": {"disability": "health"}},
		"payment_card": {"fields": {"pan": "card"}},
	},
}}

_functions := {"spec": {"functions": {
	"inbound_support": {"tier": "frontline", "needs": [
		{"resource": "usage", "actions": ["read"], "scope": "assigned", "fields": {"summary": "full"}},
	]},
	"fraud_investigation": {"tier": "backoffice", "needs": [
		{"resource": "usage", "actions": ["read"], "scope": "assigned", "fields": {"cell_location": "reveal_on_demand"}},
	]},
}}}

_role(functions, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": "frontline", "functions": functions, "grants": [grant]},
}

_findings(role) := {f | some f in special_visibility.findings with input as {
	"catalogs": [_catalog], "job_functions": [_functions], "roles": [role],
}}

test_location_without_need_fires if {
	grant := {"resource": "usage", "actions": ["read"], "scope": "assigned", "fields": {"cell_location": "masked"}}
	[f] := [x | some x in _findings(_role(["inbound_support"], grant))]
	f.message == `role "tier1-agent": grant on usage.cell_location shows special data (masked) but its functions (inbound_support) need none`
	f.path == ["spec", "grants", 0, "fields", "cell_location"]
	f.subject == "role:tier1-agent"
}

test_special_category_at_lower_sensitivity_fires if {
	grant := {"resource": "usage", "actions": ["read"], "scope": "assigned", "fields": {"call_records": "compare"}}
	count(_findings(_role(["inbound_support"], grant))) == 1
}

test_sensitivity_four_of_another_category_fires if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"disability": "full"}}
	count(_findings(_role([], grant))) == 1
}

test_needed_location_passes if {
	grant := {"resource": "usage", "actions": ["read"], "scope": "assigned", "fields": {"cell_location": "full"}}
	count(_findings(_role(["fraud_investigation"], grant))) == 0
}

test_hidden_by_default_passes if {
	count(_findings(_role(["inbound_support"], {"resource": "usage", "actions": ["read"], "scope": "assigned"}))) == 0
}

test_card_data_passes_to_data003 if {
	grant := {"resource": "payment_card", "actions": ["read"], "scope": "team", "fields": {"pan": "full"}}
	count(_findings(_role([], grant))) == 0
}

test_ordinary_personal_data_without_need_passes_here if {
	grant := {"resource": "usage", "actions": ["read"], "scope": "assigned", "fields": {"summary": "full"}}
	count(_findings(_role([], grant))) == 0
}

_with_class(category, sensitivity) := json.patch(_catalog, [
	{"op": "add", "path": "/spec/classes/extra", "value": {"sensitivity": sensitivity, "category": category, "default_visibility": "none"}},
	{"op": "add", "path": "/spec/resources/customer/fields/extra", "value": "extra"},
])

_findings_in(catalog, grant) := {f | some f in special_visibility.findings with input as {
	"catalogs": [catalog], "job_functions": [_functions], "roles": [_role([], grant)],
}}

test_each_special_category_is_special_at_any_sensitivity if {
	every category in ["call_detail", "location", "sensitive"] {
		count(_findings_in(_with_class(category, 3), {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"extra": "masked"}})) == 1
	}
}

test_card_security_code_passes_to_data003 if {
	count(_findings_in(_with_class("card_security_code", 4), {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"extra": "full"}})) == 0
}
