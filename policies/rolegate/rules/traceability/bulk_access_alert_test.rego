package rolegate.rules.traceability.bulk_access_alert_test

import rego.v1

import data.rolegate.rules.traceability.bulk_access_alert

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal", "phone": "contact", "cpf": "contact"}},
		"case": {"fields": {"status": "ref"}},
	},
}}

_systems := [
	{"metadata": {"name": "crm"}, "spec": {"alerts": {"bulk_access_per_hour": 60, "notify": ["soc@example.com"]}}},
	{"metadata": {"name": "helpdesk"}, "spec": {"audit": {"read_events": true}}},
	{"metadata": {"name": "billing"}, "spec": {"alerts": {"bulk_access_per_hour": 60, "notify": []}}},
]

_role(system, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "fraud-analyst", "system": system},
	"spec": {"tier": "backoffice", "workforce": "employee", "grants": [{"resource": "case", "actions": ["read"], "scope": "all"}, grant]},
}

_findings(role) := {f | some f in bulk_access_alert.findings with input as {"catalogs": [_catalog], "systems": _systems, "roles": [role]}}

_wide := {"resource": "customer", "actions": ["read", "export"], "scope": "all", "fields": {"phone": "reveal_on_demand", "cpf": "reveal_on_demand"}}

test_broad_reveal_and_export_fire_once_at_the_grant if {
	[f] := [x | some x in _findings(_role("helpdesk", _wide))]
	f.message == `role "fraud-analyst": grant on customer gives broad personal-data access (reads at scope all; reveal_on_demand on cpf, phone; export) but system "helpdesk" has no bulk access alert (alerts.bulk_access_per_hour)`
	f.path == ["spec", "grants", 1]
	f.subject == "role:fraud-analyst"
}

test_reveal_at_assigned_scope_fires if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "reveal_on_demand"}}
	{f.message | some f in _findings(_role("billing", grant))} == {`role "fraud-analyst": grant on customer gives broad personal-data access (reveal_on_demand on phone) but system "billing" has a bulk access alert that notifies nobody`}
}

test_undeclared_system_fires if {
	grant := {"resource": "customer", "actions": ["download"], "scope": "assigned"}
	{f.message | some f in _findings(_role("warehouse", grant))} == {`role "fraud-analyst": grant on customer gives broad personal-data access (download) but system "warehouse" is not declared`}
}

test_alerting_system_passes if {
	count(_findings(_role("crm", _wide))) == 0
}

test_narrow_masked_read_passes if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "team", "fields": {"phone": "masked", "cpf": "full"}}
	count(_findings(_role("helpdesk", grant))) == 0
}
