package rolegate.rules.data_minimisation.unclassified_data_test

import rego.v1

import data.rolegate.rules.data_minimisation.unclassified_data

_catalog := {"spec": {
	"classes": {"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"}},
	"resources": {
		"customer": {"fields": {"name": "personal", "loyalty_tier": "vip"}},
		"legacy_notes": {"fields": {}},
	},
}}

_role(tier, workforce, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": tier, "workforce": workforce, "grants": [grant]},
}

_findings(role) := {f | some f in unclassified_data.findings with input as {"catalogs": [_catalog], "roles": [role]}}

test_undeclared_class_fires_high_for_frontline if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"name": "full", "loyalty_tier": "full"}}
	[f] := [x | some x in _findings(_role("frontline", "employee", grant))]
	f.message == `role "tier1-agent": grant on customer reaches field loyalty_tier, whose class "vip" no DataCatalog declares`
	f.path == ["spec", "grants", 0, "fields", "loyalty_tier"]
	f.subject == "role:tier1-agent"
	f.escalation == "exposed"
}

test_unlisted_undeclared_field_fires_at_the_grant if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "team"}
	[f] := [x | some x in _findings(_role("backoffice", "employee", grant))]
	f.path == ["spec", "grants", 0]
	not f.escalation
}

test_empty_resource_fires_high_for_contractors if {
	grant := {"resource": "legacy_notes", "actions": ["read"], "scope": "team"}
	[f] := [x | some x in _findings(_role("backoffice", "contractor", grant))]
	f.message == `role "tier1-agent": grant on legacy_notes reaches a resource with no classified fields in the DataCatalog`
	f.path == ["spec", "grants", 0, "resource"]
	f.escalation == "exposed"
}

test_field_hidden_by_the_grant_passes if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"name": "full", "loyalty_tier": "none"}}
	count(_findings(_role("frontline", "employee", grant))) == 0
}

test_wildcard_none_passes if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"*": "none"}}
	count(_findings(_role("frontline", "employee", grant))) == 0
}

test_unknown_resource_passes_to_ref001 if {
	grant := {"resource": "nowhere", "actions": ["read"], "scope": "assigned"}
	count(_findings(_role("frontline", "employee", grant))) == 0
}
