# METADATA
# title: Role administration outside access_admin, or a role that can grant itself
# description: |
#   A role whose tier is not `access_admin` holds `grant_role` or `edit_role`, or a role
#   that grants roles can grant itself: it has no `grantable_roles` (so it may grant any
#   role) or lists its own name there. Whoever holds such a role can hand out, or keep
#   renewing, access nobody approved, and the grants leave no second person in the loop.
# custom:
#   id: ESC-001
#   severity: critical
#   subject: role
#   controls: [ISO27001-A.5.15, ISO27001-A.5.18, ISO27001-A.8.2, PCI-7.2.1, PCI-7.2.2, SOC2-CC6.2, SOC2-CC6.3]
#   remediation: |
#     Move grant_role and edit_role to an access_admin role, and give that role a
#     `grantable_roles` list that names the roles it may grant, never itself.
package rolegate.rules.escalation.role_administration

import rego.v1

import data.rolegate.lib.grants
import data.rolegate.lib.privilege
import data.rolegate.lib.result

_admin_actions := {"grant_role", "edit_role"}

findings contains result.finding(role, ["spec", "grants", i, "actions", j], result.role_subject(role), msg) if {
	some grant, places in grants.places
	some j, action in grant.actions
	action in _admin_actions
	some [r, i] in places
	role := input.roles[r]
	role.spec.tier != "access_admin"
	msg := sprintf("role %q: %s on %s, but the role's tier is %s; only access_admin roles may administer roles", [
		role.metadata.name, action, grant.resource, role.spec.tier,
	])
}

findings contains result.finding(role, privilege.any_action_path(role, "grant_role"), result.role_subject(role), msg) if {
	some role in input.roles
	privilege.grants_roles(role)
	not privilege.limits_grants(role)
	msg := sprintf("role %q: grant_role with no grantable_roles can grant any role, itself included", [role.metadata.name])
}

findings contains result.finding(role, ["spec", "grantable_roles", k], result.role_subject(role), msg) if {
	some role in input.roles
	privilege.grants_roles(role)
	some k, name in role.spec.grantable_roles
	name == role.metadata.name
	msg := sprintf("role %q: grantable_roles lists the role itself", [role.metadata.name])
}
