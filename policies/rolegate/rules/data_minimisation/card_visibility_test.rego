package rolegate.rules.data_minimisation.card_visibility_test

import rego.v1

import data.rolegate.rules.data_minimisation.card_visibility

_catalog := {"spec": {
	"classes": {
		"card": {"sensitivity": 4, "category": "card_data", "default_visibility": "masked"},
		"cvv": {"sensitivity": 4, "category": "card_security_code", "default_visibility": "none"},
	},
	"resources": {"payment_card": {"fields": {"pan": "card", "cvv": "cvv"}}},
}}

_role(fields) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "billing-backoffice"},
	"spec": {"tier": "backoffice", "grants": [{"resource": "payment_card", "actions": ["read"], "scope": "team", "fields": fields}]},
}

_findings(role) := {f | some f in card_visibility.findings with input as {"catalogs": [_catalog], "roles": [role]}}

test_full_pan_fires if {
	[f] := [x | some x in _findings(_role({"pan": "full"}))]
	f.message == `role "billing-backoffice": grant on payment_card.pan shows card data full, more than masked`
	f.path == ["spec", "grants", 0, "fields", "pan"]
	f.subject == "role:billing-backoffice"
}

test_any_cvv_visibility_fires if {
	[f] := [x | some x in _findings(_role({"cvv": "compare"}))]
	f.message == `role "billing-backoffice": grant on payment_card.cvv shows a card security code (compare); it must be none`
	f.path == ["spec", "grants", 0, "fields", "cvv"]
}

test_wildcard_reveal_fires_for_both if {
	{f.message | some f in _findings(_role({"*": "reveal_on_demand"}))} == {
		`role "billing-backoffice": grant on payment_card.pan shows card data reveal_on_demand, more than masked`,
		`role "billing-backoffice": grant on payment_card.cvv shows a card security code (reveal_on_demand); it must be none`,
	}
}

test_masked_pan_and_hidden_cvv_pass if {
	count(_findings(_role({"pan": "masked", "cvv": "none"}))) == 0
}

test_class_defaults_pass if {
	count(_findings(_role({}))) == 0
}
