package rolegate.rules.break_glass.oversight_test

import rego.v1

import data.rolegate.rules.break_glass.oversight

_grant(resource, conditions) := {"resource": resource, "actions": ["read"], "scope": "all", "conditions": conditions}

_reason := {"require_reason": true}

_role(tier, grants, break_glass) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "crm-break-glass"},
	"spec": {"tier": tier, "grants": grants, "break_glass": break_glass},
}

_overseen := {"max_duration_minutes": 60, "alert_to": ["soc@example.com"], "post_use_review_hours": 24}

_findings(role) := {f | some f in oversight.findings with input as {"roles": [role]}}

test_grant_without_reason_fires if {
	role := _role("break_glass", [_grant("customer", _reason), _grant("case", {"require_reason": false})], _overseen)
	[f] := [x | some x in _findings(role)]
	f.message == `role "crm-break-glass": break-glass grant on case does not require a reason (conditions.require_reason)`
	f.path == ["spec", "grants", 1, "conditions", "require_reason"]
	f.subject == "role:crm-break-glass"
}

test_grant_without_conditions_fires_at_the_grant if {
	role := _role("break_glass", [{"resource": "case", "actions": ["read"], "scope": "all"}], _overseen)
	{f.path | some f in _findings(role)} == {["spec", "grants", 0]}
}

test_no_alert_and_no_review_fire if {
	role := _role("break_glass", [_grant("customer", _reason)], {"max_duration_minutes": 60, "alert_to": []})
	{[f.path, f.message] | some f in _findings(role)} == {
		[["spec", "break_glass", "alert_to"], `role "crm-break-glass": break-glass activation alerts nobody (break_glass.alert_to is missing or empty)`],
		[["spec", "break_glass"], `role "crm-break-glass": break-glass use has no post-use review (no break_glass.post_use_review_hours)`],
	}
}

test_overseen_break_glass_passes if {
	count(_findings(_role("break_glass", [_grant("customer", _reason), _grant("case", _reason)], _overseen))) == 0
}

test_other_tiers_pass if {
	count(_findings(_role("supervisor", [_grant("customer", {})], {}))) == 0
}
