package rolegate.rules.governance.role_ownership_test

import rego.v1

import data.rolegate.rules.governance.role_ownership

_metadata := {
	"name": "tier1-agent",
	"system": "crm",
	"owner": "maria.souza",
	"approvers": ["joao.lima"],
	"change_ticket": "CHG-1042",
}

_role(metadata) := {"source": {"file": "role.yaml", "document": 0}, "metadata": metadata, "spec": {}}

_findings(metadata) := {f | some f in role_ownership.findings with input as {"roles": [_role(metadata)]}}

test_owner_as_only_approver_fires_at_approvers if {
	[f] := [x | some x in _findings(object.union(_metadata, {"approvers": ["maria.souza", "maria.souza"]}))]
	f.message == `role "tier1-agent": the only approver is the owner maria.souza`
	f.path == ["metadata", "approvers"]
	f.subject == "role:tier1-agent"
}

test_missing_fields_fire_once_each_at_metadata if {
	fs := _findings(object.remove(_metadata, ["owner", "approvers", "change_ticket"]))
	{f.message | some f in fs} == {
		`role "tier1-agent": metadata has no owner`,
		`role "tier1-agent": metadata has no approvers`,
		`role "tier1-agent": metadata has no change_ticket`,
	}
	{f.path | some f in fs} == {["metadata"]}
}

test_empty_approvers_fire_at_approvers if {
	{f.path | some f in _findings(object.union(_metadata, {"approvers": []}))} == {["metadata", "approvers"]}
}

test_independent_approver_passes if {
	count(_findings(object.union(_metadata, {"approvers": ["maria.souza", "joao.lima"]}))) == 0
}

test_empty_approvers_fire_once_as_empty if {
	{f.message | some f in _findings(object.union(_metadata, {"approvers": []}))} == {`role "tier1-agent": approvers is empty`}
}

test_owner_as_the_one_approver_fires if {
	[f] := [x | some x in _findings(object.union(_metadata, {"approvers": ["maria.souza"]}))]
	f.message == `role "tier1-agent": the only approver is the owner maria.souza`
}
