package rolegate.rules.imports.unmapped_permission_test

import rego.v1

import data.rolegate.rules.imports.unmapped_permission

# An imported role whose every permission was mapped.
_good := {
	"source": {"file": "role.yaml", "document": 0},
	"metadata": {"name": "tier1-agent", "system": "zendesk"},
	"spec": {
		"tier": "frontline",
		"workforce": "employee",
		"grants": [{"resource": "case", "actions": ["read"], "scope": "assigned"}],
	},
}

_bad := object.union(_good, {"spec": {"unmapped": [
	{"vendor": "zendesk", "permission": "manage_slas"},
	{"vendor": "zendesk", "permission": "ticket_access=everything"},
]}})

_findings(document) := {f | some f in unmapped_permission.findings with input as {"roles": [document]}}

test_each_unmapped_permission_fires_at_its_entry if {
	paths := {f.path | some f in _findings(_bad)}
	paths == {["spec", "unmapped", 0], ["spec", "unmapped", 1]}
	every f in _findings(_bad) {
		f.subject == "role:tier1-agent"
	}
}

test_message_names_the_permission_and_the_fix if {
	some f in _findings(_bad)
	f.path == ["spec", "unmapped", 0]
	contains(f.message, `zendesk permission "manage_slas" is not mapped`)
	contains(f.message, "--mapping")
}

test_role_without_unmapped_passes if {
	count(_findings(_good)) == 0
}

test_empty_unmapped_list_passes if {
	count(_findings(object.union(_good, {"spec": {"unmapped": []}}))) == 0
}

test_quotes_and_backslashes_in_a_permission_are_escaped if {
	odd := object.union(_good, {"spec": {"unmapped": [{"vendor": "zendesk", "permission": `say "hi"\now`}]}})
	some f in _findings(odd)
	contains(f.message, `permission "say \"hi\"\\now" is not mapped`)
}

test_a_character_newer_than_unicode_15_is_printed_as_is if {
	newer := object.union(_good, {"spec": {"unmapped": [{"vendor": "zendesk", "permission": "\ud833\udc00"}]}})
	some f in _findings(newer)
	contains(f.message, "permission \"\ud833\udc00\" is not mapped")
}
