package rolegate.lib.fingerprint_test

import rego.v1

import data.rolegate.lib.fingerprint

_role(grants) := {
	"kind": "Role",
	"source": {"file": "roles/tier1.yaml", "document": 1},
	"metadata": {"name": "tier1-agent"},
	"spec": {"grants": grants},
}

_customer := {"resource": "customer", "actions": ["read", "*"]}

_case := {"resource": "case", "actions": ["read"]}

_finding(path, message) := {"file": "roles/tier1.yaml", "document": 1, "path": path, "subject": "role:tier1-agent", "message": message}

_key(grants, path, message) := key if {
	key := fingerprint.key("LP-001", _finding(path, message)) with input as {"roles": [_role(grants)]}
}

test_list_positions_become_the_identity_of_the_item if {
	_key([_customer], ["spec", "grants", 0, "actions", 1], "m") == concat("\n", [
		"LP-001", "role:tier1-agent", "Role/tier1-agent",
		"spec/grants/resource=customer/actions/value=*", "m",
	])
}

test_reordering_grants_keeps_the_key if {
	_key([_customer, _case], ["spec", "grants", 0, "actions", 1], "m") == _key([_case, _customer], ["spec", "grants", 1, "actions", 1], "m")
}

test_numbers_in_the_message_are_blanked if {
	_key([_customer], ["spec"], "review is 31 days old") == _key([_customer], ["spec"], "review is 32 days old")
}

test_finding_outside_the_input_keeps_its_file_and_path if {
	key := fingerprint.key("X-001", {"file": "gone.yaml", "document": 0, "path": ["a", 0], "subject": "", "message": "m"}) with input as {"roles": []}
	key == concat("\n", ["X-001", "", "gone.yaml", "a/0", "m"])
}
