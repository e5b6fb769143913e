package rolegate.rules.governance.review_overdue_test

import rego.v1

import data.rolegate.rules.governance.review_overdue

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal"}},
		"case": {"fields": {"status": "ref"}},
	},
}}

_case_grant := {"resource": "case", "actions": ["read"], "scope": "team"}

_role(metadata, tier, workforce, grant) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": object.union({"name": "tier1-agent", "system": "crm"}, metadata),
	"spec": {"tier": tier, "workforce": workforce, "grants": [grant]},
}

_findings_with(role, bindings) := {f | some f in review_overdue.findings with input as {
	"context": {"now": "2026-11-28T00:00:00Z"},
	"catalogs": [_catalog],
	"roles": [role],
	"bindings": bindings,
}}

_findings(role) := _findings_with(role, [])

test_stale_standard_review_fires if {
	[f] := [x | some x in _findings(_role({"last_review": "2026-05-01"}, "frontline", "employee", _case_grant))]
	f.message == `role "tier1-agent": last_review 2026-05-01 is 211 days old, over the 180-day review interval (standard maximum)`
	f.path == ["metadata", "last_review"]
	f.subject == "role:tier1-agent"
	not f.escalation
}

test_missing_review_fires_at_metadata if {
	[f] := [x | some x in _findings(_role({}, "frontline", "employee", _case_grant))]
	f.message == `role "tier1-agent": metadata has no last_review (reviews are due every 180 days, standard maximum)`
	f.path == ["metadata"]
}

test_own_shorter_interval_fires if {
	role := _role({"last_review": "2026-08-01", "review_interval_days": 60}, "frontline", "employee", _case_grant)
	{f.message | some f in _findings(role)} == {`role "tier1-agent": last_review 2026-08-01 is 119 days old, over the 60-day review interval (the role's review_interval_days)`}
}

test_own_longer_interval_is_capped_fires if {
	role := _role({"last_review": "2026-05-01", "review_interval_days": 365}, "frontline", "employee", _case_grant)
	count(_findings(role)) == 1
}

test_contractor_role_fires_sensitive if {
	[f] := [x | some x in _findings(_role({"last_review": "2026-08-01"}, "frontline", "contractor", _case_grant))]
	f.message == `role "tier1-agent": last_review 2026-08-01 is 119 days old, over the 90-day review interval (contractor maximum)`
	f.escalation == "sensitive"
}

test_role_held_by_a_contractor_fires if {
	bindings := [{"spec": {"accounts": [{"id": "c.ana", "person": "B1", "type": "individual", "workforce": "contractor", "roles": ["tier1-agent"]}]}}]
	{f.message | some f in _findings_with(_role({"last_review": "2026-08-01"}, "frontline", "employee", _case_grant), bindings)} == {`role "tier1-agent": last_review 2026-08-01 is 119 days old, over the 90-day review interval (contractor maximum)`}
}

test_break_glass_is_strictest_fires if {
	role := _role({"last_review": "2026-10-01"}, "break_glass", "contractor", _case_grant)
	{[f.message, f.escalation] | some f in _findings(role)} == {[`role "tier1-agent": last_review 2026-10-01 is 58 days old, over the 30-day review interval (break_glass maximum)`, "sensitive"]}
}

test_role_administration_is_privileged_fires if {
	grant := {"resource": "case", "actions": ["grant_role"], "scope": "self"}
	{f.message | some f in _findings(_role({"last_review": "2026-08-01"}, "backoffice", "employee", grant))} == {`role "tier1-agent": last_review 2026-08-01 is 119 days old, over the 90-day review interval (privileged maximum)`}
}

test_team_personal_data_is_sensitive_fires if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "team"}
	[f] := [x | some x in _findings(_role({"last_review": "2026-05-01"}, "backoffice", "employee", grant))]
	f.escalation == "sensitive"
}

test_org_policy_interval_applies if {
	role := _role({"last_review": "2026-09-01"}, "frontline", "employee", _case_grant)
	policy := {"spec": {"thresholds": {"max_review_interval_days": {"standard": 60}}}}
	found := {f | some f in review_overdue.findings with input as {
		"context": {"now": "2026-11-28T00:00:00Z"},
		"catalogs": [_catalog], "roles": [role], "bindings": [], "org_policies": [policy],
	}}
	count(found) == 1
}

test_review_on_the_last_day_passes if {
	# 2026-06-01 is exactly 180 days before 2026-11-28.
	count(_findings(_role({"last_review": "2026-06-01"}, "frontline", "employee", _case_grant))) == 0
}

test_recent_review_passes if {
	count(_findings(_role({"last_review": "2026-10-14"}, "frontline", "contractor", _case_grant))) == 0
}

# A review day the engines cannot count (outside the dates the schema allows) is within no
# interval: the role fires instead of passing silently.
test_unreadable_review_day_fires if {
	role := _role({"last_review": "2263-01-01"}, "frontline", "employee", _case_grant)
	[f] := [x | some x in _findings(role)]
	f.message == `role "tier1-agent": last_review 2263-01-01 cannot be counted in days from today, so the 180-day review interval (standard maximum) is not shown to hold`
	f.path == ["metadata", "last_review"]
}

test_review_before_the_readable_dates_fires if {
	count(_findings(_role({"last_review": "1600-01-01"}, "frontline", "employee", _case_grant))) == 1
}

test_each_admin_tier_is_privileged_and_sensitive if {
	every tier in ["admin", "access_admin"] {
		[f] := [x | some x in _findings(_role({}, tier, "employee", _case_grant))]
		contains(f.message, "privileged maximum")
		f.escalation == "sensitive"
	}
}

test_break_glass_tier_alone_is_sensitive if {
	[f] := [x | some x in _findings(_role({}, "break_glass", "employee", _case_grant))]
	f.escalation == "sensitive"
}

test_own_interval_equal_to_the_policy_is_the_policy_maximum if {
	role := _role({"last_review": "2026-05-01", "review_interval_days": 180}, "frontline", "employee", _case_grant)
	[f] := [x | some x in _findings(role)]
	endswith(f.message, "over the 180-day review interval (standard maximum)")
}

test_personal_data_below_team_scope_is_not_sensitive if {
	grant := {"resource": "customer", "actions": ["read"], "scope": "assigned"}
	[f] := [x | some x in _findings(_role({}, "backoffice", "employee", grant))]
	not f.escalation
}

test_one_revealed_or_exported_personal_field_is_sensitive if {
	every grant in [
		{"resource": "customer", "actions": ["read"], "scope": "self", "fields": {"name": "reveal_on_demand"}},
		{"resource": "customer", "actions": ["export"], "scope": "self"},
	] {
		[f] := [x | some x in _findings(_role({}, "backoffice", "employee", grant))]
		f.escalation == "sensitive"
	}
}
