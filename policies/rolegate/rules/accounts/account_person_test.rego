package rolegate.rules.accounts.account_person_test

import rego.v1

import data.rolegate.rules.accounts.account_person

_bindings(accounts) := {"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": accounts}}

_findings(accounts) := {f | some f in account_person.findings with input as {"bindings": [_bindings(accounts)]}}

test_account_without_person_fires if {
	[f] := [x | some x in _findings([
		{"id": "ana.souza", "person": "E1", "type": "individual", "workforce": "employee", "roles": []},
		{"id": "night-desk", "type": "shared", "workforce": "employee", "roles": []},
	])]
	f.message == `account "night-desk": shared account has no person (identity key)`
	f.path == ["spec", "accounts", 1]
	f.subject == "account:night-desk"
}

test_service_account_without_person_fires if {
	{f.message | some f in _findings([{"id": "svc-ivr", "type": "service", "workforce": "employee", "roles": []}])} == {`account "svc-ivr": service account has no person (identity key)`}
}

test_accounts_with_person_pass if {
	count(_findings([
		{"id": "ana.souza", "person": "E1", "type": "individual", "workforce": "employee", "roles": []},
		{"id": "svc-ivr", "person": "E2", "type": "service", "workforce": "employee", "roles": []},
	])) == 0
}
