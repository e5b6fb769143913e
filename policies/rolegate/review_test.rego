package rolegate.review_test

import rego.v1

import data.rolegate.review

_source(file) := {"file": file, "document": 0}

_catalog := {"spec": {
	"classes": {
		"internal": {"sensitivity": 1, "category": "internal", "default_visibility": "full"},
		"contact": {"sensitivity": 3, "category": "contact_point", "default_visibility": "masked"},
	},
	"resources": {"customer": {"fields": {"id": "internal", "phone": "contact"}}},
}}

_functions := {"spec": {"functions": {
	"inbound": {"tier": "frontline", "needs": [{"resource": "customer", "actions": ["read"], "scope": "assigned", "fields": {"phone": "masked"}}]},
	"outbound": {"tier": "frontline", "needs": [{"resource": "customer", "actions": ["read", "dial"], "scope": "team", "fields": {"phone": "masked"}}]},
}}}

_role(name, tier, functions, grants, outbound) := {
	"source": _source(sprintf("%s.yaml", [name])),
	"metadata": {"name": name, "system": "crm"},
	"spec": {
		"tier": tier, "workforce": "employee", "functions": functions, "grants": grants,
		"channels": {"outbound": outbound},
	},
}

_grant(actions, scope, phone) := {"resource": "customer", "actions": actions, "scope": scope, "fields": {"phone": phone}}

_agent := _role("agent", "frontline", ["inbound"], [_grant(["read"], "assigned", "masked")], ["phone"])

# Full phone numbers at every customer, and a dial action no function of it needs.
_leaky := _role("leaky", "frontline", ["inbound"], [
	_grant(["read"], "all", "full"),
	{"resource": "customer", "actions": ["dial"], "scope": "assigned"},
], ["whatsapp"])

_lead := _role("lead", "supervisor", ["inbound", "outbound"], [_grant(["read", "dial"], "team", "masked")], ["phone"])

_input(view) := {
	"catalogs": [_catalog],
	"job_functions": [_functions],
	"roles": [_agent, _leaky, _lead],
	"org_policies": [{"spec": {"approved_channels": ["phone"]}}],
	"bindings": [{"source": _source("accounts.yaml"), "spec": {"accounts": [
		{"id": "ana", "person": "p1", "type": "individual", "workforce": "employee", "roles": ["agent"]},
		{"id": "ana.lead", "person": "p1", "type": "individual", "workforce": "employee", "roles": ["lead"]},
		{"id": "c.bo", "person": "p2", "type": "individual", "workforce": "contractor", "roles": ["leaky"]},
		{"id": "desk01", "type": "shared", "workforce": "contractor", "roles": ["leaky"]},
	]}}],
	"review": view,
}

_who_can(action, target, field, visibility, scope) := {row.role: row | some row in report.roles} if {
	query := {"view": "who_can", "action": action, "resource": target, "field": field, "visibility": visibility, "scope": scope}
	report := review.report with input as _input(query)
}

test_no_review_no_report if {
	review.report == {} with input as object.remove(_input({}), ["review"])
}

test_who_can_read_phone_lists_every_role_that_shows_it if {
	rows := _who_can("read", "customer", "phone", "", "")
	object.keys(rows) == {"agent", "leaky", "lead"}
	rows.leaky.visibility == "full"
	rows.agent.visibility == "masked"
}

test_who_can_with_a_minimum_visibility_keeps_only_those_at_or_above_it if {
	rows := _who_can("read", "customer", "phone", "full", "")
	object.keys(rows) == {"leaky"}
	rows.leaky.scope == "all"
	[grant] := rows.leaky.grants
	grant.index == 0
	grant.path == ["spec", "grants", 0, "fields", "phone"]
	grant.visibility == "full"
}

test_who_can_lists_the_accounts_of_each_role_with_and_without_a_person if {
	rows := _who_can("read", "customer", "phone", "full", "")
	{[a.id, a.person, a.path] | some a in rows.leaky.accounts} == {
		["c.bo", "p2", ["spec", "accounts", 2]],
		["desk01", "", ["spec", "accounts", 3]],
	}
}

test_who_can_with_a_minimum_scope if {
	object.keys(_who_can("read", "customer", "", "", "team")) == {"leaky", "lead"}
}

test_who_can_an_action_only_some_grants_give if {
	rows := _who_can("dial", "customer", "", "", "")
	object.keys(rows) == {"leaky", "lead"}
	[grant] := rows.leaky.grants
	grant.index == 1
	grant.actions == ["dial"]
}

