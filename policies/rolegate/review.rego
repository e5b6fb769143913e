# METADATA
# title: Access review
# description: |
#   data.rolegate.review.report: who can see what, for people rather than for the gate.
#   Read off the same effective access the rules judge (lib.access per role, lib.people
#   per person across accounts), with what each role's job functions need beside it.
#   input.review names the view; without it the report is {} and costs nothing (every
#   rule below starts by asking for its view: the embedded engine works out every rule
#   of this package when rolegate.main reads `report`).
#     {"view": "who_can", "action", "resource", "field", "visibility", "scope"}
#       every role that can do the action on the resource ("" field: the resource as a
#       whole), at least at that visibility ("": more than none) and scope ("": any),
#       with the grants that give it and the accounts bound to the role;
#     {"view": "access", "kind": "role"|"account"|"person", "name"}
#       one subject's roles, accounts and effective access per resource and field, and
#       the job functions that justify each grant;
#     {"view": "all"}
#       every role's access, every person, and the exposure of sensitive data (the HTML
#       access review), in visibility and scope ranks.
package rolegate.review

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model

_view := object.get(input, ["review", "view"], "")

_q := input.review

report := {"view": "who_can", "query": _q, "roles": who_can} if {
	_view == "who_can"
} else := {
	"view": "access",
	"query": _q,
	"roles": subject_roles,
	"accounts": subject_accounts,
	"effective": subject_effective,
} if {
	_view == "access"
} else := {
	"view": "all",
	"roles": all_roles,
	"people": all_people,
	"exposure": exposure,
	"channels": channels,
	"categories": sensitive_categories,
	"waivers": waivers,
} if {
	_view == "all"
} else := {}

# --- who can do an action on a resource (or see a field of it) -----------------------------

# The capabilities that give the action on the resource: exact, or through a wildcard.
_wanted_capabilities := {sprintf("%s:%s", [resource, action]) |
	_view == "who_can"
	some resource in {_q.resource, "*"}
	some action in {_q.action, "*"}
}

_min_visibility := model.visibility_rank[_q.visibility] if {
	_q.visibility != ""
} else := 1

_min_scope := model.scope_rank[_q.scope] if {
	_q.scope != ""
} else := 0

who_can contains row if {
	_view == "who_can"
	some name, role in access.roles_by_name
	held := access.capabilities[name]
	some capability in _wanted_capabilities
	capability in held
	scope := _scope_on(name, _q.resource)
	scope >= _min_scope
	shown := _shown(name)
	row := object.union(_role_summary(role), {
		"scope": _scope_names[scope],
		"visibility": shown,
		"grants": _query_grants(role),
		"accounts": _role_accounts(name),
	})
}

# The widest scope the role has on the resource, a grant on "*" included.
_scope_on(name, resource) := max([rank |
	some on in {resource, "*"}
	rank := access.scope[name][on]
])

# The role's visibility of the queried field when it is at least the minimum; "" when
# the query names no field; "*" when only a grant on every resource ("*") reaches it,
# whose fields the catalog cannot say.
_shown(_) := "" if _q.field == ""

_shown(name) := model.visibility_name[rank] if {
	_q.field != ""
	rank := access.visibility[name][_q.resource][_q.field]
	rank >= _min_visibility
}

_shown(name) := "*" if {
	_q.field != ""
	not access.visibility[name][_q.resource][_q.field]
	access.scope[name]["*"]
}

# The grants of the role that give the action on the resource or show the field.
_query_grants(role) := [grant_row |
	some i, grant in role.spec.grants
	grant.resource in {_q.resource, "*"}
	actions := [action | some action in grant.actions; action in {_q.action, "*"}]
	shown := _grant_shows(grant)
	_gives(actions, shown)
	grant_row := {
		"index": i,
		"path": _grant_path(i, grant),
		"actions": actions,
		"scope": grant.scope,
		"visibility": shown,
	}
]

_grant_shows(_) := "" if _q.field == ""

_grant_shows(grant) := model.visibility(grant, _q.field) if {
	_q.field != ""
	grant.resource != "*"
} else := "*" if _q.field != ""

_gives(actions, _) if count(actions) > 0

