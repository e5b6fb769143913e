# METADATA
# title: Contact point shown beyond what the job functions need
# description: |
#   A grant shows a contact-point field (phone, email, address) at a visibility above the
#   widest one any of the role's job functions needs. An agent who only dials a customer
#   by reference has no need to read the number; a visible number is what lets it leave
#   the system and reach the customer on a personal phone.
# custom:
#   id: DATA-001
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, ISO27001-A.8.11, PCI-7.2.1]
#   remediation: |
#     Lower the field's visibility to what the functions need (usually `masked`, with
#     dial-by-reference), or add the job function that needs it to the role.
package rolegate.rules.data_minimisation.contact_visibility

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	some field in model.category_fields(grant, {"contact_point"})
	shown := model.visibility(grant, field)
	needed := model.needed_visibility_rank(role, grant.resource, field)
	model.visibility_rank[shown] > needed
	path := array.concat(["spec", "grants", i], model.field_path(grant, field))
	msg := sprintf("role %q: grant on %s.%s is %s but its functions (%s) need %s", [
		role.metadata.name, grant.resource, field, shown,
		_function_list(role), model.visibility_name[needed],
	])
}

_function_list(role) := concat(", ", role.spec.functions) if {
	count(role.spec.functions) > 0
} else := "none"
