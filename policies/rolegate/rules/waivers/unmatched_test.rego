package rolegate.rules.waivers.unmatched_test

import rego.v1

import data.rolegate.rules.waivers.unmatched

_waiver(rule, target) := {
	"source": {"file": "waivers.yaml", "document": 0},
	"metadata": {"name": "w"},
	"spec": {
		"rule": rule, "target": target, "reason": "r", "ticket": "SEC-1",
		"approved_by": "ana.dpo", "expires": "2026-12-01",
	},
}

_index := {
	"GOV-001": {"id": "GOV-001", "area": "governance"},
	"LP-002": {"id": "LP-002", "area": "least_privilege"},
	"WVR-002": {"id": "WVR-002", "area": "waivers"},
}

_evaluated := [{"rule": "GOV-001", "subject": "role:tier1-agent", "message": "m"}]

_findings(waiver) := {f |
	some f in unmatched.findings with input as {"waivers": [waiver]}
		with data.rolegate.rule_index as _index
		with data.rolegate.evaluated_findings as _evaluated
}

test_waiver_without_a_matching_finding_fires_at_target if {
	[f] := [x | some x in _findings(_waiver("LP-002", "role:tier1-agent"))]
	f.message == `waiver "w": no LP-002 finding on role:tier1-agent to cover`
	f.path == ["spec", "target"]
	f.subject == "waiver:w"
}

test_waiver_for_another_subject_fires if {
	count(_findings(_waiver("GOV-001", "role:supervisor"))) == 1
}

test_unknown_rule_id_fires_and_says_so if {
	[f] := [x | some x in _findings(_waiver("GOV-010", "role:tier1-agent"))]
	f.message == `waiver "w": no GOV-010 finding on role:tier1-agent to cover (GOV-010 is not a rule)`
}

test_waiver_matching_a_finding_passes if {
	count(_findings(_waiver("GOV-001", "role:tier1-agent"))) == 0
}

test_waiver_on_a_waiver_rule_fires_and_says_why if {
	[f] := [x | some x in _findings(_waiver("WVR-002", "waiver:other"))]
	f.message == `waiver "w": no WVR-002 finding on waiver:other to cover (findings about waivers cannot be waived)`
}
