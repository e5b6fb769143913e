package rolegate.rules.separation_of_duties.refund_approval_test

import rego.v1

import data.rolegate.rules.separation_of_duties.refund_approval

_role(name, grants) := {"source": {"file": "role.yaml", "document": 0}, "metadata": {"name": name}, "spec": {"grants": grants}}

_billing(actions) := {"resource": "billing", "actions": actions, "scope": "team"}

_account(id, roles) := {"id": id, "person": "E100", "type": "individual", "workforce": "employee", "roles": roles}

_bindings(accounts) := {"source": {"file": "bindings.yaml", "document": 0}, "spec": {"accounts": accounts}}

_findings(roles, accounts) := {f | some f in refund_approval.findings with input as {"roles": roles, "bindings": [_bindings(accounts)]}}

test_role_refunding_and_approving_fires if {
	role := _role("billing-lead", [_billing(["read", "refund"]), {"resource": "case", "actions": ["read"], "scope": "team"}, _billing(["approve"])])
	[f] := [x | some x in _findings([role], [])]
	f.message == `role "billing-lead": can both refund and approve on billing`
	f.path == ["spec", "grants", 2, "actions", 0]
	f.subject == "role:billing-lead"
}

test_credit_and_refund_are_both_named if {
	role := _role("billing-lead", [_billing(["refund", "credit", "approve"])])
	{f.message | some f in _findings([role], [])} == {`role "billing-lead": can both credit and refund and approve on billing`}
}

test_person_holding_both_sides_fires_at_first_account if {
	roles := [_role("billing-backoffice", [_billing(["read", "refund"])]), _role("cs-supervisor", [_billing(["read", "approve"])])]
	[f] := [x | some x in _findings(roles, [_account("beatriz", ["billing-backoffice"]), _account("beatriz.lead", ["cs-supervisor"])])]
	f.message == `account "beatriz": person E100 can refund on billing (role billing-backoffice) and approve it (role cs-supervisor)`
	f.path == ["spec", "accounts", 0, "roles"]
	f.subject == "account:beatriz"
}

test_person_with_one_conflicting_role_fires_only_at_the_role if {
	roles := [_role("billing-lead", [_billing(["refund", "approve"])]), _role("agent", [_billing(["credit"])])]
	{f.subject | some f in _findings(roles, [_account("ana", ["billing-lead", "agent"])])} == {"role:billing-lead"}
}

test_sides_on_different_resources_pass if {
	roles := [_role("backoffice", [_billing(["refund"]), {"resource": "access_grant", "actions": ["approve"], "scope": "team"}])]
	count(_findings(roles, [_account("ana", ["backoffice"])])) == 0
}

test_different_people_pass if {
	roles := [_role("billing-backoffice", [_billing(["refund"])]), _role("cs-supervisor", [_billing(["approve"])])]
	accounts := [_account("beatriz", ["billing-backoffice"]), object.union(_account("camila", ["cs-supervisor"]), {"person": "E200"})]
	count(_findings(roles, accounts)) == 0
}

test_a_person_who_refunds_and_reads_in_another_role_passes if {
	roles := [_role("billing-agent", [_billing(["refund"])]), _role("billing-viewer", [_billing(["read"])])]
	count(_findings(roles, [_account("ana", ["billing-agent"]), _account("ana.view", ["billing-viewer"])])) == 0
}

test_a_person_who_approves_without_paying_out_passes if {
	roles := [_role("billing-approver", [_billing(["approve"])]), _role("billing-viewer", [_billing(["read"])])]
	count(_findings(roles, [_account("ana", ["billing-approver"]), _account("ana.view", ["billing-viewer"])])) == 0
}
