package rolegate.rules.data_minimisation.contact_visibility_test

import rego.v1

import data.rolegate.rules.data_minimisation.contact_visibility

_catalog := {"spec": {
	"classes": {
		"personal_name": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
	},
	"resources": {"customer": {"fields": {"name": "personal_name", "phone": "contact", "email": "contact"}}},
}}

_functions := {"spec": {"functions": {
	"inbound_support": {"tier": "frontline", "needs": [{
		"resource": "customer", "actions": ["read"], "scope": "assigned",
		"fields": {"name": "full", "phone": "masked", "email": "masked"},
	}]},
	"billing_support": {"tier": "backoffice", "needs": [{
		"resource": "customer", "actions": ["read"], "scope": "team",
		"fields": {"email": "full"},
	}]},
}}}

_role(functions, fields) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {
		"functions": functions,
		"grants": [{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": fields}],
	},
}

_findings(role) := {f | some f in contact_visibility.findings with input as {
	"catalogs": [_catalog],
	"job_functions": [_functions],
	"roles": [role],
}}

test_full_phone_fires_at_the_field if {
	[f] := [x | some x in _findings(_role(["inbound_support"], {"name": "full", "phone": "full", "email": "masked"}))]
	f.message == `role "tier1-agent": grant on customer.phone is full but its functions (inbound_support) need masked`
	f.path == ["spec", "grants", 0, "fields", "phone"]
	f.subject == "role:tier1-agent"
}

test_wildcard_fields_fire_at_the_wildcard if {
	paths := {f.path | some f in _findings(_role(["inbound_support"], {"*": "reveal_on_demand"}))}
	paths == {["spec", "grants", 0, "fields", "*"]}
}

test_class_default_fires_at_the_grant if {
	# No function needs customer: the class default (masked) is already too much.
	fs := _findings(_role([], {"name": "full"}))
	{f.path | some f in fs} == {["spec", "grants", 0]}
	{f.message | some f in fs} == {
		`role "tier1-agent": grant on customer.phone is masked but its functions (none) need none`,
		`role "tier1-agent": grant on customer.email is masked but its functions (none) need none`,
	}
}

test_widest_function_need_allows if {
	count(_findings(_role(["inbound_support", "billing_support"], {"phone": "masked", "email": "full"}))) == 0
}

test_within_need_passes if {
	count(_findings(_role(["inbound_support"], {"name": "full", "phone": "masked", "email": "none"}))) == 0
}
