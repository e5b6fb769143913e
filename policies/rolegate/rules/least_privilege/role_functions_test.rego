package rolegate.rules.least_privilege.role_functions_test

import rego.v1

import data.rolegate.rules.least_privilege.role_functions

_functions := {"spec": {"functions": {"inbound_support": {"tier": "frontline", "needs": []}}}}

_role(spec) := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent"},
	"spec": object.union({"tier": "frontline", "grants": []}, spec),
}

_findings(role) := {f | some f in role_functions.findings with input as {"job_functions": [_functions], "roles": [role]}}

test_empty_functions_fire if {
	[f] := [x | some x in _findings(_role({"functions": []}))]
	f.message == `role "tier1-agent": names no job function, so no grant of it is justified`
	f.path == ["spec", "functions"]
	f.subject == "role:tier1-agent"
}

test_absent_functions_fire_at_spec if {
	[f] := [x | some x in _findings(_role({}))]
	f.path == ["spec"]
}

test_unknown_function_fires_at_the_id if {
	[f] := [x | some x in _findings(_role({"functions": ["inbound_support", "inbound_suport"]}))]
	f.message == `role "tier1-agent": function "inbound_suport" is not declared in any JobFunctions`
	f.path == ["spec", "functions", 1]
}

test_known_function_passes if {
	count(_findings(_role({"functions": ["inbound_support"]}))) == 0
}
