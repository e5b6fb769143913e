# METADATA
# title: Numbers dialled by hand where the job dials by reference
# description: |
#   The role's job functions dial by reference (the system places the call without
#   showing the number), yet the role dials freely (`channels.dial: free`), or can `dial`
#   while a phone-number field (a contact point named like phone, mobile, msisdn, fone or
#   celular) is shown `full`. A number the agent keys in or reads off the screen is a
#   number that can be copied to a personal phone. Applies only when at least one of the
#   role's functions dials by reference and none of them dials freely.
# custom:
#   id: CH-002
#   severity: medium
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, ISO27001-A.8.11, PCI-7.2.1]
#   remediation: |
#     Set channels.dial to by_reference (click-to-dial) and show phone numbers masked; if
#     the work really needs free dialling, declare it in the job function.
package rolegate.rules.channels.free_dial

import rego.v1

import data.rolegate.lib.grants
import data.rolegate.lib.model
import data.rolegate.lib.result

# Field names that hold phone numbers.
_phone_like := `phone|mobile|msisdn|fone|celular`

findings contains result.finding(role, ["spec", "channels", "dial"], result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.channels.dial == "free"
	functions := _dial_by_reference(role)
	msg := sprintf("role %q: dial is free but its functions (%s) dial by reference", [
		role.metadata.name, concat(", ", functions),
	])
}

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some grant, places in grants.places
	"dial" in grant.actions
	some field in model.category_fields(grant, {"contact_point"})
	regex.match(_phone_like, field)
	model.visibility(grant, field) == "full"
	some [r, i] in places
	role := input.roles[r]
	functions := _dial_by_reference(role)
	path := array.concat(["spec", "grants", i], model.field_path(grant, field))
	msg := sprintf("role %q: grant on %s can dial with %s shown full but its functions (%s) dial by reference", [
		role.metadata.name, grant.resource, field, concat(", ", functions),
	])
}

# _dial_by_reference names the role's functions that dial by reference; undefined when
# there are none, or when one of the role's functions dials freely.
_dial_by_reference(role) := ids if {
	ids := sort({id |
		some id in object.get(role.spec, "functions", [])
		model.functions[id].channels.dial == "by_reference"
	})
	count(ids) > 0
	not _some_function_dials_freely(role)
}

_some_function_dials_freely(role) if {
	some id in object.get(role.spec, "functions", [])
	model.functions[id].channels.dial == "free"
}
