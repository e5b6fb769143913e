# METADATA
# title: Inventory model
# description: |
#   Views over the input that rules share: the merged data catalog and job functions,
#   the effective OrgPolicy, every account, and the ordered scales of scope and visibility.
#   Where a name is defined twice (reported by the validator) the first definition wins,
#   so evaluation never stops on a conflict.
package rolegate.lib.model

import rego.v1

import data.rolegate.lib.defaults

scope_rank := {"self": 0, "assigned": 1, "team": 2, "division": 3, "all": 4}

visibility_rank := {"none": 0, "compare": 1, "masked": 2, "reveal_on_demand": 3, "full": 4}

# visibility_name maps a visibility rank back to its name, for messages.
visibility_name := {rank: name | some name, rank in visibility_rank}

# Actions that read customer data, as opposed to changing it or administering access.
read_actions := {"read", "search_exact", "search_partial", "list", "export", "bulk_read", "download", "listen"}

# reads is true when a grant has at least one of the read actions.
reads(grant) if {
	some action in grant.actions
	action in read_actions
}

# Actions that copy data out in bulk.
export_actions := {"export", "bulk_read", "download"}

# Actions that change or remove the audit trail.
audit_tamper_actions := {"edit_audit", "delete_audit"}

# Actions that administer access itself.
role_admin_actions := {"grant_role", "edit_role"}

# Sensitivity at or above which a field is personal data.
personal := 2

# (Whole objects rather than one rule per key: the embedded engine looks a key up in an
# object several times faster than in a partial rule, and rules look these up per field.)
classes := {name: [c | some cat in input.catalogs; c := cat.spec.classes[name]][0] |
	some defining in input.catalogs
	some name, _ in defining.spec.classes
}

resources := {name: [r | some cat in input.catalogs; r := cat.spec.resources[name]][0] |
	some defining in input.catalogs
	some name, _ in defining.spec.resources
}

functions := {id: [f | some doc in input.job_functions; f := doc.spec.functions[id]][0] |
	some defining in input.job_functions
	some id, _ in defining.spec.functions
}

systems := {name: [s | some s in input.systems; s.metadata.name == name][0] |
	some sys in input.systems
	name := sys.metadata.name
}

# first_by_name maps each metadata.name among docs to the first document that has it
# (the validator reports the others), so a name defined twice never stops evaluation.
# Sorted [name, index] pairs find each name's first document without comparing every
# document with every other.
first_by_name(docs) := {pair[0]: docs[pair[1]] |
	some k, pair in pairs
	_first_of_its_name(pairs, k)
} if {
	pairs := sort([[doc.metadata.name, i] | some i, doc in docs])
}

_first_of_its_name(_, k) if k == 0

_first_of_its_name(pairs, k) if {
	k > 0
	pairs[k - 1][0] != pairs[k][0]
}

# grouped(pairs) maps each distinct key among [key, value] pairs to the list of its
# values (in sorted order). Sorting and cutting the sorted pairs into runs of one key is
# linear after the sort on both engines; a partial rule with a variable key
# (`g[key] contains value`) costs OPA time quadratic in the pairs, and the usual
# comprehension per key costs the embedded engine several times more.
grouped(pairs) := {sorted[start][0]: [pair[1] | some pair in array.slice(sorted, start, ends[k])] |
	some k, start in starts
} if {
	sorted := sort(pairs)

	# Where each run starts and ends, without a function call per pair or per run: a
	# call costs the embedded engine more than the comparison (twice the time in all).
	starts := array.concat([0], [i | some i, pair in sorted; i > 0; sorted[i - 1][0] != pair[0]])
	ends := array.concat(array.slice(starts, 1, count(starts)), [count(sorted)])
}

# org is the effective OrgPolicy: the repo's first OrgPolicy over the built-in defaults.
org := object.union(defaults.org_policy, input.org_policies[0].spec) if {
	count(input.org_policies) > 0
} else := defaults.org_policy

thresholds := org.thresholds

# The calendar days rolegate reads (checker/validate/dates.py; the schema holds every date
# in the YAML to them). The time builtins count nanoseconds since 1970 in 64 bits and fail
# outside 1677-09-21..2262-04-11, and on OPA a failing builtin makes its expression
# undefined, which a rule would read as "no finding". So the date helpers below are
# undefined, never an error, outside this range, and a rule that compares dates fires
# when a date it needs is undefined (`not within(...)`), never passes.
first_date := "1900-01-01"

last_date := "2199-12-31"

# readable_date holds for a date from first_date to last_date. (A string that is no
# YYYY-MM-DD date but sorts inside the range still fails to parse: an error, never a pass.)
readable_date(date) if {
	date >= first_date
	date <= last_date
}

# now_ns is the evaluation time (input.context.now) in nanoseconds since the epoch.
now_ns := time.parse_rfc3339_ns(input.context.now) if readable_date(substring(input.context.now, 0, 10))

