# METADATA
# title: Frontline or contractor role can export personal data
# description: |
#   A frontline role, or any role for contractor staff, has `export`, `bulk_read` or
#   `download` on a resource whose personal fields it can see. Serving the customer in
#   front of you never needs a file of many customers; an export leaves the system, its
#   read audit and its masking behind, and is how a customer base ends up for sale.
#   Critical when the role is for contractor staff.
# custom:
#   id: EXP-001
#   severity: high
#   escalations:
#     contractor: critical
#   subject: role
#   controls: [LGPD-6-III, LGPD-46, PCI-7.2.1, ISO27001-A.8.12, SOC2-CC6.1]
#   remediation: |
#     Remove the export action from the role; if a report is really needed, produce it
#     from a back-office role on operator staff, with the personal fields hidden.
package rolegate.rules.export.bulk_export

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.traceability

findings contains result.escalated(role, path, result.role_subject(role), msg, "contractor") if {
	some role in input.roles
	role.spec.workforce == "contractor"
	some hit in _exports(role)
	path := hit.path
	msg := hit.message
}

findings contains result.finding(role, path, result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.workforce != "contractor"
	role.spec.tier == "frontline"
	some hit in _exports(role)
	path := hit.path
	msg := hit.message
}

_exports(role) := {{"path": ["spec", "grants", i, "actions", j], "message": message} |
	some i, grant in role.spec.grants
	some j in traceability.personal_export_indexes(grant)
	message := sprintf("role %q: %s role can %s %s with personal fields visible (%s)", [
		role.metadata.name, _kind(role), grant.actions[j], grant.resource,
		concat(", ", sort(model.personal_fields(grant))),
	])
}

_kind(role) := sprintf("contractor %s", [role.spec.tier]) if {
	role.spec.workforce == "contractor"
} else := role.spec.tier
