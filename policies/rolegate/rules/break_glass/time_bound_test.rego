package rolegate.rules.break_glass.time_bound_test

import rego.v1

import data.rolegate.rules.break_glass.time_bound

_role(tier, break_glass) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "crm-break-glass"},
	"spec": {"tier": tier, "grants": [{"resource": "customer", "actions": ["read"], "scope": "all"}], "break_glass": break_glass},
}

_account(activation) := object.union(
	{"id": "bg.helena", "person": "E1", "type": "break_glass", "workforce": "employee", "roles": ["crm-break-glass"]},
	activation,
)

_findings(role, accounts) := {f | some f in time_bound.findings with input as {
	"roles": [role],
	"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": accounts}}],
	"org_policies": [{"spec": {"thresholds": {"break_glass_max_minutes": 240}}}],
}}

_jit := _account({"activation": "just_in_time"})

test_standing_break_glass_account_fires if {
	[f] := [x | some x in _findings(_role("break_glass", {"max_duration_minutes": 60}), [_account({"activation": "standing"})])]
	f.message == `account "bg.helena": holds break-glass role "crm-break-glass" with standing activation`
	f.path == ["spec", "accounts", 0, "activation"]
	f.subject == "account:bg.helena"
}

test_account_without_activation_fires_at_the_account if {
	[f] := [x | some x in _findings(_role("break_glass", {"max_duration_minutes": 60}), [_account({})])]
	f.message == `account "bg.helena": holds break-glass role "crm-break-glass" with no activation (standing)`
	f.path == ["spec", "accounts", 0]
}

test_missing_duration_fires if {
	[f] := [x | some x in _findings(_role("break_glass", {"alert_to": ["soc"]}), [_jit])]
	f.message == `role "crm-break-glass": break-glass role has no break_glass.max_duration_minutes`
	f.path == ["spec", "break_glass"]
	f.subject == "role:crm-break-glass"
}

test_duration_over_the_maximum_fires if {
	[f] := [x | some x in _findings(_role("break_glass", {"max_duration_minutes": 480}), [_jit])]
	f.message == `role "crm-break-glass": break-glass activation lasts up to 480 minutes, over the maximum of 240`
	f.path == ["spec", "break_glass", "max_duration_minutes"]
}

test_time_bound_just_in_time_passes if {
	count(_findings(_role("break_glass", {"max_duration_minutes": 240}), [_jit])) == 0
}

test_other_tiers_pass if {
	count(_findings(_role("admin", {}), [_account({"activation": "standing"})])) == 0
}

test_a_long_duration_on_a_role_of_another_tier_passes if {
	count(_findings(_role("admin", {"max_duration_minutes": 480}), [_jit])) == 0
}
