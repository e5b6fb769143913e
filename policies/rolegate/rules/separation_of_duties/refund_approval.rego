# METADATA
# title: Refund or credit and its approval held together
# description: |
#   One role, or one person through all of their accounts, can both refund or credit
#   (actions `refund`, `credit`) and `approve` on the same resource. Whoever holds both
#   sides can pay money out and approve it themselves, so the approval threshold and
#   the second pair of eyes it stands for are void.
# custom:
#   id: SOD-001
#   severity: high
#   subject: role
#   controls: [ISO27001-A.5.3, ISO27001-A.5.15, SOC2-CC6.1, SOC2-CC6.3]
#   remediation: |
#     Give refunds or credits and their approval to different roles, and bind those roles
#     to different people.
package rolegate.rules.separation_of_duties.refund_approval

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.people
import data.rolegate.lib.privilege
import data.rolegate.lib.result

_payouts := ["credit", "refund"]

findings contains result.finding(role, privilege.action_path(role, resource, "approve"), result.role_subject(role), msg) if {
	some role in input.roles
	caps := access.role_capabilities(role)
	some cap in caps
	parts := split(cap, ":")
	parts[1] == "approve"
	resource := parts[0]
	paying := [action | some action in _payouts; sprintf("%s:%s", [resource, action]) in caps]
	count(paying) > 0
	msg := sprintf("role %q: can both %s and approve on %s", [role.metadata.name, concat(" and ", paying), resource])
}

findings contains result.finding(entry.doc, array.concat(entry.path, ["roles"]), result.account_subject(entry.account), msg) if {
	some person, caps in people.several_roles_capabilities
	some cap in caps
	parts := split(cap, ":")
	parts[1] == "approve"
	resource := parts[0]
	paying := {sprintf("%s:%s", [resource, action]) | some action in _payouts} & caps
	count(paying) > 0
	not privilege.one_role_holds(person, paying, {cap})
	entry := privilege.person_account(person)
	msg := sprintf("account %q: person %s can %s on %s (%s) and approve it (%s)", [
		entry.account.id, person, concat(" and ", [split(c, ":")[1] | some c in sort(paying)]), resource,
		privilege.roles_phrase(privilege.roles_with(person, paying)),
		privilege.roles_phrase(privilege.roles_with(person, {cap})),
	])
}
