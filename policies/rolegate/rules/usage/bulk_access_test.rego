package rolegate.rules.usage.bulk_access_test

import rego.v1

import data.rolegate.rules.usage.bulk_access

_input(rows) := {
	"context": {"now": "2026-11-28T00:00:00Z"},
	"org_policies": [], "roles": [],
	"systems": [{"source": {"file": "crm.yaml", "document": 0}, "metadata": {"name": "crm"}, "spec": {"alerts": {"bulk_access_per_hour": 60, "notify": ["soc"]}}}],
	"bindings": [{"source": {"file": "b.yaml", "document": 0}, "spec": {"accounts": [{"id": "ana", "roles": []}]}}],
	"usage": {"systems": [{"system": "crm", "observed": ["*"], "sources": ["l.csv"]}], "grants": [], "accounts": rows},
}

_row(account, hour, records) := {"account": account, "system": "crm", "first_use": hour, "last_use": hour, "events": records, "peak_hour": hour, "peak_records": records}

test_over_the_limit_fires_with_hour_and_count_at_the_account if {
	[f] := [x | some x in bulk_access.findings with input as _input([_row("ana", "2026-11-10T10:00:00Z", 212)])]
	f.path == ["spec", "accounts", 0]
	f.file == "b.yaml"
	f.message == `account "ana": opened 212 distinct records on crm in the hour from 2026-11-10T10:00:00Z, over the system's bulk_access_per_hour of 60`
}

test_unbound_account_fires_at_the_system if {
	[f] := [x | some x in bulk_access.findings with input as _input([_row("ghost", "2026-11-10T10:00:00Z", 61)])]
	f.file == "crm.yaml"
	f.subject == "account:ghost"
}

test_at_the_limit_passes if {
	count(bulk_access.findings) == 0 with input as _input([_row("ana", "2026-11-10T10:00:00Z", 60)])
}

test_peak_before_the_window_passes if {
	count(bulk_access.findings) == 0 with input as _input([_row("ana", "2026-03-10T10:00:00Z", 500)])
}

test_a_peak_at_the_start_of_the_window_fires if {
	# 2026-08-30T00:00:00Z is exactly 90 days before now.
	count(bulk_access.findings) == 1 with input as _input([_row("ana", "2026-08-30T00:00:00Z", 61)])
}
