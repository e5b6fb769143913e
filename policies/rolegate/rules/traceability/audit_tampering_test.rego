package rolegate.rules.traceability.audit_tampering_test

import rego.v1

import data.rolegate.rules.traceability.audit_tampering

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal"}},
		"audit_log": {"fields": {"event_id": "ref"}},
	},
}}

_role(grants) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "crm-admin"},
	"spec": {"tier": "admin", "workforce": "employee", "grants": grants},
}

_audit(actions) := {"resource": "audit_log", "actions": actions, "scope": "all"}

_read_customer := {"resource": "customer", "actions": ["read"], "scope": "team"}

_findings(grants) := {f | some f in audit_tampering.findings with input as {"catalogs": [_catalog], "roles": [_role(grants)]}}

test_delete_audit_with_customer_reads_fires if {
	[f] := [x | some x in _findings([_read_customer, _audit(["read", "delete_audit"])])]
	f.message == `role "crm-admin": can delete_audit on audit_log and also reads personal data (customer)`
	f.path == ["spec", "grants", 1, "actions", 1]
	f.subject == "role:crm-admin"
}

test_each_audit_action_fires if {
	count(_findings([_read_customer, _audit(["edit_audit", "delete_audit"])])) == 2
}

test_audit_admin_without_customer_reads_passes if {
	count(_findings([_audit(["read", "delete_audit"])])) == 0
}

test_customer_update_only_passes if {
	count(_findings([{"resource": "customer", "actions": ["update"], "scope": "team"}, _audit(["edit_audit"])])) == 0
}

test_hidden_customer_fields_pass if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "team", "fields": {"name": "none"}}
	count(_findings([grant, _audit(["delete_audit"])])) == 0
}

test_reader_without_audit_actions_passes if {
	count(_findings([_read_customer, _audit(["read"])])) == 0
}
