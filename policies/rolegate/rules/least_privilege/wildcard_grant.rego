# METADATA
# title: Wildcard or super-permission grant
# description: |
#   A grant names `*` as its resource, as an action or as a field. A wildcard gives a role
#   everything that exists now and everything added later, so nobody can say what the
#   role's holders can see, and minimal necessary access cannot be shown.
# custom:
#   id: LP-001
#   severity: critical
#   subject: role
#   controls: [LGPD-6-III, PCI-7.2.1, ISO27001-A.5.15, SOC2-CC6.3]
#   remediation: |
#     Replace the wildcard with the resources, actions and fields the role's job
#     functions need, each named explicitly.
package rolegate.rules.least_privilege.wildcard_grant

import rego.v1

import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "grants", i, "resource"], result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	grant.resource == "*"
	msg := sprintf("role %q: grant %d names every resource (\"*\")", [role.metadata.name, i])
}

findings contains result.finding(role, ["spec", "grants", i, "actions", j], result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	some j, action in grant.actions
	action == "*"
	msg := sprintf("role %q: grant on %s names every action (\"*\")", [role.metadata.name, grant.resource])
}

findings contains result.finding(role, ["spec", "grants", i, "fields", "*"], result.role_subject(role), msg) if {
	some role in input.roles
	some i, grant in role.spec.grants
	grant.fields["*"]
	msg := sprintf("role %q: grant on %s names every field (\"*\")", [role.metadata.name, grant.resource])
}
