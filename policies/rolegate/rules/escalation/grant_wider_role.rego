# METADATA
# title: Role can grant a role with more access than its own
# description: |
#   A role that grants roles may grant one whose effective access (capabilities, scope,
#   field visibility) is not a subset of its own; a role with no `grantable_roles` may
#   grant every role. Whoever holds it can hand out, to a colleague or to a second
#   account of their own, access they were never given, with nothing to show for it.
# custom:
#   id: ESC-002
#   severity: high
#   subject: role
#   controls: [ISO27001-A.5.15, ISO27001-A.5.18, ISO27001-A.8.2, PCI-7.2.2, SOC2-CC6.3]
#   remediation: |
#     List in `grantable_roles` only roles whose access the granting role covers, or
#     leave the grant of wider roles to a role that holds at least that access.
package rolegate.rules.escalation.grant_wider_role

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model
import data.rolegate.lib.privilege
import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "grantable_roles", k], result.role_subject(role), msg) if {
	some role in input.roles
	privilege.grants_roles(role)
	some k, granted in role.spec.grantable_roles
	_wider(role.metadata.name, granted)
	msg := sprintf("role %q: may grant role %q, which has access it lacks: %s", [
		role.metadata.name, granted, _excess(role.metadata.name, granted),
	])
}

findings contains result.finding(role, privilege.any_action_path(role, "grant_role"), result.role_subject(role), msg) if {
	some role in input.roles
	privilege.grants_roles(role)
	not privilege.limits_grants(role)
	granter := role.metadata.name
	wider := sort([name | some name in privilege.grantable(role); _wider(granter, name)])
	count(wider) > 0
	msg := sprintf("role %q: grant_role with no grantable_roles may grant every role, including %d with access it lacks, e.g. %q (%s)", [
		granter, count(wider), wider[0], _excess(granter, wider[0]),
	])
}

# _wider holds when a declared role other than the granter has access the granter lacks.
_wider(granter, granted) if {
	granted != granter
	access.roles_by_name[granted]
	not access.covers(granter, granted)
}

_scope_name := {rank: name | some name, rank in model.scope_rank}

# _excess names one thing the granted role has that the granter lacks: a capability,
# else a wider scope, else a wider field visibility.
_excess(granter, granted) := min(extra) if {
	extra := access.capabilities[granted] - access.capabilities[granter]
	count(extra) > 0
} else := sprintf("scope %s on %s (it has %s)", [_scope_name[wide[1]], wide[0], _scope_name[wide[2]]]) if {
	wide := min({[resource, rank, own] |
		some resource, rank in object.get(access.scope, granted, {})
		own := object.get(access.scope, [granter, resource], -1)
		rank > own
	})
} else := sprintf("%s.%s at %s (it has %s)", [shown[0], shown[1], model.visibility_name[shown[2]], model.visibility_name[shown[3]]]) if {
	shown := min({[resource, field, rank, own] |
		some resource, fields in object.get(access.visibility, granted, {})
		some field, rank in fields
		own := object.get(access.visibility, [granter, resource, field], -1)
		rank > own
	})
} else := "more access"
