package rolegate.rules.traceability.recording_retention_test

import rego.v1

import data.rolegate.rules.traceability.recording_retention

_system(spec) := {"source": {"file": "system.yaml", "document": 0}, "metadata": {"name": "contact-centre"}, "spec": spec}

_findings(spec, policies) := {f | some f in recording_retention.findings with input as {"systems": [_system(spec)], "org_policies": policies}}

test_short_retention_fires if {
	[f] := [x | some x in _findings({"recordings": {"retention_days": 30}}, [])]
	f.message == `system "contact-centre": recordings.retention_days is 30, below the minimum of 90`
	f.path == ["spec", "recordings", "retention_days"]
	f.subject == "system:contact-centre"
}

test_long_retention_fires if {
	{f.message | some f in _findings({"recordings": {"retention_days": 3650}}, [])} == {`system "contact-centre": recordings.retention_days is 3650, above the maximum of 1825`}
}

test_missing_retention_fires_at_recordings if {
	[f] := [x | some x in _findings({"recordings": {}}, [])]
	f.message == `system "contact-centre": recordings are kept but retention_days is not set (allowed 90 to 1825 days)`
	f.path == ["spec", "recordings"]
}

test_org_policy_range_applies_and_keeps_default_min if {
	policy := {"spec": {"thresholds": {"recording_retention_days": {"max": 365}}}}
	{f.message | some f in _findings({"recordings": {"retention_days": 400}}, [policy])} == {`system "contact-centre": recordings.retention_days is 400, above the maximum of 365`}
	{f.message | some f in _findings({"recordings": {"retention_days": 60}}, [policy])} == {`system "contact-centre": recordings.retention_days is 60, below the minimum of 90`}
}

test_retention_at_the_bounds_passes if {
	count(_findings({"recordings": {"retention_days": 90}}, [])) == 0
	count(_findings({"recordings": {"retention_days": 1825}}, [])) == 0
}

test_system_without_recordings_passes if {
	count(_findings({"audit": {"retention_days": 365}}, [])) == 0
}
