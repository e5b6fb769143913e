# METADATA
# title: Long idle sessions on personal data, or risky roles on personal devices
# description: |
#   A role that reads personal data has no `session.idle_timeout_minutes` (unbounded) or
#   one above the OrgPolicy's max_idle_timeout_minutes; or a role held by contractors, or
#   one that can export, bulk_read or download, works on unmanaged devices
#   (`channels.device: byod`). An unlocked screen, or a personal phone the operator
#   cannot wipe or monitor, lets customer data be seen or copied by anyone.
# custom:
#   id: AUTH-002
#   severity: medium
#   subject: role
#   controls: [PCI-8.2.8, ISO27001-A.8.1, ISO27001-A.8.5, SOC2-CC6.1, LGPD-46]
#   remediation: |
#     Set `session.idle_timeout_minutes` at or below the maximum, and give contractor and
#     export-capable roles `channels.device: managed`.
package rolegate.rules.authentication.session_device

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model
import data.rolegate.lib.privilege
import data.rolegate.lib.result

_timeout_path := ["spec", "session", "idle_timeout_minutes"]

findings contains result.finding(role, _timeout_path, result.role_subject(role), msg) if {
	some role in input.roles
	minutes := role.spec.session.idle_timeout_minutes
	maximum := model.thresholds.max_idle_timeout_minutes
	minutes > maximum
	privilege.reads_personal(role)
	msg := sprintf("role %q: idle timeout of %d minutes on a role that reads personal data, over the maximum of %d", [
		role.metadata.name, minutes, maximum,
	])
}

findings contains result.finding(role, privilege.closest_path(role, _timeout_path), result.role_subject(role), msg) if {
	some role in input.roles
	not role.spec.session.idle_timeout_minutes
	privilege.reads_personal(role)
	msg := sprintf("role %q: no idle timeout (sessions never lock) on a role that reads personal data; the maximum is %d minutes", [
		role.metadata.name, model.thresholds.max_idle_timeout_minutes,
	])
}

findings contains result.finding(role, ["spec", "channels", "device"], result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.channels.device == "byod"
	reasons := [text | some check in ["contractor", "export"]; text := _byod_reason(role, check)]
	count(reasons) > 0
	msg := sprintf("role %q: %s role works on unmanaged devices (byod)", [role.metadata.name, concat(" and ", reasons)])
}

_byod_reason(role, "contractor") := "contractor-held" if access.contractor_held(role)

_byod_reason(role, "export") := sprintf("export-capable (%s)", [concat(", ", sort(exports))]) if {
	exports := privilege.exports(role)
	count(exports) > 0
}
