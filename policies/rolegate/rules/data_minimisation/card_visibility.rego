# METADATA
# title: Card data shown beyond masked, or a card security code shown at all
# description: |
#   A grant shows card data (PAN, expiry: class category `card_data`) at more than
#   `masked`, or shows a card security code (category `card_security_code`) at any
#   visibility above `none`. PCI DSS allows at most a masked PAN on screen for staff
#   without a documented business need, and forbids keeping or showing the CVV after
#   authorisation; customer service has no such need.
# custom:
#   id: DATA-003
#   severity: critical
#   subject: role
#   controls: [PCI-3.4.1, PCI-7.2.1, LGPD-46, ISO27001-A.8.11]
#   remediation: |
#     Set card-data fields to `masked` (or `none`) and card security codes to `none`.
package rolegate.rules.data_minimisation.card_visibility

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, minimisation.grant_field_path(i, grant, field), result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	some field in model.category_fields(grant, {"card_data"})
	minimisation.shown_rank(grant, field) > model.visibility_rank.masked
	msg := sprintf("role %q: grant on %s.%s shows card data %s, more than masked", [
		role.metadata.name, grant.resource, field, model.visibility(grant, field),
	])
}

findings contains result.finding(role, minimisation.grant_field_path(i, grant, field), result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	some field in model.category_fields(grant, {"card_security_code"})
	msg := sprintf("role %q: grant on %s.%s shows a card security code (%s); it must be none", [
		role.metadata.name, grant.resource, field, model.visibility(grant, field),
	])
}
