# METADATA
# title: National id or identity-check secret shown to a frontline role
# description: |
#   A frontline grant shows a national id (CPF) or an identity-check secret (security
#   answer, PIN) `full` or `reveal_on_demand`, while the role's job functions only need
#   to `compare` it (or less). Frontline agents check what the caller states; the system
#   compares it. An agent who can read the value can impersonate the customer elsewhere
#   (SIM swap, port-out, account recovery).
# custom:
#   id: DATA-002
#   severity: high
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, ISO27001-A.8.11, ISO27001-A.5.15, PCI-7.2.1]
#   remediation: |
#     Set the field to `compare` (the system checks the value the customer states
#     without showing it), or move the need to see it to a back-office function.
package rolegate.rules.data_minimisation.identity_visibility

import rego.v1

import data.rolegate.lib.minimisation
import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, minimisation.grant_field_path(i, grant, field), result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "frontline"
	some i, grant in role.spec.grants
	some field in model.category_fields(grant, {"national_id", "identity_secret"})
	minimisation.shown_rank(grant, field) >= model.visibility_rank.reveal_on_demand
	needed := model.needed_visibility_rank(role, grant.resource, field)
	needed <= model.visibility_rank.compare
	msg := sprintf("role %q: frontline grant on %s.%s is %s but its functions (%s) need %s", [
		role.metadata.name, grant.resource, field, model.visibility(grant, field),
		minimisation.function_list(role), model.visibility_name[needed],
	])
}