_gives(_, shown) if shown == "*"

_gives(_, shown) if model.visibility_rank[shown] >= _min_visibility

_grant_path(i, grant) := data.rolegate.lib.minimisation.grant_field_path(i, grant, _q.field) if {
	_q.field != ""
	grant.resource != "*"
} else := ["spec", "grants", i]

# --- one subject's access ---------------------------------------------------------------------

_subject_role_names := names if {
	_view == "access"
	names := _roles_of_subject(_q.kind, _q.name)
}

_roles_of_subject("role", name) := {name}

_roles_of_subject("account", id) := {name |
	some entry in model.accounts
	entry.account.id == id
	some name in entry.account.roles
}

_roles_of_subject("person", person) := object.get(data.rolegate.lib.people.roles, person, set())

subject_roles contains _role_access(role) if {
	some name in _subject_role_names
	role := access.roles_by_name[name]
}

subject_accounts contains _account_row(entry) if {
	_view == "access"
	some entry in model.accounts
	_of_subject(_q.kind, _q.name, entry.account)
}

_of_subject("role", name, account) if name in account.roles

_of_subject("account", id, account) if account.id == id

_of_subject("person", person, account) if account.person == person

# What the subject's roles give together, per resource.
subject_effective := _merged({name | some name in _subject_role_names; access.roles_by_name[name]})

# --- the whole repo, for the HTML access review -----------------------------------------------

all_roles contains object.union(_role_summary(role), object.union(_profiles[_profile_key(role)], {
	"accounts": count(object.get(_accounts_of_role, name, [])),
})) if {
	_view == "all"
	some name, role in access.roles_by_name
}

# Roles cut from the same job function for other teams or sites repeat the same grants
# and functions, so a row of the matrix is worked out once per distinct pair.
_profile_key(role) := [role.spec.grants, object.get(role.spec, "functions", [])]

_profiles := {key: _profile(key[0], key[1]) |
	_view == "all"
	some key in {_profile_key(role) | some _, role in access.roles_by_name}
}

# One row of the role x resource.field matrix, in ranks: per resource the actions, those
# no function of the role needs, the scope, the scope they need (-1: none) and whether it
# is wider, and per field [visibility, visibility needed, whether it is more]; and the reach, the widest scope on any resource
# holding personal data (-1: none).
_profile(grants, functions) := {
	"reach": max(array.concat([-1], [rank |
		some resource, rank in held.scope
		object.get(model.resource_sensitivity, resource, -1) >= model.personal
	])),
	"resources": {resource: {
		"actions": sort([action | some action in actions[resource]]),
		"unneeded": sort([action |
			some action in actions[resource]
			not sprintf("%s:%s", [resource, action]) in needs.capabilities
		]),
		"scope": scope,
		"needed_scope": object.get(needs.scope, resource, -1),
		"excess_scope": scope > object.get(needs.scope, resource, -1),
		"fields": {field: [rank, needed, rank > needed] |
			some field, rank in object.get(held.visibility, resource, {})
			needed := object.get(needs.fields, [resource, field], 0)
		},
	} |
		some resource, scope in held.scope
	},
} if {
	held := access.of_grants(grants)
	needs := _needs[functions]
	actions := _actions_by_resource(held)
}

# The actions of a role's capabilities ("resource:action"), by resource.
_actions_by_resource(held) := {resource: {substring(capability, count(resource) + 1, -1) |
	some capability in held.capabilities
	startswith(capability, sprintf("%s:", [resource]))
} |
	some resource, _ in held.scope
}

# Each holder of access: a person with all their accounts (as lib.people groups them),
# or an account naming no person. (Grouped here as runs of sorted pairs: lib.people's
# grouping rule costs OPA 48 s at 50,000 accounts, this one a few.)
_holders := object.union(
	{person: [model.accounts[i] | some i in indices] | some [person, indices] in _runs(pairs)},
	{sprintf("account:%s", [entry.account.id]): [entry] |
		some entry in model.accounts
		not entry.account.person
	},
) if {
	_view == "all"
	pairs := [[entry.account.person, i] | some i, entry in model.accounts]
}

