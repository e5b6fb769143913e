package rolegate.rules.escalation.impersonation_test

import rego.v1

import data.rolegate.rules.escalation.impersonation

_system(name, read_events) := {"metadata": {"name": name}, "spec": {"audit": {"read_events": read_events}}}

_role(system, conditions, audit) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "support-admin", "system": system},
	"spec": {
		"grants": [
			{"resource": "case", "actions": ["read"], "scope": "team"},
			{"resource": "customer", "actions": ["read", "impersonate"], "scope": "assigned", "conditions": conditions},
		],
		"audit": audit,
	},
}

_safe := {"max_session_minutes": 30, "require_reason": true}

_findings(role) := {f | some f in impersonation.findings with input as {
	"systems": [_system("crm", true), _system("helpdesk", false)],
	"roles": [role],
}}

test_unbounded_impersonation_fires if {
	[f] := [x | some x in _findings(_role("crm", {"require_reason": true}, {"read_events": true}))]
	f.message == `role "support-admin": impersonate on customer without conditions.max_session_minutes`
	f.path == ["spec", "grants", 1, "actions", 1]
	f.subject == "role:support-admin"
}

test_every_gap_is_named_fires if {
	{f.message | some f in _findings(_role("helpdesk", {}, {}))} == {concat("", [
		`role "support-admin": impersonate on customer without conditions.max_session_minutes, `,
		`conditions.require_reason, audit.read_events in the role, read events logged by system "helpdesk"`,
	])}
}

test_reason_false_fires if {
	conditions := {"max_session_minutes": 30, "require_reason": false}
	{f.message | some f in _findings(_role("crm", conditions, {"read_events": true}))} == {`role "support-admin": impersonate on customer without conditions.require_reason`}
}

test_bounded_reasoned_audited_impersonation_passes if {
	count(_findings(_role("crm", _safe, {"read_events": true}))) == 0
}

test_role_without_impersonate_passes if {
	role := {
		"source": {"file": "role.yaml", "document": 0},
		"metadata": {"name": "tier1-agent", "system": "helpdesk"},
		"spec": {"grants": [{"resource": "customer", "actions": ["read"], "scope": "assigned"}]},
	}
	count(_findings(role)) == 0
}
