# METADATA
# title: Effective access
# description: |
#   What a role, and a person, can actually do: the union of a role's grants, and the
#   union of the roles bound to all of a person's accounts. Ranks compare on the ordered
#   scales of lib.model. Rules ask these views instead of walking grants themselves.
package rolegate.lib.access

import rego.v1

import data.rolegate.lib.model

roles_by_name[name] := role if {
	some role in input.roles
	name := role.metadata.name
}

# capabilities[role] is the set of "resource:action" the role's grants give.
capabilities[name] := {sprintf("%s:%s", [grant.resource, action]) |
	some grant in role.spec.grants
	some action in grant.actions
} if {
	some name, role in roles_by_name
}

# scope[role][resource] is the widest scope rank the role has on the resource.
# (Single-level rules with object values: an empty multi-level ref head is undefined
# on regorus but {} on OPA.)
scope[name] := {resource: rank |
	some grant in role.spec.grants
	resource := grant.resource
	rank := max([model.scope_rank[g.scope] | some g in role.spec.grants; g.resource == resource])
} if {
	some name, role in roles_by_name
}

# visibility[role][resource][field] is the widest visibility rank the role has on the field
# (fields of an undeclared class have no visibility; the validator reports them).
visibility[name] := {resource: _field_ranks(role, resource) |
	some grant in role.spec.grants
	resource := grant.resource
} if {
	some name, role in roles_by_name
}

_field_ranks(role, resource) := {field: max(ranks) |
	some field, _ in model.resources[resource].fields
	ranks := [model.visibility_rank[model.visibility(g, field)] |
		some g in role.spec.grants
		g.resource == resource
	]
	count(ranks) > 0
}

# person_roles[person] is every role bound to any account of the person.
person_roles[person] := {role |
	some entry in model.accounts
	entry.account.person == person
	some role in entry.account.roles
} if {
	some holder in model.accounts
	person := holder.account.person
}

# person_accounts[person] is every account entry (lib.model.accounts) of the person.
person_accounts[person] := {entry |
	some entry in model.accounts
	entry.account.person == person
} if {
	some holder in model.accounts
	person := holder.account.person
}

# person_capabilities[person] is the union of the capabilities of the person's roles.
person_capabilities[person] := {cap |
	some role in roles
	some cap in capabilities[role]
} if {
	some person, roles in person_roles
}

# contractor_held holds when the role is for contractors or bound to a contractor account.
contractor_held(role) if role.spec.workforce == "contractor"

contractor_held(role) if {
	# A full reference, not the `model` alias: on regorus 0.13 a function of a module
	# whose rules another package has evaluated loses its import aliases (lib.change).
	some entry in data.rolegate.lib.model.accounts
	entry.account.workforce == "contractor"
	role.metadata.name in entry.account.roles
}

# covers(wider, narrower) holds when role `wider` has every capability, scope and field
# visibility that role `narrower` has.
covers(wider, narrower) if {
	capabilities[narrower] - capabilities[wider] == set()
	every resource, rank in scope[narrower] {
		rank <= object.get(scope[wider], resource, -1)
	}
	every resource, fields in visibility[narrower] {
		every field, rank in fields {
			rank <= object.get(visibility[wider], [resource, field], -1)
		}
	}
}
