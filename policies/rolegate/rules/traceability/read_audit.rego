# METADATA
# title: Reads of personal data are not logged
# description: |
#   The role reads personal data on a system that does not log read events, or the role
#   itself turns read events off. Without a read trail nobody can tell which agent looked
#   up which customer, so access cannot be individualised, reviewed or investigated.
# custom:
#   id: TR-001
#   severity: high
#   subject: role
#   controls: [LGPD-37, LGPD-46, PCI-10.2.1, ISO27001-A.8.15]
#   remediation: |
#     Turn on `audit.read_events` in the System (and do not turn it off in the role), or
#     declare the System the role runs on.
package rolegate.rules.traceability.read_audit

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "grants", i], result.role_subject(role), msg) if {
	some role in input.roles
	not _system_logs_reads(role)
	some i, grant in role.spec.grants
	model.reads(grant)
	personal := model.personal_fields(grant)
	count(personal) > 0
	msg := sprintf("role %q: grant reads personal data on %s (%s) but system %q %s", [
		role.metadata.name, grant.resource, concat(", ", sort(personal)),
		object.get(role.metadata, "system", ""), _system_gap(role),
	])
}

findings contains result.finding(role, ["spec", "audit", "read_events"], result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.audit.read_events == false
	msg := sprintf("role %q: audit.read_events is false", [role.metadata.name])
}

_system_logs_reads(role) if model.role_system(role).spec.audit.read_events == true

_system_gap(role) := "does not log read events" if {
	model.role_system(role)
} else := "is not declared"
