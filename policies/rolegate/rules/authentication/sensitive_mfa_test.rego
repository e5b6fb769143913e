package rolegate.rules.authentication.sensitive_mfa_test

import rego.v1

import data.rolegate.rules.authentication.sensitive_mfa

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "masked"},
		"card": {"sensitivity": 4, "category": "card_data", "default_visibility": "masked"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal"}},
		"payment_card": {"fields": {"pan": "card"}},
		"queue": {"fields": {"name": "ref"}},
	},
}}

_role(tier, workforce, grants, session) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "billing-backoffice"},
	"spec": {"tier": tier, "workforce": workforce, "grants": grants, "session": session},
}

_grant(resource, actions, scope, fields) := {"resource": resource, "actions": actions, "scope": scope, "fields": fields}

_assigned_name := _grant("customer", ["read"], "assigned", {"name": "full"})

_findings(role, accounts) := {f | some f in sensitive_mfa.findings with input as {
	"catalogs": [_catalog],
	"roles": [role],
	"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": accounts}}],
}}

test_team_personal_data_without_mfa_fires if {
	role := _role("backoffice", "employee", [_grant("customer", ["read"], "team", {"name": "full"})], {"mfa": false})
	[f] := [x | some x in _findings(role, [])]
	f.message == `role "billing-backoffice": session.mfa is not true but the role is sensitive (personal data at scope team)`
	f.path == ["spec", "session", "mfa"]
	f.subject == "role:billing-backoffice"
}

test_every_reason_is_named_and_missing_session_points_at_spec if {
	grants := [
		_grant("customer", ["read", "export"], "all", {"name": "reveal_on_demand"}),
		_grant("payment_card", ["read"], "assigned", {}),
	]
	role := {
		"source": {"file": "role.yaml", "document": 0},
		"metadata": {"name": "billing-backoffice"},
		"spec": {"tier": "admin", "workforce": "contractor", "grants": grants},
	}
	[f] := [x | some x in _findings(role, [])]
	f.path == ["spec"]
	f.message == concat("", [
		`role "billing-backoffice": session.mfa is not true but the role is sensitive (personal data at scope all, `,
		`reveal_on_demand fields, bulk extraction (export), tier admin, held by contractors, card data visible)`,
	])
}

test_bound_to_a_contractor_account_fires if {
	role := _role("frontline", "employee", [_assigned_name], {})
	accounts := [{"id": "c.ana", "workforce": "contractor", "roles": ["billing-backoffice"]}]
	{f.message | some f in _findings(role, accounts)} == {`role "billing-backoffice": session.mfa is not true but the role is sensitive (held by contractors)`}
}

test_sensitive_role_with_mfa_passes if {
	role := _role("access_admin", "contractor", [_grant("customer", ["read"], "all", {"name": "full"})], {"mfa": true})
	count(_findings(role, [])) == 0
}

test_assigned_masked_employee_role_passes if {
	role := _role("frontline", "employee", [_assigned_name, _grant("queue", ["read", "list"], "all", {})], {"mfa": false})
	count(_findings(role, [{"id": "ana", "workforce": "employee", "roles": ["billing-backoffice"]}])) == 0
}

test_hidden_card_data_passes if {
	role := _role("backoffice", "employee", [_grant("payment_card", ["read"], "assigned", {"pan": "none"})], {})
	count(_findings(role, [])) == 0
}

test_each_privileged_tier_is_sensitive if {
	every tier in ["admin", "access_admin", "break_glass"] {
		[f] := [x | some x in _findings(_role(tier, "employee", [_grant("queue", ["read"], "self", {})], {"mfa": false}), [])]
		endswith(f.message, sprintf("is sensitive (tier %s)", [tier]))
	}
}

test_a_visible_card_security_code_is_sensitive if {
	catalog := json.patch(_catalog, [
		{"op": "add", "path": "/spec/classes/cvv", "value": {"sensitivity": 4, "category": "card_security_code", "default_visibility": "masked"}},
		{"op": "add", "path": "/spec/resources/payment_card/fields/cvv", "value": "cvv"},
	])
	role := _role("backoffice", "employee", [_grant("payment_card", ["read"], "self", {"pan": "none", "cvv": "masked"})], {"mfa": false})
	[f] := [x | some x in sensitive_mfa.findings with input as {"catalogs": [catalog], "roles": [role], "bindings": []}]
	endswith(f.message, "is sensitive (card data visible)")
}
