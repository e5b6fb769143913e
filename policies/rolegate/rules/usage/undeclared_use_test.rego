package rolegate.rules.usage.undeclared_use_test

import rego.v1

import data.rolegate.rules.usage.undeclared_use

_catalog := {"spec": {
	"classes": {"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"}},
	"resources": {"customer": {"fields": {"phone": "contact"}}},
}}

_role := {"metadata": {"name": "agent", "system": "crm"}, "spec": {"grants": [{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked"}}]}}

_row(account, system, action, field, visibility) := {
	"account": account, "system": system, "resource": "customer", "action": action,
	"field": field, "visibility": visibility, "first_use": "2026-11-01T10:00:00Z",
	"last_use": "2026-11-02T10:00:00Z", "events": 2, "peak_hour": "", "peak_records": 0,
}

_seen(account, system) := {"account": account, "system": system, "first_use": "2026-11-01T10:00:00Z", "last_use": "2026-11-02T10:00:00Z", "events": 2, "peak_hour": "", "peak_records": 0}

_findings(rows, accounts) := found if {
	found := undeclared_use.findings with input as _input(rows, accounts)
}

_input(rows, accounts) := {
	"context": {"now": "2026-11-28T00:00:00Z"},
	"catalogs": [_catalog], "roles": [_role], "org_policies": [],
	"systems": [{"metadata": {"name": "crm"}, "spec": {}}],
	"bindings": [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": [{"id": "ana", "roles": ["agent"]}]}}],
	"usage": {"systems": [{"system": "crm", "observed": ["*"], "sources": ["logs/crm.csv"]}, {"system": "wms", "observed": ["*"], "sources": ["logs/wms.csv"]}], "grants": rows, "accounts": accounts},
}

test_ungranted_action_fires_at_the_account if {
	[f] := [x | some x in _findings([_row("ana", "crm", "export", "", "")], [])]
	f.path == ["spec", "accounts", 0]
	f.message == `account "ana": used export on customer on crm (2 events, last 2026-11-02T10:00:00Z) but none of its roles (agent) grants it`
}

test_field_seen_wider_than_granted_fires if {
	[f] := [x | some x in _findings([_row("ana", "crm", "read", "phone", "full")], [])]
	contains(f.message, "used read on customer.phone (full) on crm")
}

test_undeclared_account_and_system_fire_at_their_logs if {
	found := {[f.file, f.subject] | some f in _findings([], [_seen("ghost", "crm"), _seen("ana", "wms")])}
	found == {["logs/crm.csv", "account:ghost"], ["logs/wms.csv", "account:ana"]}
}

test_granted_use_passes if {
	count(_findings([_row("ana", "crm", "read", "phone", "masked"), _row("ana", "crm", "read", "", "")], [_seen("ana", "crm")])) == 0
}
