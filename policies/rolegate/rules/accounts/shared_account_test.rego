package rolegate.rules.accounts.shared_account_test

import rego.v1

import data.rolegate.rules.accounts.shared_account

_bindings(accounts) := {
	"source": {"file": "bindings.yaml", "document": 0},
	"spec": {"accounts": accounts},
}

_org := {"spec": {"generic_account_patterns": [`^team-.*$`, `^agent[0-9]+$`]}}

_findings(accounts) := {f | some f in shared_account.findings with input as {
	"bindings": [_bindings(accounts)],
	"org_policies": [_org],
}}

test_shared_type_fires_at_type if {
	[f] := [x | some x in _findings([
		{"id": "maria.souza", "type": "individual"},
		{"id": "night-desk", "type": "shared"},
	])]
	f.message == `account "night-desk": type is shared`
	f.path == ["spec", "accounts", 1, "type"]
	f.subject == "account:night-desk"
}

test_generic_id_fires_at_id if {
	[f] := [x | some x in _findings([{"id": "agent07", "type": "individual"}])]
	f.message == "account \"agent07\": id matches generic account pattern ^agent[0-9]+$"
	f.path == ["spec", "accounts", 0, "id"]
}

test_default_patterns_apply_without_org_policy if {
	fs := shared_account.findings with input as {"bindings": [_bindings([{"id": "atendente01", "type": "individual"}])]}
	{f.path | some f in fs} == {["spec", "accounts", 0, "id"]}
}

test_generic_service_account_passes if {
	count(_findings([{"id": "team-sync", "type": "service"}])) == 0
}

test_individual_account_passes if {
	count(_findings([{"id": "maria.souza", "type": "individual"}, {"id": "teamlead.ana", "type": "individual"}])) == 0
}

test_a_match_of_the_first_pattern_names_it if {
	[f] := [x | some x in _findings([{"id": "team-agent1", "type": "individual"}])]
	f.message == "account \"team-agent1\": id matches generic account pattern ^team-.*$"
}

test_no_patterns_match_no_id if {
	fs := shared_account.findings with input as {
		"bindings": [_bindings([{"id": "agent07", "type": "individual"}])],
		"org_policies": [{"spec": {"generic_account_patterns": []}}],
	}
	count(fs) == 0
}
