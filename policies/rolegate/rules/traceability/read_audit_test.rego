package rolegate.rules.traceability.read_audit_test

import rego.v1

import data.rolegate.rules.traceability.read_audit

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"phone": "contact"}},
		"ticket": {"fields": {"queue": "ref"}},
	},
}}

_system(name, read_events) := {"metadata": {"name": name}, "spec": {"audit": {"read_events": read_events}}}

_role(system, grant, audit) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent", "system": system},
	"spec": {"grants": [grant], "audit": audit},
}

_read_customer := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked"}}

_findings(role) := {f | some f in read_audit.findings with input as {
	"catalogs": [_catalog],
	"systems": [_system("crm", true), _system("helpdesk", false)],
	"roles": [role],
}}

test_unaudited_system_fires_at_the_grant if {
	[f] := [x | some x in _findings(_role("helpdesk", _read_customer, {"read_events": true}))]
	f.message == `role "tier1-agent": grant reads personal data on customer (phone) but system "helpdesk" does not log read events`
	f.path == ["spec", "grants", 0]
	f.subject == "role:tier1-agent"
}

test_undeclared_system_fires if {
	{f.message | some f in _findings(_role("billing", _read_customer, {"read_events": true}))} == {`role "tier1-agent": grant reads personal data on customer (phone) but system "billing" is not declared`}
}

test_role_turning_read_events_off_fires if {
	[f] := [x | some x in _findings(_role("crm", _read_customer, {"read_events": false}))]
	f.message == `role "tier1-agent": audit.read_events is false`
	f.path == ["spec", "audit", "read_events"]
}

test_audited_system_passes if {
	count(_findings(_role("crm", _read_customer, {"read_events": true}))) == 0
}

test_non_personal_read_passes if {
	grant := {"resource": "ticket", "actions": ["read"], "scope": "team"}
	count(_findings(_role("helpdesk", grant, {"read_events": true}))) == 0
}

test_write_only_grant_passes if {
	grant := {"resource": "customer", "actions": ["update"], "scope": "assigned", "fields": {"phone": "masked"}}
	count(_findings(_role("helpdesk", grant, {"read_events": true}))) == 0
}
