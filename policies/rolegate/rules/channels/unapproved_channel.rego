# METADATA
# title: Unapproved contact channel or unmanaged device
# description: |
#   The role may contact customers on an outbound channel the OrgPolicy does not approve,
#   or is used from a personal device (`byod`) while it shows contact points above
#   `masked`. Either way customer contact leaves the channels the company records and
#   controls, which is how phone numbers end up on an agent's personal messaging app.
# custom:
#   id: CH-001
#   severity: high
#   subject: role
#   controls: [LGPD-46, ISO27001-A.5.14, ISO27001-A.6.7, ISO27001-A.8.1]
#   remediation: |
#     Remove the channel or ask for it to be added to the OrgPolicy's approved_channels;
#     on personal devices show contact points masked at most (dial by reference).
package rolegate.rules.channels.unapproved_channel

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "channels", "outbound", j], result.role_subject(role), msg) if {
	some role in input.roles
	some j, channel in role.spec.channels.outbound
	not channel in model.org.approved_channels
	msg := sprintf("role %q: outbound channel %s is not approved (approved: %s)", [
		role.metadata.name, channel, concat(", ", model.org.approved_channels),
	])
}

findings contains result.finding(role, ["spec", "channels", "device"], result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.channels.device == "byod"
	exposed := _contact_points_above_masked(role)
	count(exposed) > 0
	msg := sprintf("role %q: device is byod but contact points are shown above masked (%s)", [
		role.metadata.name, concat(", ", sort(exposed)),
	])
}

_contact_points_above_masked(role) := {sprintf("%s.%s", [grant.resource, field]) |
	some grant in role.spec.grants
	some field in model.category_fields(grant, {"contact_point"})
	model.visibility_rank[model.visibility(grant, field)] > model.visibility_rank.masked
}