# date_ns is a YYYY-MM-DD date (midnight UTC) in nanoseconds since the epoch; undefined
# for a date that readable_date refuses. (Its test is written out here: rules ask for
# every account's dates, and a call costs the embedded engine more than the test.)
date_ns(date) := time.parse_rfc3339_ns(sprintf("%sT00:00:00Z", [date])) if {
	date >= first_date
	date <= last_date
}

# day_ns is one day in nanoseconds.
day_ns := ((24 * 60) * 60) * 1000000000

# accounts lists every binding with the document and path it came from, in input order.
# `doc` holds only the document's `source` (all result.finding needs): an entry that
# carried the whole bindings document would make every entry as large as the repo. (An
# array: the entries are distinct anyway, and a set of 50,000 of them costs the embedded
# engine over a second of comparisons to build.)
accounts := [{"account": account, "doc": source, "path": ["spec", "accounts", i]} |
	some doc in input.bindings
	source := object.filter(doc, ["source"])
	some i, account in doc.spec.accounts
]

# field_class is the class record of a resource's field, undefined for unknown fields.
field_class(resource, field) := classes[resources[resource].fields[field]]

# resource_sensitivity[resource] is the highest sensitivity among the resource's
# classified fields (-1 when it has none): rules ask it for every grant, so it is worked
# out once per resource.
resource_sensitivity := {name: max(array.concat([-1], [class.sensitivity |
	some class_name in object.get(resource, "fields", {})
	class := classes[class_name]
])) |
	some name, resource in resources
}

# visibility is what a grant (or a function's need) shows of a field: what it lists
# for the field, else what it lists for "*", else the class's default visibility.
# (One function with `else`, so an engine stops at the first answer that holds.)
visibility(grant, field) := shown if {
	shown := grant.fields[field]
} else := shown if {
	shown := grant.fields["*"]
} else := field_class(grant.resource, field).default_visibility

# field_path is the path, relative to the grant, of the entry that sets a field's
# visibility: the field itself, else "*", else [] (the class default applies).
field_path(grant, field) := ["fields", field] if {
	grant.fields[field]
} else := ["fields", "*"] if {
	grant.fields["*"]
} else := []

# field_ranks maps each field of a grant's resource to the rank of what the grant shows
# of it (fields of an undeclared class are left out; the validator reports them).
field_ranks(grant) := found if {
	found := _views[grant].ranks
} else := _view(grant).ranks

# visible_fields are the fields of a grant's resource it shows at more than none.
visible_fields(grant) := found if {
	found := _views[grant].visible
} else := _view(grant).visible

# fields_at are the fields a grant shows at exactly the named visibility.
fields_at(grant, name) := {field |
	some field, rank in field_ranks(grant)
	rank == visibility_rank[name]
}

# personal_fields are the visible fields of a grant at or above personal sensitivity.
personal_fields(grant) := found if {
	found := _views[grant].personal
} else := _view(grant).personal

# category_fields are the visible fields of a grant whose class has one of the categories.
category_fields(grant, categories) := {field |
	some field, category in _categories(grant)
	category in categories
}

_categories(grant) := found if {
	found := _views[grant].categories
} else := _view(grant).categories

# The views above, worked out once for each distinct grant of the repo's roles: rules ask
# them for every grant of every role, field by field, and roles cut from the same job
# function share their grants (a generated 1,000-role repo has 110 distinct grants in
# 10,860). A grant of a job function's needs, or of a unit test, is worked out when asked.
_views := {grant: _view(grant) | some grant in distinct_grants}

# distinct_grants is every distinct grant of the repo's roles. A rule that asks the same
# question of every grant of every role can answer it once per distinct grant here and
# look the answer up by grant.
distinct_grants := {grant |
	some role in input.roles
	some grant in role.spec.grants
}

_view(grant) := {
	"ranks": ranks,
	"visible": visible,
	"personal": {field | some field in visible; field_class(grant.resource, field).sensitivity >= personal},
	"categories": {field: field_class(grant.resource, field).category | some field in visible},
} if {
	ranks := {field: visibility_rank[visibility(grant, field)] |
		some field, _ in resources[grant.resource].fields
	}
	visible := {field | some field, rank in ranks; rank > 0}
}

# role_functions are the job-function records a role names (unknown ids are skipped;
# the validator reports them).
role_functions(role) := [f | some id in object.get(role.spec, "functions", []); f := functions[id]]

# needed_visibility_rank is the widest visibility any of the role's functions needs
# for a field of a resource (0 when none of them needs it).
needed_visibility_rank(role, resource, field) := max(array.concat([0], [r |
	some f in role_functions(role)
	some need in object.get(f, "needs", [])
	need.resource == resource
	r := visibility_rank[visibility(need, field)]
]))

role_system(role) := systems[role.metadata.system]
