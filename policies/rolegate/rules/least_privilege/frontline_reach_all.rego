# METADATA
# title: Frontline role reaches a whole division or every customer
# description: |
#   A frontline role has a grant at scope `division` or `all` on a resource whose personal
#   fields it can see. A frontline agent serves the customers in front of them; reach over
#   the whole base turns one agent's account into a look-up tool for anybody's data.
# custom:
#   id: LP-002
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, ISO27001-A.5.15, PCI-7.2.1]
#   remediation: |
#     Narrow the grant to scope `assigned` (or `self`/`team`, as the job functions need),
#     or hide the personal fields on the wide grant.
package rolegate.rules.least_privilege.frontline_reach_all

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "grants", i, "scope"], result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "frontline"
	some i, grant in role.spec.grants
	model.scope_rank[grant.scope] >= model.scope_rank.division
	personal := model.personal_fields(grant)
	count(personal) > 0
	msg := sprintf("role %q: frontline grant on %s has scope %s with personal fields visible (%s)", [
		role.metadata.name, grant.resource, grant.scope, concat(", ", sort(personal)),
	])
}
