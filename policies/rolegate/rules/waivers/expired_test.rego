package rolegate.rules.waivers.expired_test

import rego.v1

import data.rolegate.rules.waivers.expired

_waiver(expires) := {
	"source": {"file": "waivers.yaml", "document": 0},
	"metadata": {"name": "tier1-backfill"},
	"spec": {
		"rule": "GOV-001", "target": "role:tier1-agent", "reason": "r", "ticket": "SEC-1",
		"approved_by": "ana.dpo", "expires": expires,
	},
}

_findings(expires, org) := {f | some f in expired.findings with input as {
	"context": {"now": "2026-11-28T10:00:00Z"},
	"waivers": [_waiver(expires)],
	"org_policies": org,
}}

test_expired_waiver_fires_at_expires if {
	[f] := [x | some x in _findings("2026-11-27", [])]
	f.message == `waiver "tier1-backfill": expired on 2026-11-27, so GOV-001 on role:tier1-agent applies again`
	f.path == ["spec", "expires"]
	f.subject == "waiver:tier1-backfill"
}

test_waiver_beyond_max_waiver_days_fires if {
	[f] := [x | some x in _findings("2027-02-27", [])]
	f.message == `waiver "tier1-backfill": expires 2027-02-27, 91 days from now, over the maximum of 90, so it is not in force`
}

test_org_policy_max_waiver_days_applies_and_fires if {
	count(_findings("2026-12-29", [{"spec": {"thresholds": {"max_waiver_days": 30}}}])) == 1
}

test_waiver_expiring_today_passes if {
	count(_findings("2026-11-28", [])) == 0
}

test_waiver_at_exactly_max_waiver_days_passes if {
	count(_findings("2027-02-26", [])) == 0
}

# An expiry the engines cannot count is over any maximum: the waiver is reported and not in
# force, never in force forever.
test_waiver_expiring_past_the_readable_dates_fires if {
	[f] := [x | some x in _findings("9999-12-31", [])]
	f.message == `waiver "tier1-backfill": expires 9999-12-31, a day that cannot be counted from today, so it is not in force`
	f.path == ["spec", "expires"]
}
