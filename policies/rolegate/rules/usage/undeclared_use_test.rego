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

_old(account, system) := object.union(_seen(account, system), {"first_use": "2025-01-01T10:00:00Z", "last_use": "2025-01-02T10:00:00Z"})

_agent(grants) := {"metadata": {"name": "agent", "system": "crm"}, "spec": {"grants": grants}}

_with_roles(roles, rows) := found if {
	found := undeclared_use.findings with input as object.union(_input(rows, []), {
		"roles": roles,
		"catalogs": [{"spec": {
			"classes": _catalog.spec.classes,
			"resources": {"customer": {"fields": {"phone": "contact"}}, "order": {"fields": {"phone": "contact"}}},
		}}],
	})
}

test_use_older_than_the_window_of_undeclared_accounts_and_systems_passes if {
	count(_findings([], [_old("ghost", "crm"), _old("ana", "wms")])) == 0
}

test_a_field_without_visibility_and_a_visibility_without_field_are_granted_by_the_action if {
	count(_findings([_row("ana", "crm", "read", "phone", ""), _row("ana", "crm", "read", "", "full")], [])) == 0
}

test_a_grant_on_another_system_does_not_grant_the_use if {
	[f] := [x | some x in _findings([_row("ana", "wms", "read", "phone", "masked")], [])]
	contains(f.message, "used read on customer.phone (masked) on wms")
}

test_a_field_shown_wider_by_another_action_or_resource_is_not_granted if {
	grants := [
		{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked"}},
		{"resource": "customer", "actions": ["update"], "scope": "assigned", "fields": {"phone": "full"}},
		{"resource": "order", "actions": ["read"], "scope": "assigned", "fields": {"phone": "full"}},
	]
	count(_with_roles([_agent(grants)], [_row("ana", "crm", "read", "phone", "full")])) == 1
}

test_a_wildcard_grant_grants_every_action if {
	grants := [{"resource": "customer", "actions": ["*"], "scope": "assigned", "fields": {"phone": "full"}}]
	count(_with_roles([_agent(grants)], [_row("ana", "crm", "delete", "", ""), _row("ana", "crm", "read", "phone", "full")])) == 0
}

test_the_message_names_a_field_only_when_the_log_does if {
	messages := {f.message | some f in _findings([_row("ana", "crm", "export", "", "full"), _row("ana", "crm", "delete", "phone", "")], [])}
	some with_field in messages
	contains(with_field, "used delete on customer.phone on crm")
	some without in messages
	contains(without, "used export on customer on crm")
}

test_an_account_bound_to_no_role_is_named_with_none if {
	found := undeclared_use.findings with input as object.union(_input([_row("ana", "crm", "read", "", "")], []), {
		"bindings": [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": [{"id": "ana", "roles": []}]}}],
	})
	[f] := [x | some x in found]
	endswith(f.message, "but none of its roles (none) grants it")
}
