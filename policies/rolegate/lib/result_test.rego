package rolegate.lib.result_test

import rego.v1

import data.rolegate.lib.result

_doc := {"source": {"file": "roles/a.yaml", "document": 2}, "metadata": {"name": "agent"}}

test_finding_has_the_shared_shape if {
	result.finding(_doc, ["spec"], "role:agent", "m") == {
		"file": "roles/a.yaml", "document": 2, "path": ["spec"], "subject": "role:agent", "message": "m",
	}
}

test_escalated_finding_names_its_condition if {
	result.escalated(_doc, ["spec"], "role:agent", "m", "sensitive").escalation == "sensitive"
}

test_subjects if {
	result.role_subject(_doc) == "role:agent"
	result.account_subject({"id": "ana.souza"}) == "account:ana.souza"
	result.system_subject({"metadata": {"name": "crm"}}) == "system:crm"
}
