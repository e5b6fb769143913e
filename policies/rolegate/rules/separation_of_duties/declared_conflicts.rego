# METADATA
# title: Declared separation-of-duties conflict held together
# description: |
#   One role, or one person through all of their accounts, holds both capabilities of a
#   pair in the JobFunctions' or the OrgPolicy's `sod_conflicts`. The organisation has
#   said those duties need two people; one person holding both can do and cover up, or
#   do and approve, on their own.
# custom:
#   id: SOD-003
#   severity: high
#   subject: role
#   controls: [ISO27001-A.5.3, ISO27001-A.5.15, SOC2-CC6.1, SOC2-CC6.3]
#   remediation: |
#     Split the two capabilities into roles held by different people, or, if the pair is
#     no longer a conflict, remove it from sod_conflicts through the approval it needs.
package rolegate.rules.separation_of_duties.declared_conflicts

import rego.v1

import data.rolegate.lib.access
import data.rolegate.lib.model
import data.rolegate.lib.people
import data.rolegate.lib.privilege
import data.rolegate.lib.result

# _pairs are the declared conflicts, each as a sorted pair of distinct capabilities.
_pairs contains sort(pair) if {
	some doc in input.job_functions
	some pair in object.get(doc.spec, "sod_conflicts", [])
	pair[0] != pair[1]
}

_pairs contains sort(pair) if {
	some pair in model.org.sod_conflicts
	pair[0] != pair[1]
}

findings contains result.finding(role, privilege.capability_path(role, pair[1]), result.role_subject(role), msg) if {
	some role in input.roles
	caps := access.role_capabilities(role)
	some pair in _pairs
	pair[0] in caps
	pair[1] in caps
	msg := sprintf("role %q: holds both %s and %s, a declared separation-of-duties conflict", [
		role.metadata.name, pair[0], pair[1],
	])
}

findings contains result.finding(entry.doc, array.concat(entry.path, ["roles"]), result.account_subject(entry.account), msg) if {
	some person, caps in people.several_roles_capabilities
	some pair in _pairs
	pair[0] in caps
	pair[1] in caps
	not privilege.one_role_holds(person, {pair[0]}, {pair[1]})
	entry := privilege.person_account(person)
	msg := sprintf("account %q: person %s holds both %s (%s) and %s (%s), a declared separation-of-duties conflict", [
		entry.account.id, person,
		pair[0], privilege.roles_phrase(privilege.roles_with(person, {pair[0]})),
		pair[1], privilege.roles_phrase(privilege.roles_with(person, {pair[1]})),
	])
}
