package rolegate.main_test

import rego.v1

import data.rolegate.lib.fingerprint
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

_waiver(rule, target, expires) := {
	"source": {"file": "w.yaml", "document": 0},
	"metadata": {"name": "w"},
	"spec": {
		"rule": rule, "target": target, "reason": "accepted", "ticket": "SEC-1",
		"approved_by": "ana.dpo", "expires": expires,
	},
}

_with_waivers(waivers) := object.union(_no_org, {"context": {"now": "2026-11-28T00:00:00Z"}, "waivers": waivers})

test_a_waiver_in_force_moves_its_finding_to_waived if {
	d := main.decision with data.rolegate.rule_index as _index
		with data.rolegate.rules.test.escalating.findings as _raw
		with input as _with_waivers([_waiver("T-002", "role:a", "2026-12-01")])
	{f.subject | some f in d.findings} == {"role:b"}
	[w] := [x | some x in d.waived]
	[w.finding.subject, w.finding.rule, w.waiver.name, w.waiver.expires] == ["role:a", "T-002", "w", "2026-12-01"]
}

test_an_expired_waiver_waives_nothing if {
	d := main.decision with data.rolegate.rule_index as _index
		with data.rolegate.rules.test.escalating.findings as _raw
		with input as _with_waivers([_waiver("T-002", "role:a", "2026-11-27")])
	count(d.findings) == 2
	count(d.waived) == 0
}

test_findings_the_base_has_are_pre_existing if {
	known := fingerprint.key("T-002", {"file": "r.yaml", "document": 0, "path": ["spec"], "subject": "role:a", "message": "plain"})
	d := main.decision with data.rolegate.rule_index as _index
		with data.rolegate.rules.test.escalating.findings as _raw
		with input as object.union(_no_org, {"base_fingerprints": [known]})
	{[f.subject, f.pre_existing] | some f in d.findings} == {["role:a", true], ["role:b", false]}
}
