# METADATA
# title: Scope wider than the job functions need
# description: |
#   A grant reaches more customers (scope self < assigned < team < division < all) than
#   the widest scope any of the role's job functions needs on that resource. Scope is
#   what separates "the customer in front of me" from "anybody's record"; every step
#   wider than the work requires multiplies whose data one account can open. Grants on a
#   resource no function needs at all are LP-003's.
# custom:
#   id: LP-005
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.5.15, ISO27001-A.8.3, PCI-7.2.1, PCI-7.2.2]
#   remediation: |
#     Narrow the grant's scope to the widest one its job functions need, or add the job
#     function that needs the wider scope.
#   escalations:
#     personal: high
package rolegate.rules.least_privilege.excess_scope

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains _finding(role, ["spec", "grants", i, "scope"], grant.resource, msg) if {
	some role in input.roles
	needs := minimisation.needed_scope_ranks(role)
	some i, grant in role.spec.grants
	grant.resource != "*"
	needed := needs[grant.resource]
	model.scope_rank[grant.scope] > needed
	msg := sprintf("role %q: grant on %s has scope %s but its functions (%s) need at most %s", [
		role.metadata.name, grant.resource, grant.scope,
		minimisation.function_list(role), _scope_name[needed],
	])
}

_scope_name := {rank: name | some name, rank in model.scope_rank}

# High when the resource holds personal data.
_finding(role, path, resource, msg) := result.escalated(role, path, result.role_subject(role), msg, "personal") if {
	minimisation.holds_personal(resource)
} else := result.finding(role, path, result.role_subject(role), msg)
