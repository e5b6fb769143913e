# METADATA
# title: Privilege views
# description: |
#   Helpers shared by the escalation, separation-of-duties, authentication and
#   break-glass rules: which roles a role may grant, where an action sits in a role's
#   grants, who holds a role (contractors), what a role exports, and which account
#   stands for a person in person-level findings.
package rolegate.lib.privilege

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model
import data.rolegate.lib.people

# closest_path is the longest prefix of path that exists in doc: the path itself when the
# node is there, else the closest existing parent (for findings about a missing field).
closest_path(doc, path) := array.slice(path, 0, n) if {
	n := max([k |
		some k in numbers.range(0, count(path))
		object.get(doc, array.slice(path, 0, k), null) != null
	])
}

# action_path is the path of the first `action` on `resource` in the role's grants.
action_path(role, resource, action) := ["spec", "grants", first[0], "actions", first[1]] if {
	first := min({[i, j] |
		some i, grant in role.spec.grants
		grant.resource == resource
		some j, name in grant.actions
		name == action
	})
}

# capability_path is action_path for a "resource:action" capability.
capability_path(role, capability) := action_path(role, parts[0], parts[1]) if {
	parts := split(capability, ":")
}

# any_action_path is the path of the first `action` on any resource in the role's grants.
any_action_path(role, action) := ["spec", "grants", first[0], "actions", first[1]] if {
	first := min({[i, j] |
		some i, grant in role.spec.grants
		some j, name in grant.actions
		name == action
	})
}

# grants_roles holds when the role's grants include grant_role.
grants_roles(role) if {
	some grant in role.spec.grants
	"grant_role" in grant.actions
}

# limits_grants holds when the role says which roles it may grant.
limits_grants(role) if "grantable_roles" in object.keys(role.spec)

# grantable is the set of role names the role may grant: its grantable_roles, else
# every role in the repo (itself included).
grantable(role) := {name | some name in role.spec.grantable_roles} if {
	limits_grants(role)
} else := {name | some other in input.roles; name := other.metadata.name}

# exports is the set of bulk-extraction actions the role's grants hold.
exports(role) := {action |
	some grant in role.spec.grants
	some action in grant.actions
	action in model.export_actions
}

# reads_personal holds when one of the role's grants reads a visible personal field.
reads_personal(role) if {
	some grant in role.spec.grants
	model.reads(grant)
	count(model.personal_fields(grant)) > 0
}

# person_account is the entry (lib.model.accounts) that stands for a person in
# findings: the person's first account, by file, document and position.
person_account(person) := entry if {
	first := min({_account_key(e) | some e in people.accounts[person]})
	some entry in people.accounts[person]
	_account_key(entry) == first
}

_account_key(entry) := [entry.doc.source.file, entry.doc.source.document, entry.path[2]]

# roles_with are the person's roles that hold any of the capabilities, sorted.
roles_with(person, capabilities) := sort([role |
	some role in people.roles[person]
	count(object.get(access.capabilities, role, set()) & capabilities) > 0
])

# one_role_holds holds when a single role of the person has a capability of each side.
one_role_holds(person, side_a, side_b) if {
	some role in people.roles[person]
	held := access.capabilities[role]
	count(held & side_a) > 0
	count(held & side_b) > 0
}

# roles_phrase names a list of roles in a message: `role a` or `roles a, b`.
roles_phrase(roles) := sprintf("role %s", [roles[0]]) if {
	count(roles) == 1
} else := sprintf("roles %s", [concat(", ", roles)])
