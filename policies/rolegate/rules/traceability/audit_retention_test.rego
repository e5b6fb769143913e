package rolegate.rules.traceability.audit_retention_test

import rego.v1

import data.rolegate.rules.traceability.audit_retention

_system(spec) := {"source": {"file": "system.yaml", "document": 0}, "metadata": {"name": "crm"}, "spec": spec}

_findings(spec, policies) := {f | some f in audit_retention.findings with input as {"systems": [_system(spec)], "org_policies": policies}}

_policy(days) := {"spec": {"thresholds": {"min_audit_retention_days": days}}}

test_short_retention_fires if {
	[f] := [x | some x in _findings({"audit": {"read_events": true, "retention_days": 90}}, [])]
	f.message == `system "crm": audit.retention_days is 90, below the minimum of 365`
	f.path == ["spec", "audit", "retention_days"]
	f.subject == "system:crm"
}

test_missing_retention_fires_at_audit if {
	[f] := [x | some x in _findings({"audit": {"read_events": true}}, [])]
	f.message == `system "crm": audit.retention_days is not set (counts as 0), below the minimum of 365`
	f.path == ["spec", "audit"]
}

test_missing_audit_fires_at_spec if {
	[f] := [x | some x in _findings({}, [])]
	f.path == ["spec"]
}

test_org_policy_minimum_applies if {
	{f.message | some f in _findings({"audit": {"retention_days": 400}}, [_policy(730)])} == {`system "crm": audit.retention_days is 400, below the minimum of 730`}
}

test_retention_at_the_minimum_passes if {
	count(_findings({"audit": {"retention_days": 365}}, [])) == 0
}

test_zero_minimum_passes_without_retention if {
	count(_findings({}, [_policy(0)])) == 0
}

test_a_minimum_of_one_day_fires_without_retention if {
	[f] := [x | some x in _findings({"audit": {"read_events": true}}, [_policy(1)])]
	f.message == `system "crm": audit.retention_days is not set (counts as 0), below the minimum of 1`
}
