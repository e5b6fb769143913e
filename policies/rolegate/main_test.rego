package rolegate.main_test

import rego.v1

import data.rolegate.main

# A stand-in rule index and rule package, so these tests do not depend on the library.
_index := [
	{"id": "T-002", "area": "test", "name": "escalating", "title": "Escalating", "severity": "medium", "subject": "role", "controls": ["C-2"], "escalations": {"sensitive": "high"}},
]

_raw := {
	{"file": "r.yaml", "document": 0, "path": ["spec"], "subject": "role:a", "message": "plain"},
	{"file": "r.yaml", "document": 0, "path": ["spec"], "subject": "role:b", "message": "raised", "escalation": "sensitive", "severity": "low", "rule": "FORGED"},
}

_input(org) := {"roles": [{"metadata": {"name": "a"}}, {"metadata": {"name": "b"}}, {"metadata": {"name": "c"}}], "org_policies": org, "systems": [], "catalogs": [], "job_functions": [], "bindings": [], "waivers": []}

_no_org := _input([])

_override := _input([{"spec": {"severity_overrides": {"T-002": "low"}}}])

_disabled := _input([{"spec": {"disabled_rules": ["T-002"]}}])

test_findings_are_stamped_from_metadata_and_cannot_forge_it if {
	d := main.decision with data.rolegate.rule_index as _index with data.rolegate.rules.test.escalating.findings as _raw with input as _no_org
	findings := {[f.rule, f.severity, f.message] | some f in d.findings}
	findings == {["T-002", "medium", "plain"], ["T-002", "high", "raised"]}
}

test_escalation_key_does_not_leak_into_findings if {
	d := main.decision with data.rolegate.rule_index as _index with data.rolegate.rules.test.escalating.findings as _raw with input as _no_org
	every f in d.findings {
		not "escalation" in object.keys(f)
	}
}

test_severity_override_wins_over_escalation if {
	d := main.decision with data.rolegate.rule_index as _index with data.rolegate.rules.test.escalating.findings as _raw with input as _override
	{f.severity | some f in d.findings} == {"low"}
}

test_disabled_rule_has_no_findings_and_is_listed_disabled if {
	d := main.decision with data.rolegate.rule_index as _index with data.rolegate.rules.test.escalating.findings as _raw with input as _disabled
	count(d.findings) == 0
	some r in d.rules
	r.id == "T-002"
	r.status == "disabled"
}

test_rule_counts_subjects_checked_passed_failed if {
	d := main.decision with data.rolegate.rule_index as _index with data.rolegate.rules.test.escalating.findings as _raw with input as _no_org
	some r in d.rules
	r.id == "T-002"
	[r.checked, r.failed, r.passed, r.findings] == [3, 2, 1, 2]
}

test_rule_without_findings_set_is_reported_undefined if {
	index := array.concat(_index, [{"id": "T-003", "area": "test", "name": "missing", "title": "M", "severity": "low", "subject": "role", "controls": ["C"], "escalations": {}}])
	d := main.decision with data.rolegate.rule_index as index
		with data.rolegate.rules.test.escalating.findings as _raw
		with input as _input([])
	d.undefined_rules == {"T-003"}
}
