package rolegate.rules.export.report_share_test

import rego.v1

import data.rolegate.rules.export.report_share

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal", "phone": "contact"}},
		"case": {"fields": {"status": "ref"}},
	},
}}

_role(grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "cs-analyst"},
	"spec": {"tier": "backoffice", "workforce": "employee", "grants": [grant]},
}

_findings(grant) := {f | some f in report_share.findings with input as {"catalogs": [_catalog], "roles": [_role(grant)]}}

test_division_share_fires if {
	[f] := [x | some x in _findings({"resource": "customer", "actions": ["read", "share_report"], "scope": "division", "fields": {"phone": "none"}})]
	f.message == `role "cs-analyst": can share reports on customer at scope division with personal fields visible (name)`
	f.path == ["spec", "grants", 0, "actions", 1]
	f.subject == "role:cs-analyst"
}

test_all_share_fires if {
	count(_findings({"resource": "customer", "actions": ["share_report"], "scope": "all"})) == 1
}

test_team_share_passes if {
	count(_findings({"resource": "customer", "actions": ["read", "share_report"], "scope": "team"})) == 0
}

test_share_of_non_personal_data_passes if {
	count(_findings({"resource": "case", "actions": ["share_report"], "scope": "all"})) == 0
}

test_share_with_personal_fields_hidden_passes if {
	grant := {"resource": "customer", "actions": ["share_report"], "scope": "all", "fields": {"name": "none", "phone": "none"}}
	count(_findings(grant)) == 0
}

test_broad_read_without_share_passes if {
	count(_findings({"resource": "customer", "actions": ["read"], "scope": "all"})) == 0
}
