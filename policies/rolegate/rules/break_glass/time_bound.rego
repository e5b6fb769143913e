# METADATA
# title: Break-glass access that is not time-bound
# description: |
#   A break-glass role (tier `break_glass`) has no `break_glass.max_duration_minutes` or
#   one above the OrgPolicy's break_glass_max_minutes, or an account holds it with
#   `activation: standing` (or no activation, which is standing). Emergency access that
#   is always on, or stays on, is just a second, wider account.
# custom:
#   id: BG-001
#   severity: critical
#   subject: role
#   controls: [ISO27001-A.5.18, ISO27001-A.8.2, PCI-7.2.2, SOC2-CC6.2, SOC2-CC6.3]
#   remediation: |
#     Set `break_glass.max_duration_minutes` within the maximum and bind the role only to
#     accounts with `activation: just_in_time`.
package rolegate.rules.break_glass.time_bound

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.privilege
import data.rolegate.lib.result

_duration_path := ["spec", "break_glass", "max_duration_minutes"]

findings contains result.finding(role, privilege.closest_path(role, _duration_path), result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "break_glass"
	not role.spec.break_glass.max_duration_minutes
	msg := sprintf("role %q: break-glass role has no break_glass.max_duration_minutes", [role.metadata.name])
}

findings contains result.finding(role, _duration_path, result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "break_glass"
	minutes := role.spec.break_glass.max_duration_minutes
	maximum := model.thresholds.break_glass_max_minutes
	minutes > maximum
	msg := sprintf("role %q: break-glass activation lasts up to %d minutes, over the maximum of %d", [
		role.metadata.name, minutes, maximum,
	])
}

findings contains result.finding(entry.doc, path, result.account_subject(account), msg) if {
	some entry in model.accounts
	account := entry.account
	some name in account.roles
	name in _break_glass_roles
	activation := object.get(account, "activation", "none")
	activation != "just_in_time"
	path := array.concat(entry.path, privilege.closest_path(account, ["activation"]))
	msg := sprintf("account %q: holds break-glass role %q with %s", [account.id, name, _activation_text[activation]])
}

# The names of the break-glass roles: each account's roles are looked up here, rather
# than every role compared with every account.
_break_glass_roles contains role.metadata.name if {
	some role in input.roles
	role.spec.tier == "break_glass"
}

_activation_text := {
	"standing": "standing activation",
	"none": "no activation (standing)",
}
