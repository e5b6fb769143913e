# METADATA
# title: Right-sized roles from usage
# description: |
#   `rolegate suggest ROLE --usage LOGS`: for each role named in input.suggest, what its
#   usage says it needs. Per grant: the actions a holder used within the usage window,
#   plus every action the system's logs cannot show (unknown is not unused); a grant left
#   with none is removed. A field shown `full` whose holders only saw it masked or
#   revealed on demand is lowered to the widest of those (USE-003), and a field lowered to
#   reveal_on_demand gets the safeguards DATA-005 asks for. Scope is kept: the logs do
#   not say whose records a holder could have opened. The same views as the USE rules,
#   so a suggested role passes them.
package rolegate.suggest

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.usage

# roles[name] is the suggestion for a role named in input.suggest.
roles[name] := suggestion if {
	some name in input.suggest
	role := usage.roles_by_name[name]
	suggestion := {
		"grants": [_grant(role, i, grant) | some i, grant in role.spec.grants],
		"system": role.metadata.system,
		"covered": role.metadata.system in usage.covered_systems,
	}
}

_grant(role, i, grant) := {
	"index": i,
	"keep": [a | some a in grant.actions; _needed(role, grant, a)],
	"drop": [a | some a in grant.actions; not _needed(role, grant, a)],
	"lower": {field: to |
		some field, shown in object.get(grant, "fields", {})
		shown == "full"
		to := _lowered(role, grant, field)
	},
	"conditions": _safeguards(role, grant),
}

_needed(_, _, action) if action == "*"

_needed(role, grant, action) if not usage.observed(role.metadata.system, grant.resource, action)

_needed(role, grant, action) if {
	[role.metadata.system, grant.resource, action, role.metadata.name] in usage.used
}

_shown := ["compare", "masked", "reveal_on_demand"]

# _lowered is what a full field's holders needed, when they never needed it full.
_lowered(role, grant, field) := model.visibility_name[max(ranks)] if {
	key := [role.metadata.system, grant.resource, field, role.metadata.name]
	seen := [v | some v in _shown; array.concat(key, [v]) in usage.field_uses]
	count(seen) > 0
	not array.concat(key, ["full"]) in usage.field_uses
	not array.concat(key, [""]) in usage.field_uses
	ranks := [model.visibility_rank[v] | some v in seen]
}

# _safeguards are the conditions a grant needs once a field is lowered to
# reveal_on_demand: a stated reason, and at most the System's bulk-access threshold of
# reveals an hour (10 when it has none).
_safeguards(role, grant) := object.union(
	{"require_reason": true, "max_reveals_per_hour": _cap(role)},
	object.get(grant, "conditions", {}),
) if {
	some field, shown in object.get(grant, "fields", {})
	shown == "full"
	_lowered(role, grant, field) == "reveal_on_demand"
} else := {}

_cap(role) := model.systems[role.metadata.system].spec.alerts.bulk_access_per_hour if {
	model.systems[role.metadata.system].spec.alerts.bulk_access_per_hour
} else := 10
