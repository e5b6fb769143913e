# METADATA
# title: Frontline role can create API tokens
# description: |
#   A frontline role has `create_api_token`. Frontline roles are held by people who serve
#   customers one contact at a time (every frontline role is treated as human: machines
#   get service accounts and roles of their own). A token lets its holder script the
#   system outside the agent desktop, at machine speed, with the holder's whole access and
#   often beyond the session's MFA, idle timeout and per-contact scope.
# custom:
#   id: EXP-002
#   severity: high
#   subject: role
#   controls: [LGPD-46, PCI-7.2.1, ISO27001-A.8.2, ISO27001-A.8.5, SOC2-CC6.1]
#   remediation: |
#     Remove create_api_token from the role; integrations get a service account, owned by
#     a named person, with a role of their own.
package rolegate.rules.export.api_token

import rego.v1

import data.rolegate.lib.result

findings contains result.finding(role, ["spec", "grants", i, "actions", j], result.role_subject(role), msg) if {
	some role in input.roles
	role.spec.tier == "frontline"
	some i, grant in role.spec.grants
	some j, action in grant.actions
	action == "create_api_token"
	msg := sprintf("role %q: frontline role can create api tokens (grant on %s)", [role.metadata.name, grant.resource])
}
