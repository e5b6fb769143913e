package rolegate.rules.data_minimisation.reveal_safeguards_test

import rego.v1

import data.rolegate.rules.data_minimisation.reveal_safeguards

_catalog := {"spec": {
	"classes": {
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
		"secret": {"sensitivity": 3, "category": "identity_secret", "default_visibility": "reveal_on_demand"},
	},
	"resources": {
		"customer": {"fields": {"phone": "contact", "address": "contact"}},
		"identity_check": {"fields": {"pin": "secret"}},
	},
}}

_system(name, read_events) := {"metadata": {"name": name}, "spec": {"audit": {"read_events": read_events}}}

_safe := {"require_reason": true, "max_reveals_per_hour": 20}

_role(system, audit, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "fraud-analyst", "system": system},
	"spec": {"tier": "backoffice", "grants": [grant], "audit": audit},
}

_grant(fields, conditions) := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": fields, "conditions": conditions}

_findings(role) := {f | some f in reveal_safeguards.findings with input as {
	"catalogs": [_catalog],
	"systems": [_system("crm", true), _system("helpdesk", false)],
	"roles": [role],
}}

test_missing_reason_fires_at_the_condition if {
	grant := _grant({"phone": "reveal_on_demand", "address": "reveal_on_demand"}, {"require_reason": false, "max_reveals_per_hour": 20})
	[f] := [x | some x in _findings(_role("crm", {"read_events": true}, grant))]
	f.message == `role "fraud-analyst": grant on customer reveals address, phone on demand without conditions.require_reason`
	f.path == ["spec", "grants", 0, "conditions", "require_reason"]
	f.subject == "role:fraud-analyst"
}

test_missing_rate_limit_fires_at_conditions if {
	grant := _grant({"phone": "reveal_on_demand"}, {"require_reason": true})
	[f] := [x | some x in _findings(_role("crm", {"read_events": true}, grant))]
	f.message == `role "fraud-analyst": grant on customer reveals phone on demand without conditions.max_reveals_per_hour`
	f.path == ["spec", "grants", 0, "conditions"]
}

test_no_conditions_fire_twice_at_the_grant if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "reveal_on_demand"}}
	{f.path | some f in _findings(_role("crm", {"read_events": true}, grant))} == {["spec", "grants", 0]}
	count(_findings(_role("crm", {"read_events": true}, grant))) == 2
}

test_unlogged_reveals_fire if {
	grant := _grant({"phone": "reveal_on_demand"}, _safe)
	{f.message | some f in _findings(_role("helpdesk", {"read_events": true}, grant))} == {`role "fraud-analyst": grant on customer reveals phone on demand but reveals are not logged (system "helpdesk" does not log read events)`}
	{f.message | some f in _findings(_role("crm", {}, grant))} == {`role "fraud-analyst": grant on customer reveals phone on demand but reveals are not logged (the role does not set audit.read_events: true)`}
	{f.message | some f in _findings(_role("billing", {"read_events": true}, grant))} == {`role "fraud-analyst": grant on customer reveals phone on demand but reveals are not logged (system "billing" is not declared)`}
}

test_class_default_reveal_counts if {
	grant := {"resource": "identity_check", "actions": ["verify"], "scope": "assigned", "conditions": {"max_reveals_per_hour": 5}}
	{f.message | some f in _findings(_role("crm", {"read_events": true}, grant))} == {`role "fraud-analyst": grant on identity_check reveals pin on demand without conditions.require_reason`}
}

test_safeguarded_reveal_passes if {
	grant := _grant({"phone": "reveal_on_demand"}, _safe)
	count(_findings(_role("crm", {"read_events": true}, grant))) == 0
}

test_full_visibility_passes_to_other_rules if {
	grant := _grant({"phone": "full"}, {})
	count(_findings(_role("helpdesk", {}, grant))) == 0
}
