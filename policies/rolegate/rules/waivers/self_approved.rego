# METADATA
# title: Waiver approved by the owner of the role it excuses
# description: |
#   A Waiver on `role:<name>` whose `approved_by` is that role's owner. The owner is the
#   person who wants the exception; accepting the risk must be somebody else's decision,
#   or the waiver is a self-approval of the access it keeps.
# custom:
#   id: WVR-003
#   severity: medium
#   subject: waiver
#   controls: [ISO27001-A.5.3, ISO27001-A.5.36, SOC2-CC6.3, LGPD-50]
#   remediation: |
#     Have the waiver approved by somebody other than the role's owner (security or the
#     data protection officer, say), and record their name in approved_by.
package rolegate.rules.waivers.self_approved

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.result

findings contains result.finding(waiver, ["spec", "approved_by"], result.waiver_subject(waiver), msg) if {
	some waiver in input.waivers
	startswith(waiver.spec.target, "role:")
	role := access.roles_by_name[trim_prefix(waiver.spec.target, "role:")]
	waiver.spec.approved_by == role.metadata.owner
	msg := sprintf("waiver %q: approved by %s, the owner of role %s it excuses", [
		waiver.metadata.name, waiver.spec.approved_by, role.metadata.name,
	])
}
