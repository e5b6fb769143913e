package rolegate.rules.change.weakened_controls_test

import rego.v1

import data.rolegate.rules.change.weakened_controls

_role(session, audit) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"grants": [], "session": session, "audit": audit},
}

_system(audit) := {"source": {"file": "system.yaml", "document": 0}, "metadata": {"name": "crm"}, "spec": {"audit": audit}}

_strong_role := _role({"mfa": true, "idle_timeout_minutes": 10}, {"read_events": true})

_strong_system := _system({"read_events": true, "change_events": true, "retention_days": 730})

_findings(role, system) := {f | some f in weakened_controls.findings with input as {
	"roles": [role],
	"systems": [system],
	"base": {"roles": [_strong_role], "systems": [_strong_system]},
}}

test_role_controls_turned_off_fire_at_each_setting if {
	fs := _findings(_role({"mfa": false}, {}), _strong_system)
	{[f.path, f.message] | some f in fs} == {
		[["spec", "session", "mfa"], `role "tier1-agent": session.mfa was true at the base and is now false`],
		[["spec", "audit"], `role "tier1-agent": audit.read_events was true at the base and is now unset`],
		[["spec", "session"], `role "tier1-agent": idle timeout raised from 10 minutes to none (sessions never lock)`],
	}
}

test_longer_idle_timeout_fires if {
	[f] := [x | some x in _findings(_role({"mfa": true, "idle_timeout_minutes": 30}, {"read_events": true}), _strong_system)]
	f.message == `role "tier1-agent": idle timeout raised from 10 minutes to 30`
	f.path == ["spec", "session", "idle_timeout_minutes"]
}

test_system_audit_weakened_fires if {
	fs := _findings(_strong_role, _system({"read_events": true, "change_events": false, "retention_days": 365}))
	{f.message | some f in fs} == {
		`system "crm": audit.change_events was true at the base and is now false`,
		`system "crm": audit.retention_days lowered from 730 to 365`,
	}
	{f.subject | some f in fs} == {"system:crm"}
}

test_unchanged_or_stronger_controls_pass if {
	count(_findings(_strong_role, _strong_system)) == 0
	count(_findings(_role({"mfa": true, "idle_timeout_minutes": 5}, {"read_events": true}), _system({"read_events": true, "change_events": true, "retention_days": 1095}))) == 0
}

_weak_role := _role({"mfa": false}, {})

_weak_system := _system({"change_events": false})

_findings_since(role, system, before_role, before_system) := {f | some f in weakened_controls.findings with input as {
	"roles": [role],
	"systems": [system],
	"base": {"roles": [before_role], "systems": [before_system]},
}}

test_controls_that_were_not_on_at_the_base_are_not_weakened if {
	count(_findings_since(_weak_role, _weak_system, _weak_role, _weak_system)) == 0
}

test_a_timeout_set_since_the_base_is_not_raised if {
	role := _role({"mfa": false, "idle_timeout_minutes": 30}, {})
	count(_findings_since(role, _weak_system, _weak_role, _weak_system)) == 0
}

test_a_system_audit_switch_removed_since_the_base_fires_as_unset if {
	fs := _findings_since(_weak_role, _system({}), _weak_role, _system({"read_events": true, "retention_days": 1}))
	{f.message | some f in fs} == {
		`system "crm": audit.read_events was true at the base and is now unset`,
		`system "crm": audit.retention_days lowered from 1 to 0`,
	}
}
