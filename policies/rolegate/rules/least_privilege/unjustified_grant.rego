# METADATA
# title: Grant not justified by any job function of the role
# description: |
#   A grant gives an action on a resource that none of the role's job functions needs.
#   Every permission must trace back to a documented function and its purpose; one that
#   does not is access nobody asked for, and a way to use customer data for something
#   the processing record never allowed. Roles with no (known) function fire on every
#   action, besides LP-004. Wildcards are left to LP-001; a wildcard in a function's
#   needs justifies nothing but itself.
# custom:
#   id: LP-003
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.5.15, ISO27001-A.8.3, PCI-7.2.1, SOC2-CC6.3]
#   remediation: |
#     Remove the action from the grant, or add to the role the job function that needs
#     it (and to that function's `needs`, with its purpose).
#   escalations:
#     sensitive: high
package rolegate.rules.least_privilege.unjustified_grant

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.result

findings contains _finding(role, ["spec", "grants", i, "actions", j], grant.resource, msg) if {
	some role in input.roles
	needed := minimisation.needed_capabilities(role)
	some i, grant in role.spec.grants
	grant.resource != "*"
	some j, action in grant.actions
	action != "*"
	not sprintf("%s:%s", [grant.resource, action]) in needed
	msg := sprintf("role %q: grant on %s allows %s, which none of its functions (%s) needs", [
		role.metadata.name, grant.resource, action, minimisation.function_list(role),
	])
}

# High when the resource holds high-risk or special personal data.
_finding(role, path, resource, msg) := result.escalated(role, path, result.role_subject(role), msg, "sensitive") if {
	minimisation.high_risk_resource(resource)
} else := result.finding(role, path, result.role_subject(role), msg)
