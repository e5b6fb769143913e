# METADATA
# title: Change against the base
# description: |
#   With `--base REF`, input.base holds the config repo as it is at REF (the same shape as
#   the input, without context) and lib.base sees it through lib.access. This library
#   computes what each role and each person gained or lost: capabilities
#   ("resource:action"), the widest scope per resource, and the widest visibility per
#   field. An entry is {kind: action|scope|field, resource, name, from, to}; for actions
#   from and to are empty, for scope and fields they name the old and new level ("" for
#   no access). The change rules and data.rolegate.diff read these.
#
#   Functions only, no rules: on regorus 0.13, once another package has evaluated a rule
#   of a module, that module's functions lose their import aliases when called from
#   outside (tests/test_rego_portability.py keeps libraries clear of the pattern).
package rolegate.lib.change

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.base
import data.rolegate.lib.model
import data.rolegate.lib.people

# combined is the access a set of roles gives together: every capability, and the widest
# scope and visibility any of them has.
combined(roles, capabilities, scope, visibility) := {
	"capabilities": {cap | some role in roles; some cap in object.get(capabilities, role, set())},
	"scope": {resource: max(ranks) |
		some holder in roles
		some resource, _ in object.get(scope, holder, {})
		ranks := [rank | some other in roles; rank := object.get(scope, [other, resource], -1)]
	},
	"visibility": {resource: _widest_fields(roles, visibility, resource) |
		some holder in roles
		some resource, _ in object.get(visibility, holder, {})
	},
}

_widest_fields(roles, visibility, resource) := {field: max(ranks) |
	some holder in roles
	some field, _ in object.get(visibility, [holder, resource], {})
	ranks := [rank | some other in roles; rank := object.get(visibility, [other, resource, field], 0)]
}

role_now(name) := combined({name}, access.capabilities, access.scope, access.visibility)

role_before(name) := combined({name}, base.capabilities, base.scope, base.visibility) if {
	base.roles[name]
} else := {"capabilities": set(), "scope": {}, "visibility": {}}

person_now(person) := combined(object.get(people.roles, person, set()), access.capabilities, access.scope, access.visibility)

person_before(person) := combined(object.get(base.person_roles, person, set()), base.capabilities, base.scope, base.visibility) if {
	base.present
} else := {"capabilities": set(), "scope": {}, "visibility": {}}

# widened is what `after` has that `before` does not, as entries from before to after.
widened(before, after) := (_actions(before, after) | _scopes(before, after)) | _fields(before, after)

# narrowed is what `before` had that `after` has not, as entries from before to after.
narrowed(before, after) := {reversed(entry) | some entry in widened(after, before)}

reversed(entry) := object.union(entry, {"from": entry.to, "to": entry.from})

_actions(before, after) := {new_entry(parts[0], "action", parts[1], "", "") |
	some cap in after.capabilities
	not cap in before.capabilities
	parts := split(cap, ":")
}

_scopes(before, after) := {new_entry(resource, "scope", "", _scope_name(old), _scope_name(rank)) |
	some resource, rank in after.scope
	old := object.get(before.scope, resource, -1)
	rank > old
}

_scope_name(rank) := name if {
	some name, r in model.scope_rank
	r == rank
} else := ""

_fields(before, after) := {new_entry(resource, "field", field, model.visibility_name[old], model.visibility_name[rank]) |
	some resource, fields in after.visibility
	some field, rank in fields
	old := object.get(before.visibility, [resource, field], 0)
	rank > old
}

new_entry(resource, kind, name, from, to) := {"kind": kind, "resource": resource, "name": name, "from": from, "to": to}

role_gains(name) := widened(role_before(name), role_now(name))

role_losses(name) := narrowed(role_before(name), role_now(name))

person_gains(person) := widened(person_before(person), person_now(person))

person_losses(person) := narrowed(person_before(person), person_now(person))

# sensitivity of an entry: its field's class, or for actions and scope the most sensitive
# field of the resource (4 for the wildcard resource "*"); the current catalog first,
# then the base's.
sensitivity(entry) := _field_sensitivity(entry.resource, entry.name) if {
	entry.kind == "field"
} else := _resource_sensitivity(entry.resource)

_field_sensitivity(resource, field) := model.field_class(resource, field).sensitivity if {
	model.field_class(resource, field)
} else := base.classes[base.resources[resource].fields[field]].sensitivity if {
	base.classes[base.resources[resource].fields[field]]
} else := 0

_resource_sensitivity("*") := 4

_resource_sensitivity(resource) := max(array.concat([0], [s |
	some field, _ in _resource_fields(resource)
	s := _field_sensitivity(resource, field)
])) if {
	resource != "*"
}

_resource_fields(resource) := model.resources[resource].fields if {
	model.resources[resource]
} else := base.resources[resource].fields if {
	base.resources[resource]
} else := {}

# sensitive holds for a gain that needs a reviewer's eye: a field of sensitivity 3 or more
# shown masked or wider, an export or administrative action, a widened scope, or a new
# grant reaching a whole division or every customer.
sensitive(entry) if {
	entry.kind == "field"
	sensitivity(entry) >= 3
	model.visibility_rank[entry.to] >= model.visibility_rank.masked
}

sensitive(entry) if {
	entry.kind == "action"
	_sensitive_action(entry.name)
}

sensitive(entry) if {
	entry.kind == "scope"
	entry.from != ""
}

sensitive(entry) if {
	entry.kind == "scope"
	model.scope_rank[entry.to] >= model.scope_rank.division
}

# Actions that copy data out or administer access, the audit trail or other people.
_sensitive_action(action) if action in model.export_actions

_sensitive_action(action) if action in model.role_admin_actions

_sensitive_action(action) if action in model.audit_tamper_actions

_sensitive_action(action) if action in {"impersonate", "configure", "create_api_token", "*"}

# describe is an entry in words: customer:export, customer scope assigned -> all,
# customer.phone masked -> full.
describe(entry) := sprintf("%s:%s", [entry.resource, entry.name]) if {
	entry.kind == "action"
} else := sprintf("%s scope %s", [entry.resource, _levels(entry)]) if {
	entry.kind == "scope"
} else := sprintf("%s.%s %s", [entry.resource, entry.name, _levels(entry)])

_levels(entry) := sprintf("%s -> %s", [_level(entry.from), _level(entry.to)])

_level("") := "no access"

_level(level) := level if level != ""
