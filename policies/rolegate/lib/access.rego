# METADATA
# title: Effective access
# description: |
#   What a role can actually do: the union of its grants. Ranks compare on the ordered
#   scales of lib.model. Rules ask these views instead of walking grants themselves; what
#   a person can do across their accounts is in lib.people.
package rolegate.lib.access

import rego.v1

import data.rolegate.lib.model

# roles_by_name maps each role name to its role (the first, if the name is used twice).
roles_by_name := model.first_by_name(input.roles)

# capabilities[role] is the set of "resource:action" the role's grants give.
# (This view and the two below are whole objects built by comprehensions: OPA builds a
# partial rule with a variable key in time quadratic in the roles.)
capabilities := {name: held.capabilities | some name, held in _role_access}

# scope[role][resource] is the widest scope rank the role has on the resource.
scope := {name: held.scope | some name, held in _role_access}

# visibility[role][resource][field] is the widest visibility rank the role has on the field
# (fields of an undeclared class have no visibility; the validator reports them).
visibility := {name: held.visibility | some name, held in _role_access}

# role_capabilities(role) is the set of "resource:action" a role document's own grants
# give: `capabilities` by document, for rules that judge every document even when two
# share a name. Looked up among the distinct grant lists, else worked out.
role_capabilities(role) := _by_grants[role.spec.grants].capabilities if {
	_by_grants[role.spec.grants]
} else := {sprintf("%s:%s", [grant.resource, action]) |
	some grant in role.spec.grants
	some action in grant.actions
}

# of_grants(grants) is the effective access of a role's list of grants, as
# {"capabilities", "scope", "visibility"} like the views above (undefined for a list no
# role of the input has): views that work out something once per distinct list of
# grants, as the access review does, look it up here.
of_grants(grants) := _by_grants[grants]

_role_access := {name: _by_grants[role.spec.grants] | some name, role in roles_by_name}

# The access of each distinct list of grants, worked out once: roles cut from the same
# job function for other teams or sites repeat the same grants (a generated 1,000-role
# repo has 66 distinct lists).
_by_grants := {grants: _access_of(grants) | some grants in _grant_lists}

_grant_lists := {role.spec.grants | some role in input.roles}

_access_of(grants) := {
	"capabilities": {sprintf("%s:%s", [grant.resource, action]) |
		some grant in grants
		some action in grant.actions
	},
	"scope": {resource: max(ranks) |
		some resource, on in by_resource
		ranks := [model.scope_rank[g.scope] | some g in on]
		count(ranks) > 0
	},
	"visibility": {resource: _field_ranks(on) | some resource, on in by_resource},
} if {
	by_resource := {resource: [g | some g in grants; g.resource == resource] |
		some resource in {grant.resource | some grant in grants}
	}
}

# The widest rank per field of what the grants (all on one resource) show; fields of an
# undeclared class are left out, as in lib.model field_ranks.
_field_ranks(on) := {field: max([rank | some shown in each; rank := shown[field]]) |
	some ranks in each
	some field, _ in ranks
} if {
	each := [model.field_ranks(g) | some g in on]
}

# contractor_held holds when the role is for contractors or bound to a contractor account.
contractor_held(role) if role.spec.workforce == "contractor"

contractor_held(role) if {
	# A full reference, not a bare rule name: on regorus 0.13 a function of a module
	# whose rules another package has evaluated loses its import aliases (lib.change).
	role.metadata.name in data.rolegate.lib.access.contractor_roles
}

# contractor_roles are the names of the roles bound to a contractor account.
contractor_roles contains name if {
	some entry in data.rolegate.lib.model.accounts
	entry.account.workforce == "contractor"
	some name in entry.account.roles
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
