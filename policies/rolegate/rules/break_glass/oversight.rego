# METADATA
# title: Break-glass use without alert, reason or post-use review
# description: |
#   A break-glass role (tier `break_glass`) alerts nobody on activation (no or empty
#   `break_glass.alert_to`), has no `break_glass.post_use_review_hours`, or has a grant
#   without `conditions.require_reason: true`. Emergency access skips the usual
#   approvals; only an alert, a stated reason for each access and a prompt review make
#   its use answerable.
# custom:
#   id: BG-002
#   severity: high
#   subject: role
#   controls: [ISO27001-A.5.18, ISO27001-A.8.2, ISO27001-A.8.15, ISO27001-A.8.16, PCI-10.2.1, SOC2-CC6.2]
#   remediation: |
#     Set `break_glass.alert_to` (security operations, the DPO), `post_use_review_hours`,
#     and `conditions.require_reason: true` on every grant of the role.
package rolegate.rules.break_glass.oversight

import rego.v1

import data.rolegate.lib.privilege
import data.rolegate.lib.result

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "break_glass"
	count(object.get(role.spec, ["break_glass", "alert_to"], [])) == 0
	path := privilege.closest_path(role, ["spec", "break_glass", "alert_to"])
	msg := sprintf("role %q: break-glass activation alerts nobody (break_glass.alert_to is missing or empty)", [
		role.metadata.name,
	])
}

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "break_glass"
	not role.spec.break_glass.post_use_review_hours
	path := privilege.closest_path(role, ["spec", "break_glass", "post_use_review_hours"])
	msg := sprintf("role %q: break-glass use has no post-use review (no break_glass.post_use_review_hours)", [role.metadata.name])
}

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "break_glass"
	some i, grant in role.spec.grants
	not grant.conditions.require_reason == true
	path := privilege.closest_path(role, ["spec", "grants", i, "conditions", "require_reason"])
	msg := sprintf("role %q: break-glass grant on %s does not require a reason (conditions.require_reason)", [
		role.metadata.name, grant.resource,
	])
}
