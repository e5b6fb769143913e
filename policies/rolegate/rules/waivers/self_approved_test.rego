package rolegate.rules.waivers.self_approved_test

import rego.v1

import data.rolegate.rules.waivers.self_approved

_role := {"metadata": {"name": "tier1-agent", "owner": "maria.souza"}, "spec": {}}

_waiver(target, approver) := {
	"source": {"file": "waivers.yaml", "document": 0},
	"metadata": {"name": "w"},
	"spec": {
		"rule": "GOV-001", "target": target, "reason": "r", "ticket": "SEC-1",
		"approved_by": approver, "expires": "2026-12-01",
	},
}

_findings(waiver) := {f | some f in self_approved.findings with input as {"roles": [_role], "waivers": [waiver]}}

test_owner_approving_own_role_waiver_fires_at_approved_by if {
	[f] := [x | some x in _findings(_waiver("role:tier1-agent", "maria.souza"))]
	f.message == `waiver "w": approved by maria.souza, the owner of role tier1-agent it excuses`
	f.path == ["spec", "approved_by"]
	f.subject == "waiver:w"
}

test_independent_approver_passes if {
	count(_findings(_waiver("role:tier1-agent", "ana.dpo"))) == 0
}

test_owner_approving_a_waiver_on_another_kind_of_subject_passes if {
	count(_findings(_waiver("account:maria.souza", "maria.souza"))) == 0
}
