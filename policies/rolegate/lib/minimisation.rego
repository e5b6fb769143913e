# METADATA
# title: Minimisation helpers
# description: |
#   What a role's job functions justify (capabilities, needs per resource), how sensitive
#   a resource is, and where inside a grant a problem sits. Shared by the least-privilege
#   and data-minimisation rules that compare a role's grants with its functions' needs.
package rolegate.lib.minimisation

import rego.v1

import data.rolegate.lib.model

# known_functions are the function ids a role names that some JobFunctions declares.
known_functions(role) := [id | some id in object.get(role.spec, "functions", []); model.functions[id]]

# function_list names the role's known functions for messages ("none" when there are none).
function_list(role) := concat(", ", ids) if {
	ids := known_functions(role)
	count(ids) > 0
} else := "none"

# needed_scope_ranks(role)[resource] is the widest scope rank any function of the role
# needs on the resource (no entry when none needs it). Per role: a rule that asked it
# per grant would walk the role's functions again for every grant.
needed_scope_ranks(role) := {resource: max(ranks) |
	some resource in {need.resource | some need in needs}
	ranks := [model.scope_rank[need.scope] | some need in needs; need.resource == resource]
	count(ranks) > 0
} if {
	needs := [need |
		some f in model.role_functions(role)
		some need in object.get(f, "needs", [])
	]
}

# needed_capabilities is every "resource:action" some function of the role needs.
# Wildcards in needs are taken literally: a need for "*" justifies nothing else.
needed_capabilities(role) := {sprintf("%s:%s", [need.resource, action]) |
	some f in model.role_functions(role)
	some need in object.get(f, "needs", [])
	some action in need.actions
}

# max_sensitivity is the highest sensitivity among a resource's classified fields
# (-1 when it has none, or the resource is unknown).
max_sensitivity(resource) := object.get(model.resource_sensitivity, resource, -1)

# high_risk_resource is true when some field of the resource is high-risk personal data
# (sensitivity 3: contact points, national id, identity secrets, recordings) or above.
# (Scale points are functions, not constants: regorus mis-evaluates this package's
# functions after a rule reads a constant of it through an import alias.)
high_risk_resource(resource) if max_sensitivity(resource) >= 3

# special_sensitivity is true for a class of special data (sensitivity 4).
special_sensitivity(class) if class.sensitivity >= 4

# holds_personal is true when some field of the resource is personal data or above.
holds_personal(resource) if max_sensitivity(resource) >= model.personal

# shown_rank is the visibility rank a grant gives a field of its resource (undefined when
# the field's class is unknown).
shown_rank(grant, field) := model.field_ranks(grant)[field]

# grant_field_path is the path, in the role, of the entry that sets a field's visibility
# in grant i (the grant itself when the class default applies).
grant_field_path(i, grant, field) := array.concat(["spec", "grants", i], model.field_path(grant, field))

# condition_path is the path of a grant condition: the key when set, else the
# `conditions` map when present, else the grant.
condition_path(i, grant, key) := ["spec", "grants", i, "conditions", key] if {
	key in object.keys(object.get(grant, "conditions", {}))
} else := ["spec", "grants", i, "conditions"] if {
	"conditions" in object.keys(grant)
} else := ["spec", "grants", i]
