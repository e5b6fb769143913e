# METADATA
# title: Recordings or transcripts open to a role that does not need them
# description: |
#   A grant shows a call recording or a chat/call transcript (class category `recording`
#   or `transcript`) at more than `none`, although none of the role's job functions needs
#   that field at all. Recordings and transcripts hold everything a customer said,
#   including contact points, identity answers and card numbers read out aloud.
# custom:
#   id: DATA-005
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, ISO27001-A.8.11, ISO27001-A.5.15, PCI-7.2.1]
#   remediation: |
#     Set the field to `none`, or add the job function (e.g. quality review) that needs
#     to listen to or read it.
package rolegate.rules.data_minimisation.recording_visibility

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, minimisation.grant_field_path(i, grant, field), result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	some field in model.category_fields(grant, {"recording", "transcript"})
	model.needed_visibility_rank(role, grant.resource, field) == 0
	msg := sprintf("role %q: grant on %s.%s is %s but its functions (%s) need none", [
		role.metadata.name, grant.resource, field, model.visibility(grant, field),
		minimisation.function_list(role),
	])
}
