package rolegate.rules.third_party.contractor_expiry_test

import rego.v1

import data.rolegate.rules.third_party.contractor_expiry

_contractor := {
	"id": "lucas.pereira",
	"type": "individual",
	"workforce": "contractor",
	"sponsor": "maria.souza",
	"contract": "ct-2026-017",
	"valid_from": "2026-09-01",
	"valid_until": "2027-01-31",
}

_findings(account) := {f | some f in contractor_expiry.findings with input as {
	"context": {"now": "2026-11-28T09:30:00Z"},
	"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": [account]}}],
}}

test_too_long_fires_at_valid_until if {
	[f] := [x | some x in _findings(object.union(_contractor, {"valid_until": "2027-09-01"}))]
	f.message == `account "lucas.pereira": contractor access runs 365 days (2026-09-01 to 2027-09-01), over the maximum of 180`
	f.path == ["spec", "accounts", 0, "valid_until"]
	f.subject == "account:lucas.pereira"
}

test_counted_from_now_without_valid_from if {
	account := object.remove(object.union(_contractor, {"valid_until": "2027-06-30"}), ["valid_from"])
	{f.message | some f in _findings(account)} == {`account "lucas.pereira": contractor access runs 214 days (2026-11-28 to 2027-06-30), over the maximum of 180`}
}

test_org_policy_threshold_applies if {
	fs := contractor_expiry.findings with input as {
		"context": {"now": "2026-11-28T00:00:00Z"},
		"org_policies": [{"spec": {"thresholds": {"contractor_max_access_days": 90}}}],
		"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": [_contractor]}}],
	}
	{f.path | some f in fs} == {["spec", "accounts", 0, "valid_until"]}
}

test_missing_fields_fire_once_each_at_the_account if {
	account := object.remove(_contractor, ["valid_until", "sponsor", "contract"])
	fs := _findings(account)
	{f.message | some f in fs} == {
		`account "lucas.pereira": contractor has no valid_until`,
		`account "lucas.pereira": contractor has no sponsor`,
		`account "lucas.pereira": contractor has no contract`,
	}
	{f.path | some f in fs} == {["spec", "accounts", 0]}
}

test_contractor_within_limits_passes if {
	count(_findings(_contractor)) == 0
}

test_employee_without_expiry_passes if {
	count(_findings({"id": "maria.souza", "type": "individual", "workforce": "employee"})) == 0
}

# Days the engines cannot count (past the nanosecond clock, or outside the dates the
# schema allows) make the account fire, never pass: on OPA a failing time builtin would
# otherwise have made the rule undefined.
test_valid_until_past_the_readable_dates_fires if {
	[f] := [x | some x in _findings(object.union(_contractor, {"valid_until": "2263-01-01"}))]
	f.message == `account "lucas.pereira": contractor access from 2026-09-01 to 2263-01-01 cannot be counted in days, so it is not shown to stay within the maximum of 180`
	f.path == ["spec", "accounts", 0, "valid_until"]
}

test_valid_from_before_the_readable_dates_fires if {
	count(_findings(object.union(_contractor, {"valid_from": "1600-01-01"}))) == 1
}

test_unreadable_now_fires_without_valid_from if {
	account := object.remove(_contractor, ["valid_from"])
	fs := contractor_expiry.findings with input as {
		"context": {"now": "2300-01-01T00:00:00Z"},
		"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": [account]}}],
	}
	count(fs) == 1
}

test_employee_with_long_access_passes if {
	count(_findings(object.union(_contractor, {"workforce": "employee", "valid_until": "2027-09-01"}))) == 0
}

test_an_empty_field_is_missing if {
	{f.message | some f in _findings(object.union(_contractor, {"sponsor": ""}))} == {`account "lucas.pereira": contractor has no sponsor`}
}

test_exactly_the_maximum_passes if {
	# 2027-02-28 is 180 days after 2026-09-01.
	count(_findings(object.union(_contractor, {"valid_until": "2027-02-28"}))) == 0
}
