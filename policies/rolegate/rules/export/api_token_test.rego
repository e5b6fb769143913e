package rolegate.rules.export.api_token_test

import rego.v1

import data.rolegate.rules.export.api_token

_role(tier, actions) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": {"tier": tier, "workforce": "employee", "grants": [
		{"resource": "case", "actions": ["read"], "scope": "assigned"},
		{"resource": "integration", "actions": actions, "scope": "self"},
	]},
}

_findings(role) := {f | some f in api_token.findings with input as {"roles": [role]}}

test_frontline_token_creation_fires if {
	[f] := [x | some x in _findings(_role("frontline", ["read", "create_api_token"]))]
	f.message == `role "tier1-agent": frontline role can create api tokens (grant on integration)`
	f.path == ["spec", "grants", 1, "actions", 1]
	f.subject == "role:tier1-agent"
}

test_admin_token_creation_passes if {
	count(_findings(_role("admin", ["read", "create_api_token"]))) == 0
}

test_frontline_without_token_creation_passes if {
	count(_findings(_role("frontline", ["read", "configure"]))) == 0
}
