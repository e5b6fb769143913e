package rolegate.rules.export.bulk_export_test

import rego.v1

import data.rolegate.rules.export.bulk_export

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal", "phone": "contact"}},
		"ticket": {"fields": {"queue": "ref"}},
	},
}}

_role(tier, workforce, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": tier, "workforce": workforce, "grants": [grant]},
}

_export_customer := {"resource": "customer", "actions": ["read", "export"], "scope": "assigned"}

_findings(role) := {f | some f in bulk_export.findings with input as {"catalogs": [_catalog], "roles": [role]}}

test_frontline_export_fires if {
	[f] := [x | some x in _findings(_role("frontline", "employee", _export_customer))]
	f.message == `role "tier1-agent": frontline role can export customer with personal fields visible (name, phone)`
	f.path == ["spec", "grants", 0, "actions", 1]
	f.subject == "role:tier1-agent"
	not f.escalation
}

test_contractor_backoffice_download_fires_escalated if {
	grant := {"resource": "customer", "actions": ["download", "bulk_read"], "scope": "team", "fields": {"phone": "none"}}
	found := _findings(_role("backoffice", "contractor", grant))
	{[f.message, f.escalation] | some f in found} == {
		[`role "tier1-agent": contractor backoffice role can download customer with personal fields visible (name)`, "contractor"],
		[`role "tier1-agent": contractor backoffice role can bulk_read customer with personal fields visible (name)`, "contractor"],
	}
}

test_employee_backoffice_export_passes if {
	count(_findings(_role("backoffice", "employee", _export_customer))) == 0
}

test_frontline_export_of_hidden_fields_passes if {
	grant := {"resource": "customer", "actions": ["export"], "scope": "assigned", "fields": {"name": "none", "phone": "none"}}
	count(_findings(_role("frontline", "employee", grant))) == 0
}

test_frontline_export_of_non_personal_resource_passes if {
	grant := {"resource": "ticket", "actions": ["export"], "scope": "team"}
	count(_findings(_role("frontline", "contractor", grant))) == 0
}

test_frontline_read_only_passes if {
	grant := {"resource": "customer", "actions": ["read", "search_exact"], "scope": "assigned"}
	count(_findings(_role("frontline", "employee", grant))) == 0
}

test_contractor_frontline_export_fires_once_escalated if {
	[f] := [x | some x in _findings(_role("frontline", "contractor", _export_customer))]
	f.escalation == "contractor"
}
