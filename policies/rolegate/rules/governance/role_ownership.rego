# METADATA
# title: Role without owner, independent approver or change ticket
# description: |
#   A role has no `owner`, no `approvers`, no `change_ticket`, or only its own owner as
#   approver. Somebody must answer for what a role can see, and a change to it must be
#   approved by somebody other than the person who asked for it, against a ticket that
#   records why.
# custom:
#   id: GOV-001
#   severity: high
#   subject: role
#   controls: [LGPD-6-X, LGPD-50, ISO27001-A.5.15, ISO27001-A.5.3, SOC2-CC6.3]
#   remediation: |
#     Set metadata.owner to the accountable manager, list at least one approver other
#     than the owner, and record the change ticket that approved this version.
package rolegate.rules.governance.role_ownership

import rego.v1

import data.rolegate.lib.result

findings contains result.finding(role, ["metadata"], result.role_subject(role), msg) if {
	some role in input.roles
	some key in ["owner", "approvers", "change_ticket"]
	not role.metadata[key]
	msg := sprintf("role %q: metadata has no %s", [role.metadata.name, key])
}

findings contains result.finding(role, ["metadata", "approvers"], result.role_subject(role), msg) if {
	some role in input.roles
	count(role.metadata.approvers) == 0
	msg := sprintf("role %q: approvers is empty", [role.metadata.name])
}

findings contains result.finding(role, ["metadata", "approvers"], result.role_subject(role), msg) if {
	some role in input.roles
	owner := role.metadata.owner
	count(role.metadata.approvers) > 0
	every approver in role.metadata.approvers {
		approver == owner
	}
	msg := sprintf("role %q: the only approver is the owner %s", [role.metadata.name, owner])
}