all_people contains {
	"holder": holder,
	"person": object.get(entries[0].account, "person", ""),
	"accounts": [_account_summary(entry) | some entry in entries],
	"roles": sort([name | some name in names]),
	"workforce": _workforce(entries),
	"access": _person_access(names),
} if {
	some holder, entries in _holders
	names := _held_roles(entries)
}

_held_roles(entries) := {name | some entry in entries; some name in entry.account.roles}

# A person's merged access is listed when they hold several roles; with one, it is that
# role's row.
_person_access(names) := _merged(names) if count(names) > 1 else := {}

_workforce(entries) := "contractor" if {
	some entry in entries
	entry.account.workforce == "contractor"
} else := "employee"

# --- exposure of sensitive data ---------------------------------------------------------------

# The categories of high-risk and special data (sensitivity 3 and up), with their fields.
sensitive_categories contains {"category": category, "sensitivity": sensitivity, "fields": fields} if {
	some category in _category_names
	sensitivity := max([class.sensitivity | some class in model.classes; class.category == category])
	fields := sort([sprintf("%s.%s", [resource, field]) |
		some resource, record in model.resources
		some field, class_name in record.fields
		model.classes[class_name].category == category
	])
}

_category_names := {class.category | _view == "all"; some class in model.classes; class.sensitivity >= 3}

# Holders grouped by the roles they hold (known roles only) and their workforce: people
# with the same roles see the same, so the exposure is worked out once per group. The
# key is "role,role|workforce" (role names hold no "," or "|"); the value, how many.
_group_sizes := {key: size | some [key, size] in _run_sizes(_holder_groups)}

_holder_groups := [[key, holder] |
	some holder, entries in _holders
	names := sort([name | some name in _held_roles(entries); access.roles_by_name[name]])
	key := sprintf("%s|%s", [concat(",", names), _workforce(entries)])
]

_group_of(key) := [{name | some name in split(parts[0], ","); name != ""}, parts[1]] if {
	parts := split(key, "|")
}

# exposure: how many holders can see each sensitive category at each visibility rank
# (their widest over all their roles and the category's fields; 0: not at all), in all,
# by tier (each tier they hold a role of) and by workforce.
exposure := [{"category": id[0], "by": id[1], "group": id[2], "visibility": id[3], "people": sum(sizes)} |
	some [id, sizes] in _runs(_exposure_parts)
]

# Groups whose roles show the same ranks, in the same tiers and workforce, add to the
# same counts: they are merged first (by a key of their ranks and dimensions), so that
# only distinct ones are spread over categories and dimensions.
_exposure_parts := [[[category, by, group, object.get(ranks, category, 0)], size] |
	some [_, [ranks, dimensions], size] in _exposure_profiles
	some [by, group] in dimensions
	some category in _category_names
]

_exposure_profiles := [[key, profiles[key], sum(sizes)] | some [key, sizes] in _runs(pairs)] if {
	keyed := [[sprintf("%v", [profile]), profile, size] |
		some key, size in _group_sizes
		[names, workforce] := _group_of(key)
		profile := [_category_ranks(names), sort([d | some d in _dimensions(names, workforce)])]
	]
	profiles := {key: profile | some [key, profile, _] in keyed}
	pairs := [[key, size] | some [key, _, size] in keyed]
}

_dimensions(names, workforce) := {["all", ""], ["workforce", workforce]} | {["tier", tier] |
	some name in names
	tier := access.roles_by_name[name].spec.tier
}

_category_ranks(names) := {category: max(ranks) |
	some category in _category_names
	ranks := [rank | some name in names; rank := _role_categories[name][category]]
	count(ranks) > 0
}

# _role_categories[role][category] is the widest visibility the role has on a field of
# the category, worked out once per distinct visibility object.
_role_categories := {name: _by_visibility[visibility] |
	_view == "all"
	some name, visibility in access.visibility
}

_by_visibility := {visibility: _categories_of(visibility) |
	_view == "all"
	some visibility in {v | some _, v in access.visibility}
}

_categories_of(visibility) := {category: max(ranks) |
	some category in _category_names
	ranks := [rank |
		some resource, fields in visibility
		some field, rank in fields
		model.classes[model.resources[resource].fields[field]].category == category
	]
	count(ranks) > 0
}

