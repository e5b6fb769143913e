package rolegate.rules.least_privilege.wildcard_grant_test

import rego.v1

import data.rolegate.rules.least_privilege.wildcard_grant

_role(grant) := {
	"source": {"file": "roles.yaml", "document": 0},
	"metadata": {"name": "tier1"},
	"spec": {"grants": [grant]},
}

_messages(role) := {f.message | some f in wildcard_grant.findings with input as {"roles": [role]}}

test_wildcard_resource_fires if {
	_messages(_role({"resource": "*", "actions": ["read"], "scope": "self"})) == {`role "tier1": grant 0 names every resource ("*")`}
}

test_wildcard_action_fires_at_the_action if {
	some f in wildcard_grant.findings with input as {"roles": [_role({"resource": "customer", "actions": ["read", "*"], "scope": "self"})]}
	f.path == ["spec", "grants", 0, "actions", 1]
	f.subject == "role:tier1"
}

test_wildcard_field_fires if {
	count(_messages(_role({"resource": "customer", "actions": ["read"], "scope": "self", "fields": {"*": "full"}}))) == 1
}

test_named_grant_passes if {
	count(_messages(_role({"resource": "customer", "actions": ["read"], "scope": "self", "fields": {"phone": "masked"}}))) == 0
}
