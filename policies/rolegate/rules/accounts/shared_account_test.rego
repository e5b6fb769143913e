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

_findings_with(org, accounts) := {f | some f in shared_account.findings with input as {
	"bindings": [_bindings(accounts)],
	"org_policies": [object.union({"source": {"file": "org.yaml", "document": 0}, "metadata": {"name": "org"}}, org)],
}}

# rolegate hands in each pattern as the engines evaluate it (`regexes`): \w as an ASCII
# class, which the embedded engine compiles three times over where its Unicode \w would
# overflow its size limit. The message names the pattern as written.
test_a_pattern_is_matched_as_evaluated_and_named_as_written if {
	org := {
		"spec": {"generic_account_patterns": [`^\w{2,3}shared\w*$`]},
		"regexes": {`^\w{2,3}shared\w*$`: `^[0-9A-Za-z_]{2,3}shared[0-9A-Za-z_]*$`},
	}
	[f] := [x | some x in _findings_with(org, [{"id": "absharedx", "type": "individual"}])]
	f.message == `account "absharedx": id matches generic account pattern ^\w{2,3}shared\w*$`
}

# A pattern neither engine compiles (Python-only lookahead) switches off neither the rule
# nor the other patterns, and is itself a finding at its line.
test_a_pattern_the_engine_cannot_compile_is_reported_and_the_others_still_match if {
	org := {"spec": {"generic_account_patterns": [`^x(?=y)`, `^agent[0-9]+$`]}}
	fs := _findings_with(org, [{"id": "agent07", "type": "individual"}])
	{[f.path, f.subject] | some f in fs} == {
		[["spec", "accounts", 0, "id"], "account:agent07"],
		[["spec", "generic_account_patterns", 0], "org_policy:org"],
	}
}

# Patterns that compile one by one but not as one alternation on one of the engines (the
# embedded engine refuses a group name used twice, OPA does not) are tried one by one.
test_patterns_that_cannot_be_joined_are_tried_one_by_one if {
	org := {"spec": {"generic_account_patterns": [`^(?P<n>temp)[0-9]+$`, `^(?P<n>agent)[0-9]+$`]}}
	fs := _findings_with(org, [{"id": "agent07", "type": "individual"}, {"id": "ana.lima", "type": "individual"}])
	{f.message | some f in fs} == {"account \"agent07\": id matches generic account pattern ^(?P<n>agent)[0-9]+$"}
}

# The pattern matched is the one in `regexes`, not the one written, on every engine: a
# mapping rolegate would never make shows it (the \w test above tells only where \w is
# wider than ASCII).
test_the_evaluated_pattern_is_the_one_matched if {
	org := {
		"spec": {"generic_account_patterns": [`^team-`]},
		"regexes": {`^team-`: `^shared-`},
	}
	fs := _findings_with(org, [{"id": "shared-1", "type": "individual"}, {"id": "team-1", "type": "individual"}])
	{f.message | some f in fs} == {"account \"shared-1\": id matches generic account pattern ^team-"}
}

# The same on OPA: \Q quotes to the end of a pattern, so wrapped in the alternation it
# quotes the closing parenthesis too (the embedded engine compiles no \Q at all).
test_a_quoted_pattern_that_cannot_be_joined_leaves_the_others_matching if {
	org := {"spec": {"generic_account_patterns": [`^\Qteam`, `^agent[0-9]+$`]}}
	fs := _findings_with(org, [{"id": "agent07", "type": "individual"}, {"id": "ana.lima", "type": "individual"}])
	{f.message | some f in fs; startswith(f.subject, "account:")} == {"account \"agent07\": id matches generic account pattern ^agent[0-9]+$"}
}