# channels: per outbound channel of any role, how many holders may contact customers on
# it, and whether the OrgPolicy approves it.
channels := [{"channel": channel, "approved": channel in model.org.approved_channels, "people": sum(sizes)} |
	some [channel, sizes] in _runs(_channel_parts)
]

_channel_parts := [[channel, size] |
	some key, size in _group_sizes
	[names, _] := _group_of(key)
	some channel in {c | some name in names; some c in object.get(access.roles_by_name[name].spec, ["channels", "outbound"], [])}
]

# --- grouping ------------------------------------------------------------------------------

# _runs(pairs) is, for each distinct key among [key, value] pairs, [key, [its values]]:
# groups as runs of the sorted pairs, O(n log n) on both engines. (A rule of the form
# `x[key] contains value` costs OPA more with every value it adds: the exposure of a
# 1,000-role repo took 23 s that way.)
_runs(pairs) := [[sorted[start][0], [pair[1] | some pair in array.slice(sorted, start, end)]] |
	some k, start in starts
	end := _run_end(starts, k, count(sorted))
] if {
	sorted := sort(pairs)
	starts := [i | some i, _ in sorted; _run_starts(sorted, i)]
}

# _run_sizes(pairs) is, for each distinct key among [key, value] pairs, [key, how many].
_run_sizes(pairs) := [[sorted[start][0], _run_end(starts, k, count(sorted)) - start] |
	some k, start in starts
] if {
	sorted := sort(pairs)
	starts := [i | some i, _ in sorted; _run_starts(sorted, i)]
}

_run_starts(_, i) if i == 0

_run_starts(sorted, i) if {
	i > 0
	sorted[i - 1][0] != sorted[i][0]
}

_run_end(starts, k, n) := starts[k + 1] if k + 1 < count(starts) else := n

# --- waivers -------------------------------------------------------------------------------

# Waivers expiring within this many days are "expiring soon".
soon_days := 30

# waivers: every Waiver, whether it is in force today (lib.waivers) and how many days it
# has left.
waivers contains {
	"name": waiver.metadata.name,
	"rule": waiver.spec.rule,
	"target": waiver.spec.target,
	"ticket": waiver.spec.ticket,
	"approved_by": waiver.spec.approved_by,
	"expires": waiver.spec.expires,
	"days_left": days_left,
	"in_force": waiver in data.rolegate.lib.waivers.in_force,
	"expiring_soon": _expiring_soon(waiver, days_left),
	"file": waiver.source.file,
} if {
	_view == "all"
	some waiver in input.waivers
	days_left := data.rolegate.lib.waivers.days_left(waiver)
}

_expiring_soon(waiver, days_left) := true if {
	waiver in data.rolegate.lib.waivers.in_force
	days_left <= soon_days
} else := false

# --- rows -------------------------------------------------------------------------------------

_scope_names := {rank: name | some name, rank in model.scope_rank}

_role_summary(role) := {
	"role": role.metadata.name,
	"file": role.source.file,
	"document": role.source.document,
	"tier": role.spec.tier,
	"workforce": role.spec.workforce,
	"system": object.get(role.metadata, "system", ""),
	"functions": object.get(role.spec, "functions", []),
}

_account_row(entry) := {
	"id": entry.account.id,
	"person": object.get(entry.account, "person", ""),
	"type": entry.account.type,
	"workforce": entry.account.workforce,
	"valid_until": object.get(entry.account, "valid_until", ""),
	"file": entry.doc.source.file,
	"document": entry.doc.source.document,
	"path": entry.path,
}

# An account in the full view: what the people table shows (50,000 of them at scale).
_account_summary(entry) := {
	"id": entry.account.id,
	"type": entry.account.type,
	"workforce": entry.account.workforce,
	"valid_until": object.get(entry.account, "valid_until", ""),
	"file": entry.doc.source.file,
}

# The accounts bound to each role, grouped in one pass over the accounts.
_role_accounts(name) := [_account_row(model.accounts[i]) | some i in object.get(_accounts_of_role, name, [])]

