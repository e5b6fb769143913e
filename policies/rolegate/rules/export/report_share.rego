# METADATA
# title: Personal-data report shared with a broad audience
# description: |
#   A grant has `share_report` on a resource whose personal fields it shows, at scope
#   `division` or `all`. A shared report or saved view copies customers' data to everybody
#   it is shared with, and each of them then reads it without a grant, a need or a read
#   audit of their own.
# custom:
#   id: EXP-003
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, ISO27001-A.8.12, SOC2-CC6.1]
#   remediation: |
#     Hide the personal fields in reports that are shared (aggregate or mask them), or
#     narrow share_report to scope team or less.
package rolegate.rules.export.report_share

import rego.v1

import data.rolegate.lib.grants
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "grants", i, "actions", j], result.role_subject(role), msg) if {
	some grant, places in grants.places
	model.scope_rank[grant.scope] >= model.scope_rank.division
	some j, action in grant.actions
	action == "share_report"
	personal := model.personal_fields(grant)
	count(personal) > 0
	some [r, i] in places
	role := input.roles[r]
	msg := sprintf("role %q: can share reports on %s at scope %s with personal fields visible (%s)", [
		role.metadata.name, grant.resource, grant.scope, concat(", ", sort(personal)),
	])
}
