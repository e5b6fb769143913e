# METADATA
# title: Audit log kept for too short a time
# description: |
#   A System keeps its audit log for fewer days than the OrgPolicy's
#   min_audit_retention_days (a missing retention_days counts as 0). Misuse of customer
#   data usually comes to light months later, through a complaint or a regulator; by
#   then a short-lived log can no longer say who looked at the customer.
# custom:
#   id: TR-002
#   severity: medium
#   subject: system
#   controls: [PCI-10.5.1, ISO27001-A.8.15, LGPD-37, LGPD-46]
#   remediation: |
#     Set the System's audit.retention_days to at least the OrgPolicy's
#     min_audit_retention_days (365 by default), and keep the log where users of the
#     system cannot change it.
package rolegate.rules.traceability.audit_retention

import rego.v1

import data.rolegate.lib.model
import data.rolegate.lib.result

findings contains result.finding(system, ["spec", "audit", "retention_days"], result.system_subject(system), msg) if {
	some system in input.systems
	days := system.spec.audit.retention_days
	minimum := model.thresholds.min_audit_retention_days
	days < minimum
	msg := sprintf("system %q: audit.retention_days is %d, below the minimum of %d", [system.metadata.name, days, minimum])
}

findings contains result.finding(system, path, result.system_subject(system), msg) if {
	some system in input.systems
	not _has_retention(system)
	minimum := model.thresholds.min_audit_retention_days
	minimum > 0
	path := _closest(system)
	msg := sprintf("system %q: audit.retention_days is not set (counts as 0), below the minimum of %d", [system.metadata.name, minimum])
}

_has_retention(system) if "retention_days" in object.keys(object.get(system.spec, "audit", {}))

_closest(system) := ["spec", "audit"] if system.spec.audit else := ["spec"]
