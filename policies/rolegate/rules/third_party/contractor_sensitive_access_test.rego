package rolegate.rules.third_party.contractor_sensitive_access_test

import rego.v1

import data.rolegate.rules.third_party.contractor_sensitive_access

_catalog := {"spec": {
	"classes": {
		"personal": {"sensitivity": 2, "category": "personal", "default_visibility": "full"},
		"national_id": {"sensitivity": 3, "category": "national_id", "default_visibility": "compare"},
		"recording": {"sensitivity": 3, "category": "recording", "default_visibility": "none"},
		"ref": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
	},
	"resources": {
		"customer": {"fields": {"name": "personal", "cpf": "national_id"}},
		"interaction": {"fields": {"recording": "recording"}},
		"access_grant": {"fields": {"role": "ref"}},
	},
}}

_role(name, workforce, grants) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": name},
	"spec": {"tier": "frontline", "workforce": workforce, "grants": grants},
}

_narrow := {"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"cpf": "compare"}}

_findings(roles, accounts) := {f | some f in contractor_sensitive_access.findings with input as {
	"catalogs": [_catalog],
	"roles": roles,
	"bindings": [{"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": accounts}}],
}}

_contractor(roles) := {"id": "c.ana.lima", "person": "B1", "type": "individual", "workforce": "contractor", "roles": roles}

test_contractor_role_at_scope_all_fires if {
	role := _role("tier1-agent", "contractor", [{"resource": "customer", "actions": ["read"], "scope": "all", "fields": {"cpf": "compare"}}])
	[f] := [x | some x in _findings([role], [])]
	f.message == `role "tier1-agent": contractor role reaches customer at scope all with personal fields visible`
	f.path == ["spec", "grants", 0, "scope"]
	f.subject == "role:tier1-agent"
}

test_each_power_fires_at_its_node if {
	role := _role("tier1-agent", "contractor", [
		_narrow,
		{"resource": "customer", "actions": ["read", "export"], "scope": "assigned", "fields": {"cpf": "full"}},
		{"resource": "interaction", "actions": ["listen"], "scope": "assigned", "fields": {"recording": "full"}},
		{"resource": "access_grant", "actions": ["read", "grant_role", "edit_role"], "scope": "team"},
	])
	{[f.path, f.message] | some f in _findings([role], [])} == {
		[["spec", "grants", 1, "actions", 1], `role "tier1-agent": contractor role can export customer`],
		[["spec", "grants", 1, "fields", "cpf"], `role "tier1-agent": contractor role shows customer.cpf (national_id) in full`],
		[["spec", "grants", 2, "fields", "recording"], `role "tier1-agent": contractor role shows interaction.recording (recording) in full`],
		[["spec", "grants", 3, "actions", 1], `role "tier1-agent": contractor role can grant_role on access_grant`],
		[["spec", "grants", 3, "actions", 2], `role "tier1-agent": contractor role can edit_role on access_grant`],
	}
}

test_contractor_bound_to_powerful_employee_role_fires if {
	employee_role := _role("fraud-analyst", "employee", [
		{"resource": "customer", "actions": ["read"], "scope": "division", "fields": {"cpf": "full"}},
	])
	[f] := [x | some x in _findings([employee_role], [_contractor(["tier1-agent", "fraud-analyst"])])]
	f.message == `account "c.ana.lima": contractor is bound to employee role "fraud-analyst", which reaches customer at scope division with personal fields visible; shows customer.cpf (national_id) in full`
	f.path == ["spec", "accounts", 0, "roles", 1]
	f.subject == "account:c.ana.lima"
}

test_contractor_bound_to_contractor_role_reports_the_role_only if {
	role := _role("tier1-agent", "contractor", [{"resource": "customer", "actions": ["download"], "scope": "assigned"}])
	{f.subject | some f in _findings([role], [_contractor(["tier1-agent"])])} == {"role:tier1-agent"}
}

test_narrow_contractor_role_passes if {
	role := _role("tier1-agent", "contractor", [_narrow, {"resource": "interaction", "actions": ["read"], "scope": "assigned", "fields": {"recording": "reveal_on_demand"}}])
	count(_findings([role], [_contractor(["tier1-agent"])])) == 0
}

test_employee_bound_to_powerful_role_passes if {
	employee_role := _role("fraud-analyst", "employee", [{"resource": "customer", "actions": ["export"], "scope": "all"}])
	employee := {"id": "ana.lima", "person": "E1", "type": "individual", "workforce": "employee", "roles": ["fraud-analyst"]}
	count(_findings([employee_role], [employee])) == 0
}

test_contractor_bound_to_a_narrow_employee_role_passes if {
	count(_findings([_role("tier1-agent", "employee", [_narrow])], [_contractor(["tier1-agent"])])) == 0
}

test_contractor_bound_to_an_employee_role_with_one_power_fires if {
	employee_role := _role("exporter", "employee", [{"resource": "customer", "actions": ["export"], "scope": "assigned"}])
	[f] := [x | some x in _findings([employee_role], [_contractor(["exporter"])])]
	f.message == `account "c.ana.lima": contractor is bound to employee role "exporter", which can export customer`
}

test_each_category_shown_in_full_fires if {
	every category in ["national_id", "card_data", "card_security_code", "identity_secret", "recording", "transcript"] {
		catalog := json.patch(_catalog, [
			{"op": "add", "path": "/spec/classes/extra", "value": {"sensitivity": 3, "category": category, "default_visibility": "none"}},
			{"op": "add", "path": "/spec/resources/customer/fields/extra", "value": "extra"},
		])
		role := _role("tier1-agent", "contractor", [{"resource": "customer", "actions": ["read"], "scope": "self", "fields": {"extra": "full"}}])
		found := {f.message | some f in contractor_sensitive_access.findings with input as {"catalogs": [catalog], "roles": [role], "bindings": []}}
		found == {sprintf(`role "tier1-agent": contractor role shows customer.extra (%s) in full`, [category])}
	}
}
