package rolegate.rules.channels.free_dial_test

import rego.v1

import data.rolegate.rules.channels.free_dial

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
	},
	"resources": {"customer": {"fields": {"name": "personal", "mobile_phone": "contact", "email": "contact"}}},
}}

_functions := {"spec": {"functions": {
	"inbound_support": {"tier": "frontline", "purpose": "ROPA-1", "needs": [], "channels": {"dial": "by_reference"}},
	"outbound_sales": {"tier": "frontline", "purpose": "ROPA-2", "needs": [], "channels": {"dial": "free"}},
	"back_office": {"tier": "backoffice", "purpose": "ROPA-3", "needs": []},
}}}

_role(functions, dial, fields) := _role_acting(functions, dial, fields, ["read", "dial"])

_role_acting(functions, dial, fields, actions) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {
		"tier": "frontline", "workforce": "employee", "functions": functions,
		"grants": [{"resource": "customer", "actions": actions, "scope": "assigned", "fields": fields}],
		"channels": {"outbound": ["phone"], "dial": dial},
	},
}

_findings(role) := {f | some f in free_dial.findings with input as {
	"catalogs": [_catalog],
	"job_functions": [_functions],
	"roles": [role],
}}

test_free_dial_fires if {
	[f] := [x | some x in _findings(_role(["inbound_support"], "free", {"mobile_phone": "masked"}))]
	f.message == `role "tier1-agent": dial is free but its functions (inbound_support) dial by reference`
	f.path == ["spec", "channels", "dial"]
	f.subject == "role:tier1-agent"
}

test_dial_with_full_phone_fires if {
	[f] := [x | some x in _findings(_role(["inbound_support", "back_office"], "by_reference", {"mobile_phone": "full", "email": "full"}))]
	f.message == `role "tier1-agent": grant on customer can dial with mobile_phone shown full but its functions (inbound_support) dial by reference`
	f.path == ["spec", "grants", 0, "fields", "mobile_phone"]
}

test_full_phone_through_wildcard_points_at_the_wildcard if {
	[f] := [x | some x in _findings(_role(["inbound_support"], "by_reference", {"*": "full"}))]
	f.path == ["spec", "grants", 0, "fields", "*"]
}

test_both_fire_together if {
	count(_findings(_role(["inbound_support"], "free", {"mobile_phone": "full"}))) == 2
}

test_function_that_dials_freely_passes if {
	count(_findings(_role(["inbound_support", "outbound_sales"], "free", {"mobile_phone": "full"}))) == 0
}

test_functions_without_dialling_pass if {
	count(_findings(_role(["back_office"], "free", {"mobile_phone": "full"}))) == 0
}

test_masked_phone_by_reference_passes if {
	count(_findings(_role(["inbound_support"], "by_reference", {"mobile_phone": "masked", "email": "full"}))) == 0
}

test_full_phone_without_dial_action_passes if {
	count(_findings(_role_acting(["inbound_support"], "by_reference", {"mobile_phone": "full"}, ["read"]))) == 0
}