_accounts_of_role := {name: indices | some [name, indices] in _runs(pairs)} if {
	_view in {"who_can", "all"}
	pairs := [[name, i] | some i, entry in model.accounts; some name in entry.account.roles]
} else := {}

# The role's effective access per resource, what its functions need, and by grant the
# functions that justify it.
_role_access(role) := object.union(_role_summary(role), {"resources": [entry |
	some resource, scope in access.scope[role.metadata.name]
	entry := _resource_access(role, resource, scope)
]})

_resource_access(role, resource, scope) := {
	"resource": resource,
	"actions": sort([action | some action in _actions_on(role.metadata.name, resource)]),
	"scope": _scope_names[scope],
	"needed_scope": _needed_scope_name(needs, resource),
	"excess_scope": scope > object.get(needs.scope, resource, -1),
	"fields": [_field_access(resource, field, rank, needs) |
		some field, rank in object.get(access.visibility[role.metadata.name], resource, {})
	],
	"grants": [_justified(i, grant, needs) | some i, grant in role.spec.grants; grant.resource == resource],
} if {
	needs := _needs_of(object.get(role.spec, "functions", []))
}

_actions_on(name, resource) := {action |
	some capability in access.capabilities[name]
	startswith(capability, sprintf("%s:", [resource]))
	action := substring(capability, count(resource) + 1, -1)
}

_needed_scope_name(needs, resource) := _scope_names[needs.scope[resource]] if {
	needs.scope[resource]
} else := ""

_field_access(resource, field, rank, needs) := {
	"field": field,
	"class": model.resources[resource].fields[field],
	"sensitivity": model.field_class(resource, field).sensitivity,
	"visibility": model.visibility_name[rank],
	"needed": model.visibility_name[needed],
	"excess": rank > needed,
} if {
	needed := object.get(needs.fields, [resource, field], 0)
}

# A grant and the functions whose needs justify it: those that need some of its actions
# on its resource ([]: no function needs this). Actions none of them needs are listed apart.
_justified(i, grant, needs) := {
	"index": i,
	"path": ["spec", "grants", i],
	"actions": grant.actions,
	"scope": grant.scope,
	"functions": sort([id | some id in {fn |
		some fn, capabilities in needs.by_function
		some action in grant.actions
		sprintf("%s:%s", [grant.resource, action]) in capabilities
	}]),
	"unneeded": [action |
		some action in grant.actions
		not sprintf("%s:%s", [grant.resource, action]) in needs.capabilities
	],
}

# What each distinct list of job functions needs, worked out once.
_needs := {functions: _needs_of(functions) |
	_view == "all"
	some functions in {object.get(role.spec, "functions", []) | some _, role in access.roles_by_name}
}

# What a list of job functions needs: the scope and each field's visibility per resource,
# and the capabilities, in all and per function. (The minimisation helpers take a role
# and read only its functions.)
_needs_of(functions) := {
	"scope": data.rolegate.lib.minimisation.needed_scope_ranks(role),
	"capabilities": data.rolegate.lib.minimisation.needed_capabilities(role),
	"by_function": {id: data.rolegate.lib.minimisation.needed_capabilities({"spec": {"functions": [id]}}) |
		some id in data.rolegate.lib.minimisation.known_functions(role)
	},
	"fields": {resource: {field: model.needed_visibility_rank(role, resource, field) |
		some field, _ in model.resources[resource].fields
	} |
		some f in model.role_functions(role)
		some need in object.get(f, "needs", [])
		resource := need.resource
	},
} if {
	role := {"spec": {"functions": functions}}
}

# The union of several roles' effective access, per resource: the actions, the widest
# scope and each field's widest visibility (the union lib.access makes of one role's
# grants, made of the roles' effective access).
_merged(names) := {resource: {
	"actions": sort([action | some action in {a | some name in names; some a in _actions_on(name, resource)}]),
	"scope": _scope_names[max([rank | some name in names; rank := access.scope[name][resource]])],
	"fields": {field: model.visibility_name[max(ranks)] |
		some field in {f | some name in names; some f, _ in object.get(access.visibility[name], resource, {})}
		ranks := [rank | some name in names; rank := access.visibility[name][resource][field]]
	},
} |
	some resource in {r | some name in names; some r, _ in access.scope[name]}
}