test_who_can_through_a_wildcard_resource if {
	wildcard := _role("admin", "admin", [], [{"resource": "*", "actions": ["read"], "scope": "all"}], [])
	query := {"view": "who_can", "action": "read", "resource": "customer", "field": "phone", "visibility": "", "scope": ""}
	rows := {row.role: row | some row in review.report.roles} with input as object.union(_input(query), {"roles": [wildcard]})
	rows.admin.visibility == "*"
	rows.admin.scope == "all"
}

_access(kind, name) := report if {
	report := review.report with input as _input({"view": "access", "kind": kind, "name": name})
}

test_access_of_a_person_merges_all_their_accounts if {
	report := _access("person", "p1")
	{role.role | some role in report.roles} == {"agent", "lead"}
	{a.id | some a in report.accounts} == {"ana", "ana.lead"}
	report.effective.customer.actions == ["dial", "read"]
	report.effective.customer.scope == "team"
	report.effective.customer.fields.phone == "masked"
}

test_access_of_a_role_marks_what_no_function_needs if {
	[role] := [r | some r in _access("role", "leaky").roles]
	[customer] := role.resources
	customer.scope == "all"
	customer.needed_scope == "assigned"
	customer.excess_scope
	{[f.field, f.visibility, f.needed, f.excess] | some f in customer.fields} == {
		["id", "full", "full", false],
		["phone", "full", "masked", true],
	}
	[read_grant, dial_grant] := customer.grants
	read_grant.functions == ["inbound"]
	read_grant.unneeded == []
	dial_grant.functions == []
	dial_grant.unneeded == ["dial"]
}

test_access_of_an_account_is_its_roles if {
	report := _access("account", "desk01")
	{role.role | some role in report.roles} == {"leaky"}
	[account] := [a | some a in report.accounts]
	account.person == ""
}

_all := report if {
	report := review.report with input as _input({"view": "all"})
}

test_all_lists_people_and_accounts_without_a_person if {
	people := {p.holder: p | some p in _all.people}
	object.keys(people) == {"p1", "p2", "account:desk01"}
	people.p1.roles == ["agent", "lead"]
	people.p1.access.customer.scope == "team"
	people.p2.access == {}
	people["account:desk01"].workforce == "contractor"
}

test_all_matrix_rows_are_ranks_with_what_is_needed if {
	rows := {row.role: row | some row in _all.roles}
	rows.leaky.resources.customer.fields.phone == [4, 2, true]
	rows.agent.resources.customer.fields.phone == [2, 2, false]
	rows.leaky.resources.customer.excess_scope
	rows.leaky.resources.customer.scope == 4
	rows.leaky.resources.customer.needed_scope == 1
	rows.leaky.resources.customer.unneeded == ["dial"]
	rows.leaky.reach == 4
	rows.leaky.accounts == 2
}

test_all_exposure_counts_holders_by_widest_visibility if {
	counts := {[e.by, e.group, e.visibility]: e.people |
		some e in _all.exposure
		e.category == "contact_point"
	}
	counts[["all", "", 4]] == 2
	counts[["all", "", 2]] == 1
	counts[["workforce", "contractor", 4]] == 2
	counts[["tier", "supervisor", 2]] == 1
	counts[["tier", "frontline", 2]] == 1
}

test_all_channels_count_holders_and_say_which_are_approved if {
	channels := {c.channel: [c.approved, c.people] | some c in _all.channels}
	channels == {"phone": [true, 1], "whatsapp": [false, 2]}
}

test_all_sensitive_categories_name_their_fields if {
	[category] := [c | some c in _all.categories]
	category == {"category": "contact_point", "sensitivity": 3, "fields": ["customer.phone"]}
}

_waiver(name, expires) := {
	"source": _source("waivers.yaml"), "metadata": {"name": name},
	"spec": {"rule": "DATA-001", "target": "role:leaky", "ticket": "T-1", "approved_by": "dpo", "expires": expires},
}

test_all_waivers_say_whether_in_force_and_expiring_soon if {
	repo := object.union(_input({"view": "all"}), {
		"context": {"now": "2026-11-28T00:00:00Z"},
		"waivers": [_waiver("soon", "2026-12-10"), _waiver("later", "2027-02-20"), _waiver("gone", "2026-11-01")],
	})
	report := review.report with input as repo
	{w.name: [w.in_force, w.expiring_soon, w.days_left] | some w in report.waivers} == {
		"soon": [true, true, 12],
		"later": [true, false, 84],
		"gone": [false, false, -27],
	}
}
