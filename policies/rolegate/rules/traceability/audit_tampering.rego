# METADATA
# title: Role can alter the audit log and reads personal data
# description: |
#   A role has `edit_audit` or `delete_audit` and also reads personal data. Whoever can
#   look up customers and also rewrite or erase the log of look-ups can remove the only
#   trace of their own misuse, so the trail no longer proves anything.
# custom:
#   id: TR-003
#   severity: high
#   subject: role
#   controls: [ISO27001-A.8.15, ISO27001-A.5.3, ISO27001-A.8.2, PCI-10.2.1, LGPD-37]
#   remediation: |
#     Take edit_audit/delete_audit out of roles that read customer data; let retention
#     expire audit records, or give log administration to a separate role and person.
package rolegate.rules.traceability.audit_tampering

import rego.v1

import data.rolegate.lib.grants
import data.rolegate.lib.model
import data.rolegate.lib.result
import data.rolegate.lib.traceability

findings contains result.finding(role, ["spec", "grants", i, "actions", j], result.role_subject(role), msg) if {
	some grant, places in grants.places
	some j, action in grant.actions
	action in model.audit_tamper_actions
	some [r, i] in places
	role := input.roles[r]
	read := _personal_reads(role)
	count(read) > 0
	msg := sprintf("role %q: can %s on %s and also reads personal data (%s)", [
		role.metadata.name, action, grant.resource, concat(", ", sort(read)),
	])
}

# _personal_reads are the resources whose personal fields the role reads.
_personal_reads(role) := {g.resource |
	some g in role.spec.grants
	model.reads(g)
	traceability.has_personal(g)
}
